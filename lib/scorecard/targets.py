"""Targets as published, parsed into a structured form the RAG rules can use.

Every published form is understood; anything else raises ``TargetError`` so an unreadable target is a
validation problem and never silently becomes "no target".

=============  ==========  ========================  ======  =============
published      kind        lower / upper             strict  unit
=============  ==========  ========================  ======  =============
``90.0%``      threshold   90.0 / 90.0               False   ``%``
``0``, ``15``  threshold   0 / 0, 15 / 15            False   ``""``
``6 per month`` threshold  6 / 6                     False   ``per month``
``Below 8%``   below       None / 8.0                True    ``%``
``80%+``       at_least    80.0 / None               False   ``%``
``105-135``    range       105 / 135                 False   ``""``
``Monitor``    monitor     None / None               False   ``""``
``N/A``, blank none        None / None               False   ``""``
=============  ==========  ========================  ======  =============

A threshold's direction (at least T or at most T) comes from the indicator's polarity, so a
threshold carries the same number in ``lower`` and ``upper``; ``Target.value`` reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class TargetError(ValueError):
    """A published target none of the known forms can read."""


class TargetKind(StrEnum):
    THRESHOLD = "threshold"
    BELOW = "below"
    AT_LEAST = "at_least"
    RANGE = "range"
    MONITOR = "monitor"
    NONE = "none"


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    lower: float | None
    upper: float | None
    strict: bool
    unit: str
    text: str

    @property
    def value(self) -> float | None:
        """The single number of a threshold, below or at-least target; None for range/monitor/none."""
        if self.kind in (TargetKind.THRESHOLD, TargetKind.AT_LEAST):
            return self.lower
        if self.kind is TargetKind.BELOW:
            return self.upper
        return None

    @property
    def rated(self) -> bool:
        """Whether values can be rated against this target at all."""
        return self.kind not in (TargetKind.MONITOR, TargetKind.NONE)


EXPECTED = (
    "expected a target such as '90.0%', '45%', 'Below 8%', '80%+', '6 per month', '15', "
    "'105-135', '90-95%', 'Monitor', 'N/A' or blank"
)

_NUMBER = r"([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"  # ASCII digits only
_UNIT = r"\s*(%|per\s+month)?"
_THRESHOLD = re.compile(rf"{_NUMBER}{_UNIT}", re.IGNORECASE)
_BELOW = re.compile(rf"below\s+{_NUMBER}{_UNIT}", re.IGNORECASE)
_AT_LEAST = re.compile(rf"{_NUMBER}\s*(%)?\s*\+", re.IGNORECASE)
_RANGE = re.compile(rf"{_NUMBER}\s*(%)?\s*[-–]\s*{_NUMBER}\s*(%)?", re.IGNORECASE)
_NONE = {"", "n/a", "na"}


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


def parse_target(text: str) -> Target:
    """Parse a published target; raise ``TargetError`` saying what was expected."""
    if not isinstance(text, str):
        raise TargetError(f"target {text!r} is not text; {EXPECTED}")
    clean = text.strip()
    lowered = clean.lower()
    if lowered in _NONE:
        return Target(TargetKind.NONE, None, None, False, "", text)
    if lowered == "monitor":
        return Target(TargetKind.MONITOR, None, None, False, "", text)
    if match := _BELOW.fullmatch(clean):
        return Target(TargetKind.BELOW, None, _number(match[1]), True, _unit(match[2]), text)
    if match := _AT_LEAST.fullmatch(clean):
        return Target(TargetKind.AT_LEAST, _number(match[1]), None, False, _unit(match[2]), text)
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
    raise TargetError(f"target '{text}' is not a known form; {EXPECTED}")
