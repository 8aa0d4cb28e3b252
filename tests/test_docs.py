"""The documentation tells the truth: every narrative helper is in its table, each example's output
is what the helper gives on the shipped data, and every link between the documents leads somewhere.
The README stays a short front page that links to every document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorecard.data.load import load_data
from scorecard.pack.narrative import facts
from scorecard.pack.narrative import helpers as narrative
from scorecard.pack.narrative.commentary import read_commentary, use_commentary
from scorecard.pack.parts.since_last_pack import since_last_pack
from scorecard.project import Project
from scorecard.rules.frame import build_scorecard

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "docs" / "narrative-helpers.md"
README = ROOT / "README.md"
README_MAX_LINES = 180
# Every document a reader reaches from the README; each is checked for links that lead nowhere.
LINKED_FROM_README = sorted(
    [*(ROOT / "docs").glob("*.md"), ROOT / "bench" / "README.md", ROOT / "CHANGELOG.md"]
)
DOCUMENTS = [README, ROOT / "data" / "README.md", ROOT / "tests" / "README.md", *LINKED_FROM_README]
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
ROW = re.compile(
    r"^\| `?([a-z_]+)?[^|]*\| [^|]* \| `(?P<call>[^`]+)`(?P<where>[^|]*)\| (?P<output>[^|]+) \|$"
)


def _examples() -> list[tuple[str, str]]:
    found = []
    for line in HELPERS.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match and not match["where"].strip():  # the shipped data's, not a test council's
            found.append((match["call"], match["output"].strip()))
    return found


def _readme_examples() -> list[tuple[str, str]]:
    """The README's short table of helpers: `call` | output."""
    rows = re.findall(
        r"^ *\| `([a-z_]+\([^`]*\))` \| ([^|]+) \|$", README.read_text(encoding="utf-8"), re.MULTILINE
    )
    return [(call, output.strip()) for call, output in rows]


def test_every_helper_is_in_the_table() -> None:
    text = HELPERS.read_text(encoding="utf-8")
    missing = [name for name in narrative.__all__ if f"| `{name}(" not in text]
    assert missing == []


@pytest.fixture(scope="module")
def shipped() -> None:
    sc = build_scorecard(load_data(ROOT / "data"))
    opened = facts.facts_from(sc, since_last_pack(sc))
    facts.use(opened)  # as the pack's first cell does, with the commentary written in the section files
    use_commentary(read_commentary(Project(ROOT), opened.sections)[0])


@pytest.mark.parametrize(("call", "output"), _examples() + _readme_examples())
def test_each_example_gives_its_output(shipped: None, call: str, output: str) -> None:
    assert str(eval(call, vars(narrative))) == output  # the table's own call, on the shipped data


def _links(document: Path) -> list[str]:
    """The targets of the document's Markdown links and images; code is text, never a link."""
    text = CODE_SPAN.sub("", FENCE.sub("", document.read_text(encoding="utf-8")))
    return LINK.findall(text)


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _is_relative(target: str) -> bool:
    return not re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE)  # no http:, mailto:, ...


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file(document: Path) -> None:
    text = FENCE.sub("", document.read_text(encoding="utf-8"))
    anchors = {_anchor(h) for h in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}
    broken = []
    for target in filter(_is_relative, _links(document)):
        path, _, fragment = target.partition("#")
        if not path:
            if fragment not in anchors:
                broken.append(target)
        elif not (document.parent / path).exists():
            broken.append(target)
    assert broken == []


def test_the_readme_is_short() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES


def test_the_readme_links_to_every_document() -> None:
    linked = {
        (ROOT / target.partition("#")[0]).resolve() for target in _links(README) if _is_relative(target)
    }
    missing = [str(path.relative_to(ROOT)) for path in LINKED_FROM_README if path.resolve() not in linked]
    assert missing == []
