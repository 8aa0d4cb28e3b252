"""The documentation tells the truth: every narrative helper is in its table, and each example's
output is what the helper gives on the shipped data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorecard.data.load import load_data
from scorecard.pack import narrative
from scorecard.pack.since_last_pack import since_last_pack
from scorecard.rules.frame import build_scorecard

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "docs" / "narrative-helpers.md"
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


def test_every_helper_is_in_the_table() -> None:
    text = HELPERS.read_text(encoding="utf-8")
    missing = [name for name in narrative.__all__ if f"| `{name}(" not in text]
    assert missing == []


@pytest.fixture(scope="module")
def shipped() -> None:
    sc = build_scorecard(load_data(ROOT / "data"))
    narrative.use(narrative.facts_from(sc, since_last_pack(sc)))  # as the pack's first cell does


@pytest.mark.parametrize(("call", "output"), _examples())
def test_each_example_gives_its_output(shipped: None, call: str, output: str) -> None:
    assert str(eval(call, vars(narrative))) == output  # the table's own call, on the shipped data
