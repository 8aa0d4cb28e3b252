"""``python -m scorecard brief``: the month's notable facts, ranked by general rules.

How the ranking is judged: the seed's own published narrative (data/raw/scorecard-2024-25.txt, its
"Narrative:" paragraphs) is the analyst's choice of what was worth a sentence in March 2025. Each
paragraph's subject is the IDs it names. The brief's first 25 facts must cover at least two thirds of
those subjects, and more of them than the pack's own ranked listing ("off target and getting worse")
does. The rules themselves are tested on small series of their own, and the brief is run on every
month of the year.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import numpy as np
import pytest
from _cli import run_scorecard

from scorecard.data.load import load_data
from scorecard.pack.narrative import helpers as narrative
from scorecard.pack.narrative.brief import brief_text, month_brief
from scorecard.pack.parts.summary import off_target_and_worse
from scorecard.rules import notable
from scorecard.rules.frame import build_scorecard

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "raw" / "scorecard-2024-25.txt"
DATA = load_data(ROOT / "data")
TOP = 25


def analyst_subjects() -> list[set[str]]:
    """The IDs each paragraph of the seed's narrative is about: ``ID 19a - c`` is 19a, 19b and 19c,
    ``ID 69-72`` is 69 to 72, ``ID 29 & 30`` both, and any ``ID n`` later in the paragraph too."""
    subjects, reading = [], False
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        text = line.strip("\t ")
        if line.startswith("ID\t"):
            reading = False
        elif text.startswith("Narrative:"):
            reading = True
        elif reading and (found := re.match(r"ID\s?(\d+)([a-z]?)(?:\s*[-&]\s*(\d*)([a-z]?))?", text)):
            first, letter, last, last_letter = found.groups()
            if last:
                ids = {str(n) for n in range(int(first), int(last) + 1)}
            elif last_letter:
                ids = {first + chr(c) for c in range(ord(letter), ord(last_letter) + 1)}
            else:
                ids = {first + letter}
            subjects.append(ids | set(re.findall(r"ID (\d+[a-z]?)", text[found.end() :])))
    return subjects


def covered(subjects: list[set[str]], ids: set[str]) -> int:
    return sum(bool(subject & ids) for subject in subjects)


@pytest.fixture(scope="module")
def march():
    return month_brief(DATA)


def test_the_seed_narrative_reads_as_sixteen_subjects() -> None:
    subjects = analyst_subjects()
    assert len(subjects) == 16  # the auditing paragraph names no ID
    assert {"19a", "19b", "19c"} in subjects and {"29", "30"} in subjects
    assert {"69", "70", "71", "72", "74"} in subjects


def test_the_first_25_facts_are_the_ones_the_analyst_wrote_about(march) -> None:
    subjects = analyst_subjects()
    brief = covered(subjects, {f.id for f in march.facts[:TOP]})
    listing = covered(subjects, set(off_target_and_worse(build_scorecard(DATA))["ID"][:TOP]))
    assert brief >= len(subjects) * 2 / 3, f"the brief's first {TOP} cover {brief} of {len(subjects)}"
    assert brief > listing, (brief, listing)


def test_facts_are_ranked_and_spread_over_indicators(march) -> None:
    scores = [f.score for f in march.facts]
    assert scores == sorted(scores, reverse=True)
    assert len({f.id for f in march.facts[:TOP]}) == TOP  # a second fact of one indicator counts half
    assert len(march.facts) < 2 * len(DATA.catalogue)  # not everything: a fact needs a reason


def _said(expression: str) -> str:
    """What the inline expression says, evaluated by the helper it names."""
    call = ast.parse(expression.strip("`").removeprefix("{python} "), mode="eval").body
    assert isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
    helper = getattr(narrative, call.func.id)
    return str(helper(*(ast.literal_eval(a) for a in call.args)))


@pytest.mark.parametrize("period", ["2024-09", "2024-12", "2025-02", "2025-03"])
def test_every_fact_comes_with_the_expression_that_states_it(period: str) -> None:
    brief = month_brief(DATA, period)
    assert brief.facts, period
    for fact in brief.facts:
        assert fact.kind in notable.KINDS
        assert re.fullmatch(r'`\{python\} [a-z_]+\("\w+"\)`', fact.expression), fact.expression
        assert _said(fact.expression) in fact.text, fact  # the words the pack will show


def test_json_has_the_shape_the_issue_gives() -> None:
    done = run_scorecard("--data", str(ROOT / "data"), "brief", "--json")
    assert done.returncode == 0, done.stderr
    brief = json.loads(done.stdout)
    assert brief["period"] == "2025-03"
    assert set(brief["changes"]) >= {
        "newly_off_target",
        "back_on_target",
        "amber_to_red",
        "red_to_amber",
        "newly_special_cause",
        "revised",
    }
    assert brief["changes"]["revised"] == []  # the shipped data was imported once
    assert len(brief["facts"]) == TOP
    for fact in brief["facts"]:
        assert {"id", "section", "kind", "text", "expression"} <= set(fact)


def test_the_plain_brief_is_grouped_by_section(march) -> None:
    text = brief_text(march)
    titles = [s.title for s in DATA.settings.sections]
    positions = [text.index(f"\n{title}\n") for title in titles if f"\n{title}\n" in text]
    assert positions == sorted(positions) and len(positions) >= 4
    assert text.count("`{python} ") == TOP


def test_a_record_needs_six_points_and_is_strict() -> None:
    series = notable.Series([f"2024-{m:02d}" for m in range(1, 8)], np.array([5, 6, 5, 7, 6, 5, 9.0]), 7)
    score, high = notable.record(series, 0)
    assert high and score > 1.5
    tie = notable.Series(series.periods, np.array([5, 9, 5, 7, 6, 5, 9.0]), 7)
    assert notable.record(tie, 0) is None
    short = notable.Series(series.periods[:5], np.array([5, 6, 5, 7, 9.0]), 5)
    assert notable.record(short, 0) is None


def test_runs_moves_crossings_and_special_causes() -> None:
    rising = notable.Series(["a"] * 6, np.array([1, 2, 3, 3, 4, 5.0]), 6)
    assert notable.run(rising) == 2  # the equal month ends the run before it
    falling = notable.Series(["a"] * 5, np.array([9, 8, 7, 6, 5.0]), 5)
    assert notable.run(falling) == -4
    steady = notable.Series(["a"] * 6, np.array([10, 11, 10, 11, 10, 16.0]), 6)
    assert notable.move_size(steady, 0) == pytest.approx(6.0)  # six typical monthly moves
    assert notable.crossing("green", "green", 3.0) is None
    assert notable.crossing("green", "red", 0.0) == (2.5, True)
    assert notable.crossing("amber", "green", 1.0) == (2.25, False)
    assert notable.special_cause_begins(["common_cause", "concern"])
    assert not notable.special_cause_begins(["concern", "concern"])
    assert notable.weight(True, 2.0) == 1.75 and notable.weight(False, 2.0) == 1.0


def test_brief_refuses_a_period_with_no_data() -> None:
    done = run_scorecard("--data", str(ROOT / "data"), "brief", "--period", "2019-01")
    assert done.returncode == 2 and "no data for this period" in done.stderr


def test_the_brief_prompts_for_the_long_shifts_with_the_line_to_add(march) -> None:
    text = brief_text(march)
    assert "Has the process changed?" in text
    for ident, where in (("18", "above"), ("19b", "below"), ("23", "above")):
        assert f"ID {ident} has sat {where} its mean for 7 months, since Sep-24." in text
        assert f"\n       {ident},2024-09,<what changed>\n" in text + "\n"
    done = run_scorecard("--data", str(ROOT / "data"), "brief", "--json")
    shifts = json.loads(done.stdout)["shifts"]
    assert [(s["id"], s["from"], s["points"]) for s in shifts] == [
        ("18", "2024-09", 7),
        ("19b", "2024-09", 7),
        ("23", "2024-09", 7),
    ]
    assert shifts[0]["line"] == "18,2024-09,<what changed>"


def test_the_line_the_brief_gives_stops_check_until_the_reason_is_written(tmp_data_dir: Path) -> None:
    line = month_brief(DATA).shifts[0].line()
    (tmp_data_dir / "rebases.csv").write_text(f"id,from,reason\n{line}\n")
    done = run_scorecard("--data", str(tmp_data_dir), "check")
    assert done.returncode == 2 and "a placeholder; expected the reason in words" in done.stderr
    (tmp_data_dir / "rebases.csv").write_text("id,from,reason\n18,2024-09,new threshold guidance\n")
    assert run_scorecard("--data", str(tmp_data_dir), "check").returncode == 0
    assert [s.id for s in month_brief(load_data(tmp_data_dir)).shifts] == ["19b", "23"]
