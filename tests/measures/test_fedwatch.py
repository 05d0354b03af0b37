"""Fed funds futures meeting probabilities against CME's published worked examples and
worked examples done by hand (every expected number is the arithmetic written out in
the docstring, never the program's output)."""

from __future__ import annotations

import pytest

from rotascope.errors import DataError
from rotascope.measures.fedwatch import implied_rate, meeting_probabilities

TARGET = (5.25, 5.50)

#: CME's calculator page: daily settlement prices as of September 12, 2022.
CME_2022 = {"2022-09": 97.4475, "2022-10": 96.9400, "2022-11": 96.4300}
#: FOMC statements around it (Jul 27 held; Sep 21 and Nov 2 to come).
MEETINGS_2022 = ["2022-07-27", "2022-09-21", "2022-11-02"]


def test_cme_2015_september_meeting_preceded_by_a_month_without_one() -> None:
    """CME (Lao & Mirza, "Fed Funds Futures Probability Tree Calculator", 2015): the
    September 17, 2015 meeting, "type 2" (August has no meeting).

        FFQ5 = 99.8675 -> FFER(start) = 0.1325;  FFU5 = 99.805 -> implied 0.195
        N = 30, M = 16 days before the meeting day
        FFER(end) = 30/14 * (0.195 - 16/30 * 0.1325) = (5.85 - 2.12) / 14 = 0.266429
        P(hike) = (0.266429 - 0.1325) / 0.25 = 53.6%  (exactly 7.5/14 = 15/28)
    """
    (m,) = meeting_probabilities(
        {"2015-08": 99.8675, "2015-09": 99.805},
        target=(0.0, 0.25),
        meetings=["2015-07-29", "2015-09-17"],
        asof="2015-08-14",
    )
    assert (m.days_before, m.days_in_month, m.method) == (16, 30, "forward")
    assert m.rate_start == pytest.approx(0.1325)
    assert m.rate_end == pytest.approx(3.73 / 14)
    assert m.hike_probability() == pytest.approx(15 / 28)
    assert round(100 * m.hike_probability(), 1) == 53.6  # as CME prints it
    assert m.probabilities == pytest.approx({(0.0, 0.25): 13 / 28, (0.25, 0.5): 15 / 28})


def test_cme_2022_page_september_meeting_backward_from_october() -> None:
    """CME's calculator page, September 12, 2022: October has no meeting, so its price
    is the rate after the September 21 meeting.

        Oct: 100 - 96.94 = 3.06 = FFER(end) of September
        Sep: avg 100 - 97.4475 = 2.5525; 20 days before the 21st, 10 from it
        FFER(start) = (2.5525 - 10/30 * 3.06) / (20/30) = 1.5325 * 1.5 = 2.29875
        change 3.06 - 2.29875 = 0.76125 = 3.045 hikes of 25 bp
        P(+75 bp) = 1 - 0.045 = 95.5%, P(+100 bp) = 4.5%
    """
    sep, _nov = meeting_probabilities(
        CME_2022, target=(2.25, 2.50), meetings=MEETINGS_2022, asof="2022-09-12"
    )
    assert (sep.days_before, sep.days_in_month, sep.method) == (20, 30, "backward")
    assert sep.rate_start == pytest.approx(2.29875)
    assert sep.rate_end == pytest.approx(3.06)
    assert sep.move_probabilities == pytest.approx({75: 0.955, 100: 0.045})
    assert sep.probabilities == pytest.approx({(3.0, 3.25): 0.955, (3.25, 3.5): 0.045})
    assert sep.hike_probability() == pytest.approx(1.0)


def test_cme_2022_page_november_meeting_forward_from_october() -> None:
    """The same page's November 2 meeting ("2 hikes + 0.1103 hikes: Prob(50 bp hike) =
    1 - 0.1103 = 88.97%").

        FFER(start) = October's 3.06; Nov avg 100 - 96.43 = 3.57; 1 day before, 29 from
        FFER(end) = (3.57 - 1/30 * 3.06) / (29/30) = (107.1 - 3.06) / 29 = 104.04 / 29
                  = 3.587586
        change = 15.3 / 29 = 0.527586 = 2.110345 hikes
        P(+50 bp) = 0.889655 (88.97%), P(+75 bp) = 0.110345 (11.03%)
    Chained with September (95.5% at 3.00-3.25, 4.5% at 3.25-3.50):
        3.50-3.75: 0.955 * 0.889655 = 0.849621
        3.75-4.00: 0.955 * 0.110345 + 0.045 * 0.889655 = 0.105379 + 0.040034 = 0.145414
        4.00-4.25: 0.045 * 0.110345 = 0.004966
    """
    _sep, nov = meeting_probabilities(
        CME_2022, target=(2.25, 2.50), meetings=MEETINGS_2022, asof="2022-09-12"
    )
    assert (nov.days_before, nov.method) == (1, "forward")
    assert nov.rate_start == pytest.approx(3.06)
    assert nov.rate_end == pytest.approx(104.04 / 29)
    assert nov.move_probabilities == pytest.approx({50: 1 - 3.2 / 29, 75: 3.2 / 29})
    assert round(100 * nov.move_probabilities[50], 2) == 88.97  # as CME prints it
    assert nov.probabilities == pytest.approx(
        {(3.5, 3.75): 0.849621, (3.75, 4.0): 0.145414, (4.0, 4.25): 0.004966}, abs=1e-6
    )


def test_worked_example_two_meetings_from_the_effective_rate() -> None:
    """No month without a meeting is priced, so the effective rate (5.33%) starts the chain.

    Meeting 1 (Sep 18, 2024; CME counts the statement day at the new rate):
        N = 30, n = 17 days before, m = 13 from the 18th; avg = 100 - 94.75 = 5.25
        end = (5.25 - 17/30 * 5.33) / (13/30) = (157.5 - 90.61) / 13 = 66.89 / 13 = 5.145385
        move = (66.89 - 69.29) / 13 = -2.4 / 13 -> k = -2.4 / 3.25 = -48/65 steps
        P(-25 bp) = 48/65, P(no change) = 17/65
    October (no meeting, no price) passes the rate through.
    Meeting 2 (Nov 7): N = 30, n = 6, m = 24; avg = 100 - 95.20 = 4.80
        end = (4.80 - 6/30 * 66.89/13) / (24/30) = (62.4 - 13.378) / 13 / 0.8 = 49.022 / 10.4
        move = 49.022/10.4 - 66.89/13 = (49.022 - 53.512) / 10.4 = -4.49 / 10.4
        k = -4.49 / 2.6 = -449/260 -> P(-50 bp) = 189/260, P(-25 bp) = 71/260
    Chained (over 65 * 260 = 16,900):
        4.50-4.75: 48 * 189 = 9,072;  5.00-5.25: 17 * 71 = 1,207
        4.75-5.00: 48 * 71 + 17 * 189 = 3,408 + 3,213 = 6,621
    """
    m1, m2 = meeting_probabilities(
        {"2024-09": 94.75, "2024-11": 95.20},
        target=TARGET,
        meetings=["2024-11-07", "2024-09-18"],  # any order
        current_rate=5.33,
    )
    assert (m1.days_before, m1.days_in_month, m1.contract) == (17, 30, "2024-09")
    assert m1.rate_end == pytest.approx(66.89 / 13)
    assert m1.move_probabilities == pytest.approx({-25: 48 / 65, 0: 17 / 65})
    assert m1.probabilities == pytest.approx({(5.0, 5.25): 48 / 65, (5.25, 5.5): 17 / 65})
    assert m1.cut_probability(TARGET) == pytest.approx(48 / 65)

    assert (m2.days_before, m2.days_in_month) == (6, 30)
    assert m2.rate_start == pytest.approx(66.89 / 13)
    assert m2.rate_end == pytest.approx(49.022 / 10.4)
    assert m2.move_probabilities == pytest.approx({-50: 189 / 260, -25: 71 / 260})
    assert m2.probabilities == pytest.approx(
        {(4.5, 4.75): 9072 / 16900, (4.75, 5.0): 6621 / 16900, (5.0, 5.25): 1207 / 16900}
    )
    assert m2.cut_probability() == pytest.approx(1.0)
    assert m2.hike_probability() == 0.0


def test_start_rate_from_the_previous_month_contract() -> None:
    """Aug 2024 at 94.67 (no meeting) -> 5.33% start; Sep at 94.67 means no move (P = 1)."""
    (m,) = meeting_probabilities(
        {"2024-08": 94.67, "2024-09": 94.67}, target=TARGET, meetings=["2024-09-18"]
    )
    assert m.rate_start == pytest.approx(5.33)
    assert m.probabilities == pytest.approx({(5.25, 5.5): 1.0})


def test_meeting_on_the_last_day_takes_its_end_from_the_next_month() -> None:
    """Statement Jul 31, 2024: n = 30 days before, m = 1 (the 31st). August (no meeting)
    at 94.92 is the rate after it: end = 5.08. July at 94.675 (avg 5.325) gives the start:

        start = (5.325 - 1/31 * 5.08) / (30/31) = (165.075 - 5.08) / 30 = 159.995 / 30
              = 5.333167
        move = 5.08 - 5.333167 = -0.253167 -> k = -1.012667
        P(-50 bp) = 0.012667, P(-25 bp) = 0.987333
    """
    (m,) = meeting_probabilities(
        {"2024-07": 94.675, "2024-08": 94.92}, target=TARGET, meetings=["2024-07-31"]
    )
    assert (m.contract, m.days_before, m.method) == ("2024-07", 30, "backward")
    assert m.rate_start == pytest.approx(159.995 / 30)
    assert m.rate_end == pytest.approx(5.08)
    k = (5.08 - 159.995 / 30) / 0.25
    assert m.probabilities == pytest.approx({(4.75, 5.0): -1 - k, (5.0, 5.25): 2 + k})


def test_both_neighbours_known_uses_the_better_conditioned_side() -> None:
    """Aug (5.33) and Oct (5.10) both have no meeting. Sep 18 falls in the second half
    (n = 17 >= m = 13), so Oct gives the end and September's own price the start:

        Sep avg = 100 - 94.80 = 5.20; start = (5.20 - 13/30 * 5.10) / (17/30)
              = (156 - 66.3) / 17 = 89.7 / 17 = 5.276471
        move = 5.10 - 5.276471 = -0.176471 -> k = -0.705882 = -12/17
        P(-25 bp) = 12/17, P(no change) = 5/17
    """
    (m,) = meeting_probabilities(
        {"2024-08": 94.67, "2024-09": 94.80, "2024-10": 94.90},
        target=TARGET,
        meetings=["2024-09-18"],
    )
    assert m.method == "backward"
    assert m.rate_start == pytest.approx(89.7 / 17)
    assert m.probabilities == pytest.approx({(5.0, 5.25): 12 / 17, (5.25, 5.5): 5 / 17})


def test_meeting_on_the_first_of_the_month_is_the_whole_month() -> None:
    """Statement Nov 1, 2023: n = 0, so November's average is the rate after it.
    October (no meeting) at 94.67 -> 5.33 start; November at 94.6725 -> 5.3275:
    move -0.25 bp -> k = -0.01: P(-25 bp) = 0.01, P(no change) = 0.99."""
    (m,) = meeting_probabilities(
        {"2023-10": 94.67, "2023-11": 94.6725},
        target=TARGET,
        meetings=["2023-09-20", "2023-11-01"],
        asof="2023-10-10",
    )
    assert (m.days_before, m.method) == (0, "forward")
    assert m.rate_end == pytest.approx(5.3275)
    assert m.probabilities == pytest.approx({(5.0, 5.25): 0.01, (5.25, 5.5): 0.99})


def test_hike_probabilities() -> None:
    """Start 5.33, Sep at 94.55: avg 5.45; end = (5.45 - 17/30 * 5.33) / (13/30)
    = (163.5 - 90.61) / 13 = 72.89 / 13; move = 3.6 / 13 -> k = 14.4 / 13 = 72/65:
    P(+25 bp) = 58/65, P(+50 bp) = 7/65."""
    (m,) = meeting_probabilities(
        {"2024-09": 94.55}, target=TARGET, meetings=["2024-09-18"], current_rate=5.33
    )
    assert m.rate_end == pytest.approx(72.89 / 13)
    assert m.probabilities == pytest.approx({(5.5, 5.75): 58 / 65, (5.75, 6.0): 7 / 65})
    assert m.hike_probability() == pytest.approx(1.0)


def test_the_rate_is_bounded_below_by_zero() -> None:
    """At 0-0.25% a priced cut folds into the lowest range (CME's zero bound).

    Start 0.08, Sep at 99.97 (avg 0.03): end = (0.03 - 17/30 * 0.08) / (13/30)
    = (0.9 - 1.36) / 13 = -0.46 / 13 < 0; move = (-0.46 - 1.04) / 13 = -1.5 / 13,
    k = -1.5 / 3.25 = -6/13: P(-25 bp) = 6/13 folds into 0-0.25 with the rest.
    """
    (m,) = meeting_probabilities(
        {"2024-09": 99.97}, target=(0.0, 0.25), meetings=["2024-09-18"], current_rate=0.08
    )
    assert m.move_probabilities[-25] == pytest.approx(6 / 13)
    assert m.probabilities == pytest.approx({(0.0, 0.25): 1.0})
    assert m.cut_probability() == 0.0


def test_errors_and_implied_rate() -> None:
    assert implied_rate(94.67) == pytest.approx(5.33)
    with pytest.raises(DataError, match="2024-09"):
        meeting_probabilities({"2024-10": 95.0}, target=TARGET, meetings=["2024-09-18"])
    with pytest.raises(DataError):
        meeting_probabilities({"2024-09": 95.0}, target=(5.5, 5.25), meetings=["2024-09-18"])
    with pytest.raises(DataError):
        meeting_probabilities({"Sept": 95.0}, target=TARGET, meetings=["2024-09-18"])
    with pytest.raises(DataError, match="cannot price"):  # no anchor, no current rate
        meeting_probabilities({"2024-09": 95.0}, target=TARGET, meetings=["2024-09-18"])
    with pytest.raises(DataError, match="two FOMC meetings"):
        meeting_probabilities(
            {"2020-03": 99.5}, target=(1.5, 1.75), meetings=["2020-03-03", "2020-03-15"]
        )
    # not strict: the meetings before the first one that cannot be priced
    out = meeting_probabilities(
        {"2024-08": 94.67, "2024-09": 94.75},
        target=TARGET,
        meetings=["2024-09-18", "2024-11-07"],
        strict=False,
    )
    assert [m.contract for m in out] == ["2024-09"]
