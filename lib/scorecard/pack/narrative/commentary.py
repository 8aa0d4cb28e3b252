"""Commentary per indicator, written inline in a section file as a fenced div:

    ::: {.commentary indicator="3"}
    There has been `{python} change_word("3")` in the % of cases ... `{python} from_to("3")` ...
    :::

(``indicator="19a 19b 19c"`` for a paragraph about several.) Quarto renders it where it is written;
its filter (``quarto/blocks.lua``) gives the block the id ``commentary-<first id>`` that the
section table's row links to. The pack reads the same blocks from the section files' text, so it
knows which indicators have commentary, shows each again on its indicator's exception page (each
inline expression answered by the same helper), and says which exceptions have none.

Commentary counts for the pack's month when its file's narrative was written for that month (or
does not say); commentary kept from a council's file (``data/commentary.csv``) counts where there
is no inline commentary for the indicator.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from scorecard.pack import opened
from scorecard.pack.layout import commentary_anchor

if TYPE_CHECKING:
    from scorecard.project import Project

CLASS = "commentary"
_OPEN = re.compile(r"^(:{3,})\s*\{([^}]*)\}\s*$")
_ANY_OPEN = re.compile(r"^:{3,}\s*(\{[^}]*\}|[\w-]+)\s*$")
_CLOSE = re.compile(r"^:{3,}\s*$")
_CODE = re.compile(r"^\s*(`{3,}|~{3,})")
_INDICATOR = re.compile(r"""\bindicator\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'}]+))""")
INLINE = re.compile(r"`\{python\}[ \t]([^`]+)`")
EXAMPLE = '::: {.commentary indicator="3"}'


@dataclass(frozen=True)
class Commentary:
    """One commentary block as written: its file, the line of its opening fence, its indicators,
    its Markdown (inline expressions not yet answered) and the month its file was written for."""

    file: str
    line: int
    ids: tuple[str, ...]
    text: str
    month: str | None = None

    @property
    def anchor(self) -> str:
        return commentary_anchor(self.ids[0]) if self.ids else ""

    def counts_for(self, period: str) -> bool:
        """Whether it speaks for ``period``'s pack: its file was written for that month, or says none."""
        return self.month is None or self.month == period


@dataclass(frozen=True)
class Slip:
    """Something wrong with a commentary block: its file, line, the text at fault and what is wrong."""

    file: str
    line: int
    value: str
    message: str


def _blocks(shown: str, text: str, month: str | None) -> tuple[list[Commentary], list[Slip]]:
    """The commentary blocks of one file's text, and the slips found reading them."""
    found: list[Commentary] = []
    slips: list[Slip] = []
    lines = text.split("\n")
    n, code = 0, ""
    while n < len(lines):
        line = lines[n]
        fence = _CODE.match(line)
        if code:  # a code block is never commentary, whatever it holds
            if fence and fence[1][0] == code[0] and len(fence[1]) >= len(code) and line.strip() == fence[1]:
                code = ""
            n += 1
            continue
        if fence:
            code = fence[1]
            n += 1
            continue
        opening = _OPEN.match(line)
        if not opening or f".{CLASS}" not in opening[2].split():
            n += 1
            continue
        depth, end = 1, n + 1
        while end < len(lines) and depth:
            depth += 1 if _ANY_OPEN.match(lines[end]) else -1 if _CLOSE.match(lines[end]) else 0
            end += 1
        said = _INDICATOR.search(opening[2])
        ids = tuple(next((g for g in said.groups() if g is not None), "").split()) if said else ()
        if depth:
            message = "commentary block never closed; expected a ::: line after it"
            slips.append(Slip(shown, n + 1, line.strip(), message))
        elif not ids:
            message = f"commentary block names no indicator; expected {EXAMPLE}"
            slips.append(Slip(shown, n + 1, line.strip(), message))
        else:
            found.append(Commentary(shown, n + 1, ids, "\n".join(lines[n + 1 : end - 1]).strip(), month))
        n = end
    return found, slips


def read_commentary(project: Project, sections: Iterable[str]) -> tuple[list[Commentary], list[Slip]]:
    """Every commentary block of the files of ``sections`` (the settings' keys: the pack's own
    narrative), in file order, and the slips."""
    from scorecard.pack.narrative.inline import read_narrative
    from scorecard.pack.narrative.marker import narrative_for
    from scorecard.project import section_key

    blocks: list[Commentary] = []
    slips: list[Slip] = []
    keys = set(sections)
    for path in sorted(p for p in project.sections.glob("*.qmd") if section_key(p) in keys):
        try:
            text = read_narrative(path)  # regular files only, capped, as the check reads them
        except (OSError, ValueError):
            continue  # the check names a file it cannot read (check._read); it has no blocks to give
        found, wrong = _blocks(str(path), text, narrative_for(text))  # named as the checks name it
        blocks += found
        slips += wrong
    return blocks, slips


def slips(blocks: Iterable[Commentary], known: Iterable[str], helpers: Iterable[str]) -> list[Slip]:
    """An indicator the catalogue does not have, and an inline expression that is not a helper
    called with plain values (the exception page must answer it as the section does)."""
    known, helpers = set(known), set(helpers)
    found = []
    for block in blocks:
        for ident in block.ids:
            if ident not in known:
                message = "no indicator with this ID in catalogue.csv; expected an ID the catalogue has"
                found.append(Slip(block.file, block.line, ident, message))
        for match in INLINE.finditer(block.text):
            if _call(match[1].strip(), helpers) is None and not _named_elsewhere(match[1].strip(), helpers):
                line = block.line + 1 + block.text.count("\n", 0, match.start())
                message = (
                    "not a helper call with plain values; expected, in commentary, a narrative helper "
                    'such as fmt_value("5")'
                )
                found.append(Slip(block.file, line, match[1].strip(), message))
    return found


def _named_elsewhere(expression: str, helpers: set[str]) -> bool:
    """Whether the narrative's own check already names this expression's fault: not Python, or a
    call to no helper."""
    try:
        tree = ast.parse(expression, mode="eval").body
    except SyntaxError:
        return True
    return isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name) and tree.func.id not in helpers


def _call(expression: str, helpers: set[str]) -> tuple[str, tuple, dict] | None:
    """(helper, args, kwargs) of an inline expression that is a helper called with literals."""
    try:
        tree = ast.parse(expression, mode="eval").body
        if not (isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name) and tree.func.id in helpers):
            return None
        args = tuple(ast.literal_eval(a) for a in tree.args)
        kwargs = {k.arg: ast.literal_eval(k.value) for k in tree.keywords if k.arg is not None}
    except (SyntaxError, ValueError, TypeError):
        return None
    return (tree.func.id, args, kwargs) if len(kwargs) == len(tree.keywords) else None


def answered(block: Commentary, helpers: Mapping[str, Callable[..., object]]) -> str:
    """The block's Markdown with each inline expression answered by its helper, as the section shows
    it (each answer escaped as the helpers' own Markdown)."""

    def answer(match: re.Match[str]) -> str:
        call = _call(match[1].strip(), set(helpers))
        if call is None:
            raise ValueError(f"{block.file}:{block.line}: {match[1].strip()} - not a helper call")
        name, args, kwargs = call
        shown = helpers[name](*args, **kwargs)
        markdown = getattr(shown, "_repr_markdown_", None)
        return markdown() if callable(markdown) else str(shown)

    return INLINE.sub(answer, block.text)


_MARKUP = (
    (re.compile(r"\[([^\]]*)\]\{[^}]*\}"), r"\1"),  # a span: [19]{.typed}
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # a link
    (re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~$@^&])"), r"\1"),  # an escaped character
    (re.compile(r"\s+"), " "),
)


def plain(markdown: str) -> str:
    """Markdown as the words a reader sees: for the export and the downloads."""
    for pattern, put in _MARKUP:
        markdown = pattern.sub(put, markdown)
    return markdown.strip()


# --- the pack's commentary -----------------------------------------------------------------------


def use_commentary(blocks: list[Commentary]) -> None:
    """Make ``blocks`` the commentary the helpers and the exception report read (``open_pack``)."""
    opened.CURRENT.commentary = blocks


def current_commentary() -> list[Commentary]:
    return cast("list[Commentary]", opened.CURRENT.need(opened.CURRENT.commentary))


def by_indicator(blocks: Iterable[Commentary], period: str) -> dict[str, list[Commentary]]:
    """Each indicator's commentary blocks that speak for ``period``, in file order."""
    found: dict[str, list[Commentary]] = {}
    for block in blocks:
        if block.counts_for(period):
            for ident in block.ids:
                found.setdefault(ident, []).append(block)
    return found
