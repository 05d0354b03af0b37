"""Reports build their figures without plotly's property checks (``style.VALIDATE``
off, about 0.4 s a report); here every chart kind is built both ways and must come out
the same as the report and the web send them (``figure_json``: data and layout, the
template left out), so a property plotly would reject cannot hide behind the switch."""

from __future__ import annotations

import json

import pytest

from rotascope.data import BundledSource
from rotascope.products.report import report
from rotascope.render import style
from rotascope.render.build import render_report
from rotascope.render.html import figure_json

#: Subjects whose reports draw every chart kind: prices (ratio, rebased, drawdown,
#: distribution, factor decades, CAPE), yields (level, spread), style ETFs.
QUESTIONS = [("RUT", ("SPX", "NDX")), ("DGS10", ("DGS2",)), ("IWD", ("IWF",))]


def _figures(subject: str, versus: tuple[str, ...]) -> dict[str, object]:
    drawn = render_report(report(BundledSource(), subject, versus, "2024-07-16"))
    return {name: json.loads(figure_json(fig)) for name, fig in drawn.charts.items()}


@pytest.mark.parametrize(("subject", "versus"), QUESTIONS)
def test_figures_are_the_same_with_plotly_checks_on(
    subject: str, versus: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert style.VALIDATE is False
    fast = _figures(subject, versus)
    monkeypatch.setattr(style, "VALIDATE", True)
    checked = _figures(subject, versus)
    assert fast.keys() == checked.keys() and len(fast) >= 3
    for name in fast:
        assert fast[name] == checked[name], name
