"""Every published target form, and the garbage that must never become 'no target'."""

from __future__ import annotations

import pytest

from scorecard.targets import Target, TargetError, TargetKind, parse_target, polarity_conflict


@pytest.mark.parametrize(
    ("text", "kind", "lower", "upper", "strict", "unit"),
    [
        ("90.0%", TargetKind.THRESHOLD, 90.0, 90.0, False, "%"),
        ("45%", TargetKind.THRESHOLD, 45.0, 45.0, False, "%"),
        ("95.00%", TargetKind.THRESHOLD, 95.0, 95.0, False, "%"),
        ("Below 8%", TargetKind.BELOW, None, 8.0, True, "%"),
        ("below 50", TargetKind.BELOW, None, 50.0, True, ""),
        ("below 10%", TargetKind.BELOW, None, 10.0, True, "%"),
        ("80%+", TargetKind.AT_LEAST, 80.0, None, False, "%"),
        ("6 per month", TargetKind.THRESHOLD, 6.0, 6.0, False, "per month"),
        ("0", TargetKind.THRESHOLD, 0.0, 0.0, False, ""),
        ("15", TargetKind.THRESHOLD, 15.0, 15.0, False, ""),
        ("1,000", TargetKind.THRESHOLD, 1000.0, 1000.0, False, ""),
        ("105-135", TargetKind.RANGE, 105.0, 135.0, False, ""),
        ("34-35", TargetKind.RANGE, 34.0, 35.0, False, ""),
        ("90-95%", TargetKind.RANGE, 90.0, 95.0, False, "%"),
        ("90%-95%", TargetKind.RANGE, 90.0, 95.0, False, "%"),
        ("Monitor", TargetKind.MONITOR, None, None, False, ""),
        ("N/A", TargetKind.NONE, None, None, False, ""),
        ("NA", TargetKind.NONE, None, None, False, ""),
        ("", TargetKind.NONE, None, None, False, ""),
        ("  ", TargetKind.NONE, None, None, False, ""),
    ],
)
def test_every_published_form(text, kind, lower, upper, strict, unit):
    target = parse_target(text)
    assert target == Target(kind, lower, upper, strict, unit, text)


def test_surrounding_spaces_are_ignored_but_text_kept():
    target = parse_target(" 90.0% ")
    assert (target.kind, target.lower, target.text) == (TargetKind.THRESHOLD, 90.0, " 90.0% ")


@pytest.mark.parametrize(
    ("text", "value", "rated"),
    [
        ("90.0%", 90.0, True),
        ("Below 8%", 8.0, True),
        ("80%+", 80.0, True),
        ("105-135", None, True),
        ("Monitor", None, False),
        ("N/A", None, False),
    ],
)
def test_value_and_rated(text, value, rated):
    target = parse_target(text)
    assert target.value == value
    assert target.rated is rated


@pytest.mark.parametrize(
    "text", ["abc", "10-", "5-3", "90%%", "35-35", "-5", "below", "90% per month", "9O%", "90-95%x", "%"]
)
def test_garbage_raises_with_what_was_expected(text):
    with pytest.raises(TargetError) as error:
        parse_target(text)
    assert text.strip() in str(error.value)


def test_unknown_form_message_lists_the_forms():
    with pytest.raises(TargetError, match=r"expected a target such as '90\.0%'"):
        parse_target("abc")


def test_not_text_raises():
    with pytest.raises(TargetError):
        parse_target(None)  # type: ignore[arg-type]


def test_target_error_is_a_value_error():
    assert issubclass(TargetError, ValueError)


@pytest.mark.parametrize(
    ("target", "polarity", "conflict"),
    [
        ("90.0%", "higher_is_better", ""),
        ("45%", "lower_is_better", ""),
        ("105-135", "within_band", ""),
        ("90-95%", "higher_is_better", ""),
        ("Monitor", "no_preference", ""),
        ("Below 8%", "lower_is_better", ""),
        ("80%+", "higher_is_better", ""),
        ("90.0%", "no_preference", ""),  # not rated, so nothing to contradict
        ("15", "within_band", "within_band needs a range target"),
        ("Monitor", "within_band", "within_band needs a range target"),
        ("below 10%", "higher_is_better", "means lower is better; expected lower_is_better"),
        ("80%+", "lower_is_better", "means higher is better; expected higher_is_better"),
    ],
)
def test_polarity_conflict_is_what_check_says(target, polarity, conflict):
    message = polarity_conflict(parse_target(target), polarity)
    if not conflict:
        assert message == ""
    else:
        assert conflict in message
        assert f"'{target}'" in message
