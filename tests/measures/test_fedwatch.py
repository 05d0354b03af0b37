"""Fed funds futures meeting probabilities against a worked example done by hand."""

from __future__ import annotations

import pytest

from rotascope.errors import DataError
from rotascope.measures.fedwatch import implied_rate, meeting_probabilities

TARGET = (5.25, 5.50)


def test_worked_example_two_meetings() -> None:
    """Worked example (all arithmetic by hand).

    Current target 5.25-5.50%, effective rate 5.33%. Futures: Sep 2024 at 94.75,
    Nov 2024 at 95.20. Meetings: statements on Sep 18 and Nov 7, 2024.

    Meeting 1 (Sep 18; the new rate applies from Sep 19):
        N = 30 days in September, d = 18 days at the old rate.
        avg = 100 - 94.75 = 5.25
        rate_end = (5.25 - 18/30 * 5.33) / (12/30)
                 = (5.25 - 3.198) / 0.4 = 2.052 / 0.4 = 5.13
        move = 5.13 - 5.33 = -0.20 = -20 bp -> k = -0.20 / 0.25 = -0.8 steps
        P(-25 bp) = 0.8, P(no change) = 0.2
        -> 5.00-5.25: 0.80, 5.25-5.50: 0.20

    Meeting 2 (Nov 7; new rate from Nov 8):
        N = 30, d = 7, rate_start = 5.13 (meeting 1's rate_end)
        avg = 100 - 95.20 = 4.80
        rate_end = (4.80 - 7/30 * 5.13) / (23/30)
                 = (4.80 - 1.197) * 30 / 23 = 3.603 * 30 / 23 = 108.09 / 23 = 4.6995652...
        move = 4.6995652 - 5.13 = -0.4304348 -> k = -1.7217391 steps
        P(-50 bp) = 0.7217391, P(-25 bp) = 0.2782609
        chained:
          from 5.25-5.50 (0.2): -> 4.75-5.00: 0.2 * 0.7217391 = 0.1443478
                                -> 5.00-5.25: 0.2 * 0.2782609 = 0.0556522
          from 5.00-5.25 (0.8): -> 4.50-4.75: 0.8 * 0.7217391 = 0.5773913
                                -> 4.75-5.00: 0.8 * 0.2782609 = 0.2226087
        -> 4.50-4.75: 0.5773913, 4.75-5.00: 0.3669565, 5.00-5.25: 0.0556522
    """
    res = meeting_probabilities(
        {"2024-09": 94.75, "2024-11": 95.20},
        target=TARGET,
        meetings=["2024-11-07", "2024-09-18"],  # any order
        current_rate=5.33,
    )
    m1, m2 = res
    assert (m1.days_before, m1.days_in_month, m1.contract) == (18, 30, "2024-09")
    assert m1.rate_end == pytest.approx(5.13, abs=1e-9)
    assert m1.expected_move_bp == pytest.approx(-20.0, abs=1e-7)
    assert m1.move_probabilities == pytest.approx({-25: 0.8, 0: 0.2})
    assert m1.probabilities == pytest.approx({(5.0, 5.25): 0.8, (5.25, 5.5): 0.2})
    assert m1.cut_probability(TARGET) == pytest.approx(0.8)

    assert (m2.days_before, m2.days_in_month) == (7, 30)
    assert m2.rate_start == pytest.approx(5.13, abs=1e-9)
    assert m2.rate_end == pytest.approx(108.09 / 23, abs=1e-9)
    assert m2.move_probabilities == pytest.approx({-50: 0.7217391, -25: 0.2782609}, abs=1e-7)
    assert m2.probabilities == pytest.approx(
        {(4.5, 4.75): 0.5773913, (4.75, 5.0): 0.3669565, (5.0, 5.25): 0.0556522}, abs=1e-7
    )
    assert sum(m2.probabilities.values()) == pytest.approx(1.0)
    assert m2.cut_probability(TARGET) == pytest.approx(1.0)
    assert m2.hike_probability(TARGET) == 0.0


def test_default_start_rate_from_previous_month_contract() -> None:
    """Aug 2024 at 94.67 -> 5.33% start; a Sep price of 94.67 means no move (P = 1)."""
    (m,) = meeting_probabilities(
        {"2024-08": 94.67, "2024-09": 94.67}, target=TARGET, meetings=["2024-09-18"]
    )
    assert m.rate_start == pytest.approx(5.33)
    assert m.probabilities == pytest.approx({(5.25, 5.5): 1.0})


def test_meeting_on_last_day_uses_next_month() -> None:
    """Statement Jul 31 -> effective Aug 1: d = 0, so rate_end = Aug average = 100 - 94.92 = 5.08.

    move = 5.08 - 5.33 = -25 bp exactly -> P(-25 bp) = 1.
    """
    (m,) = meeting_probabilities(
        {"2024-08": 94.92}, target=TARGET, meetings=["2024-07-31"], current_rate=5.33
    )
    assert (m.contract, m.days_before) == ("2024-08", 0)
    assert m.rate_end == pytest.approx(5.08)
    assert m.probabilities == pytest.approx({(5.0, 5.25): 1.0})


def test_hike_probabilities() -> None:
    """Start 5.33, Sep at 94.55: avg 5.45; end = (5.45 - 0.6*5.33)/0.4 = 2.252/0.4 = 5.63.

    move +30 bp -> k = 1.2 -> P(+25) = 0.8, P(+50) = 0.2.
    """
    (m,) = meeting_probabilities(
        {"2024-09": 94.55}, target=TARGET, meetings=["2024-09-18"], current_rate=5.33
    )
    assert m.rate_end == pytest.approx(5.63)
    assert m.probabilities == pytest.approx({(5.5, 5.75): 0.8, (5.75, 6.0): 0.2})
    assert m.hike_probability(TARGET) == pytest.approx(1.0)


def test_errors_and_implied_rate() -> None:
    assert implied_rate(94.67) == pytest.approx(5.33)
    with pytest.raises(DataError, match="2024-09"):
        meeting_probabilities({"2024-10": 95.0}, target=TARGET, meetings=["2024-09-18"])
    with pytest.raises(DataError):
        meeting_probabilities({"2024-09": 95.0}, target=(5.5, 5.25), meetings=["2024-09-18"])
    with pytest.raises(DataError):
        meeting_probabilities({"Sept": 95.0}, target=TARGET, meetings=["2024-09-18"])
