"""Targets and RAG bands as councils publish them, parsed into a structured form the rules can use.

Every published form is understood; anything else raises ``TargetError`` so an unreadable target is a
validation problem and never silently becomes "no target". Case and spacing are ignored.

===============================================================  =========  ==============  ======
published (case and spacing ignored)                             kind       lower / upper   strict
===============================================================  =========  ==============  ======
``90.0%``, ``0``, ``15``, ``6 per month``                        threshold  T / T           no
``Below 8%``, ``Less than 8%``, ``Fewer than 8``, ``< 8%``        below      None / 8        yes
``No more than 15``, ``At most 15``, ``<= 15``, ``≤ 15``          at_most    None / 15       no
``More than 60%``, ``Above 60%``, ``Over 60``, ``> 60``           above      60 / None       yes
``80%+``, ``At least 80%``, ``>= 80%``, ``≥ 80%``, ``80 or more``  at_least   80 / None       no
``105-135``, ``90-95%``, ``Between 60 and 70``, ``60 to 70``      range      105 / 135       no
``Above Stat Neighbour Average``, ``At or above England``         relative   None / None     (side)
``Monitor``, ``For information``                                 monitor    None / None     no
``N/A``, ``No target``, ``-``, blank                             none       None / None     no
===============================================================  =========  ==============  ======

A threshold's direction (at least T or at most T) comes from the indicator's polarity, so a
threshold carries the same number in ``lower`` and ``upper``; ``Target.value`` reads it. A relative
target names a benchmark (``sn_average``, ``england``, ``region``, ``top_quartile``) and a side;
``resolve`` turns it into ``above`` / ``at_least`` / ``below`` / ``at_most`` once the benchmark's
figure is known.

**Bands.** A council may publish its own green, amber and red bands, each a target-form expression
(``>= 90%``, ``80% - 89.9%``, ``< 80%``; two intervals joined by ``or`` for a band indicator's amber
or red: ``< 30 or > 40``). ``band_intervals`` reads one; ``scorecard.bands`` checks the three
together.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

from scorecard.model import Polarity


class TargetError(ValueError):
    """A published target none of the known forms can read."""


class TargetKind(StrEnum):
    """The published target's form (the table above)."""

    THRESHOLD = "threshold"
    BELOW = "below"
    AT_MOST = "at_most"
    ABOVE = "above"
    AT_LEAST = "at_least"
    RANGE = "range"
    RELATIVE = "relative"
    MONITOR = "monitor"
    NONE = "none"


@dataclass(frozen=True)
class Target:
    """A published target, parsed: its form, its bounds and the text it was read from."""

    kind: TargetKind
    lower: float | None
    upper: float | None
    strict: bool
    unit: str
    text: str
    benchmark: str = ""  # relative targets: the catalogue column of the benchmark
    side: str = ""  # relative targets: "above" or "below" (strict says whether "at" counts)

    @property
    def value(self) -> float | None:
        """The single number of a one-sided target; None for range/relative/monitor/none."""
        if self.kind in (TargetKind.THRESHOLD, TargetKind.AT_LEAST, TargetKind.ABOVE):
            return self.lower
        if self.kind in (TargetKind.BELOW, TargetKind.AT_MOST):
            return self.upper
        return None

    @property
    def rated(self) -> bool:
        """Whether values can be rated against this target at all."""
        return self.kind not in (TargetKind.MONITOR, TargetKind.NONE)

    @property
    def higher_is_better(self) -> bool | None:
        """The direction the target's own words give, or None where only the polarity can say."""
        if self.kind in (TargetKind.AT_LEAST, TargetKind.ABOVE):
            return True
        if self.kind in (TargetKind.BELOW, TargetKind.AT_MOST):
            return False
        if self.kind is TargetKind.RELATIVE:
            return self.side == "above"
        return None


EXPECTED = (
    "expected a target such as '90.0%', 'At least 90%', 'Below 8%', 'No more than 15', '>= 80%', "
    "'80%+', '6 per month', '105-135', 'Between 60 and 70', 'Above Stat Neighbour Average', "
    "'Monitor', 'No target', 'N/A' or blank"
)

_NUMBER = r"([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"  # ASCII digits only
_UNIT = r"\s*(%|per\s+month)?"
_THRESHOLD = re.compile(rf"{_NUMBER}{_UNIT}", re.IGNORECASE)
_ONE_SIDED = [  # (words before the number, or after it; kind)
    (rf"(?:below|less\s+than|fewer\s+than|under|<)\s*{_NUMBER}{_UNIT}", TargetKind.BELOW),
    (
        rf"(?:no\s+more\s+than|not\s+more\s+than|at\s+most|maximum(?:\s+of)?|max\.?|<=|≤|=<)\s*{_NUMBER}{_UNIT}",
        TargetKind.AT_MOST,
    ),
    (rf"{_NUMBER}{_UNIT}\s+or\s+(?:fewer|less|below|under)", TargetKind.AT_MOST),
    (rf"(?:more\s+than|greater\s+than|above|over|>)\s*{_NUMBER}{_UNIT}", TargetKind.ABOVE),
    (
        rf"(?:at\s+least|not\s+less\s+than|no\s+less\s+than|minimum(?:\s+of)?|min\.?|>=|≥|=>)\s*{_NUMBER}{_UNIT}",
        TargetKind.AT_LEAST,
    ),
    (rf"{_NUMBER}{_UNIT}\s+or\s+(?:more|above|over|higher)", TargetKind.AT_LEAST),
    (rf"{_NUMBER}\s*(%)?\s*\+", TargetKind.AT_LEAST),
]
_ONE_SIDED_RE = [(re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in _ONE_SIDED]
_RANGE = re.compile(rf"(?:between\s+)?{_NUMBER}\s*(%)?\s*(?:[-–]|to|and)\s*{_NUMBER}\s*(%)?", re.IGNORECASE)
_NONE = {"", "n/a", "na", "no target", "none", "-", "–", "—", "not applicable"}
_MONITOR = {"monitor", "monitor only", "for information", "information only", "measure for information"}

# Relative targets: "<side> <benchmark>". Benchmarks by the words councils use for them.
BENCHMARK_WORDS = {
    "sn_average": (
        "sn",
        "stat neighbour",
        "stat neighbours",
        "statistical neighbour",
        "statistical neighbours",
    ),
    "england": ("england", "national", "the national"),
    "region": ("region", "regional", "the region"),
    "top_quartile": ("top quartile",),
}
_SIDES = {
    "above": ("above", True),
    "higher than": ("above", True),
    "better than": ("above", True),
    "at or above": ("above", False),
    "in line with or above": ("above", False),
    "in line with": ("above", False),
    "equal to or above": ("above", False),
    "below": ("below", True),
    "lower than": ("below", True),
    "at or below": ("below", False),
    "equal to or below": ("below", False),
}
_RELATIVE = re.compile(
    r"(?P<side>" + "|".join(sorted(map(re.escape, _SIDES), key=len, reverse=True)) + r")\s+(?:the\s+)?"
    r"(?P<benchmark>.+?)(?:\s+(?:average|avg|av|figure|rate|level))?",
    re.IGNORECASE,
)


# Digits before the point of any figure a scorecard holds (a count of children has far fewer; a
# 400-digit number would read as inf). The data's checks use it too.
MAX_DIGITS = 12


def _number(text: str) -> float:
    digits = text.split(".")[0].replace(",", "")
    if len(digits) > MAX_DIGITS:
        raise TargetError(
            f"target number with {len(digits)} digits; expected at most {MAX_DIGITS} before the point"
        )
    return float(text.replace(",", ""))


def _unit(suffix: str | None) -> str:
    if not suffix:
        return ""
    return "%" if suffix == "%" else "per month"


def _benchmark(words: str) -> str | None:
    clean = " ".join(words.lower().replace("'", "").split())
    for column, names in BENCHMARK_WORDS.items():
        if clean in names:
            return column
    return None


def parse_target(text: str) -> Target:
    """Parse a published target; raise ``TargetError`` saying what was expected."""
    if not isinstance(text, str):
        raise TargetError(f"target {text!r} is not text; {EXPECTED}")
    clean = " ".join(text.split())
    lowered = clean.lower()
    if lowered in _NONE:
        return Target(TargetKind.NONE, None, None, False, "", text)
    if lowered in _MONITOR:
        return Target(TargetKind.MONITOR, None, None, False, "", text)
    for pattern, kind in _ONE_SIDED_RE:
        if match := pattern.fullmatch(clean):
            value, unit = _number(match[1]), _unit(match[2])
            strict = kind in (TargetKind.BELOW, TargetKind.ABOVE)
            lower = value if kind in (TargetKind.ABOVE, TargetKind.AT_LEAST) else None
            upper = value if kind in (TargetKind.BELOW, TargetKind.AT_MOST) else None
            return Target(kind, lower, upper, strict, unit, text)
    if match := _RANGE.fullmatch(clean):
        lower, upper = _number(match[1]), _number(match[3])
        if match[2] and not match[4]:
            raise TargetError(f"target '{text}': a percent range puts % after the upper bound, e.g. '90-95%'")
        if lower >= upper:
            raise TargetError(f"target '{text}': range lower bound {lower:g} must be below upper {upper:g}")
        return Target(TargetKind.RANGE, lower, upper, False, _unit(match[4]), text)
    if match := _THRESHOLD.fullmatch(clean):
        value = _number(match[1])
        return Target(TargetKind.THRESHOLD, value, value, False, _unit(match[2]), text)
    if (match := _RELATIVE.fullmatch(clean)) and (benchmark := _benchmark(match["benchmark"])):
        side, strict = _SIDES[match["side"].lower()]
        return Target(TargetKind.RELATIVE, None, None, strict, "", text, benchmark, side)
    raise TargetError(f"target '{text}' is not a known form; {EXPECTED}")


def polarity_conflict(target: Target, polarity: str) -> str:
    """What ``check`` says when a target contradicts the indicator's polarity; "" when they agree.

    A band indicator needs a range (a single number cannot say where the band is), and a target whose
    own words give a direction (``Below 8%``, ``80%+``) must agree with the polarity. ``polarity`` is
    the catalogue's text, compared as text: an unknown one is the schema's problem, not this rule's.

    Examples
    --------
    >>> polarity_conflict(parse_target("Below 8%"), "higher_is_better")
    "target 'Below 8%' means lower is better; expected lower_is_better"
    >>> polarity_conflict(parse_target("105-135"), "within_band")
    ''
    """
    higher = target.higher_is_better
    if polarity == Polarity.BAND and target.kind is not TargetKind.RANGE:
        return f"within_band needs a range target such as 105-135, but the target is '{target.text}'"
    if polarity == Polarity.HIGHER and higher is False:
        return f"target '{target.text}' means lower is better; expected lower_is_better"
    if polarity == Polarity.LOWER and higher is True:
        return f"target '{target.text}' means higher is better; expected higher_is_better"
    return ""


_FIGURE = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")  # ASCII digits only


def benchmark_figure(text: str) -> float | None:
    """The number of a published benchmark (``19%``, ``38r``, ``1,036``); None for ``N/A`` or blank."""
    match = _FIGURE.search(text or "")
    return float(match.group().replace(",", "")) if match else None


def parse_tolerance(text: str) -> float | None:
    """An indicator's own tolerance, ``10%`` -> 0.10 (relative to its target); None when blank;
    ``TargetError`` for anything else."""
    clean = (text or "").strip()
    if not clean:
        return None
    match = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)\s*%", clean)
    if match is None or float(match[1]) >= 100:
        raise TargetError(
            f"tolerance '{text}' is not a percentage of the target; "
            "expected such as '10%' (0% to 99%), or blank"
        )
    return float(match[1]) / 100


def resolve(target: Target, benchmark: float | None) -> Target:
    """A relative target with its benchmark's figure put in; any other target unchanged.

    A relative target whose benchmark has no figure stays relative, and so is not rated.
    """
    if target.kind is not TargetKind.RELATIVE or benchmark is None:
        return target
    if target.side == "above":
        kind = TargetKind.ABOVE if target.strict else TargetKind.AT_LEAST
        return Target(kind, benchmark, None, target.strict, target.unit, target.text)
    kind = TargetKind.BELOW if target.strict else TargetKind.AT_MOST
    return Target(kind, None, benchmark, target.strict, target.unit, target.text)


# --- bands -----------------------------------------------------------------------------------------

BAND_EXPECTED = (
    "expected a band such as '>= 90%', '80% - 89.9%', '< 80%', 'At least 90', '0', or two "
    "joined by 'or' ('< 30 or > 40'), or blank"
)


@dataclass(frozen=True)
class Interval:
    """Values from ``low`` to ``high`` (infinite where unbounded), each end open or closed."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def on_grid(self, decimals: int) -> tuple[int | float, int | float]:
        """The first and last value inside, in steps of the published decimals (10**-decimals).

        Steps are whole numbers, so comparing bands never meets binary fractions: at one decimal
        ``80 - 89.9`` is steps 800..899 and ``>= 90`` starts at 900. Infinite ends stay infinite.
        """
        scale = 10**decimals
        low, high = self.low * scale, self.high * scale
        if not math.isinf(low):
            low = math.floor(low + 1e-9) + 1 if self.low_open else math.ceil(low - 1e-9)
        if not math.isinf(high):
            high = math.ceil(high - 1e-9) - 1 if self.high_open else math.floor(high + 1e-9)
        return low, high


def band_intervals(text: str) -> tuple[Interval, ...]:
    """One band's intervals (none for a blank band); ``TargetError`` for anything else."""
    if not isinstance(text, str):
        raise TargetError(f"band {text!r} is not text; {BAND_EXPECTED}")
    if not text.strip():
        return ()
    intervals = []
    for part in re.split(r"\s+or\s+", text.strip(), flags=re.IGNORECASE):
        try:
            target = parse_target(part)
        except TargetError:
            raise TargetError(f"band '{text}' is not a known form; {BAND_EXPECTED}") from None
        kind = target.kind
        low = -math.inf if target.lower is None else target.lower  # an open side is unbounded
        high = math.inf if target.upper is None else target.upper
        if kind in (TargetKind.THRESHOLD, TargetKind.RANGE):
            intervals.append(Interval(low, high))
        elif kind in (TargetKind.BELOW, TargetKind.AT_MOST):
            intervals.append(Interval(low, high, False, target.strict))
        elif kind in (TargetKind.ABOVE, TargetKind.AT_LEAST):
            intervals.append(Interval(low, high, target.strict, False))
        else:
            raise TargetError(f"band '{text}' has no numbers; {BAND_EXPECTED}")
    return tuple(intervals)
