"""The shared chart kit (core.show.kit): pieces every story's charts build with."""

import plotly.graph_objects as go
import pytest

from core.show.figspec import FigureSpec
from core.show.kit import names_axis


@pytest.mark.parametrize("names", [["10", "service"], ["2024", "2025"], ["3.5", "7"]])
def test_names_that_look_like_numbers_or_dates_keep_a_category_axis(names):
    """Plotly alone would draw "10" and "service" on a numeric axis (9.5, 10, 10.5) and lose "service"."""
    plotly_alone = go.Figure(go.Bar(x=[1.0] * len(names), y=names, orientation="h"))
    assert plotly_alone.layout.yaxis.type is None  # Plotly.js guesses the type in the browser
    fig = FigureSpec()
    fig.add_trace(go.Bar(x=[1.0] * len(names), y=names, orientation="h"))
    assert names_axis(fig).figure().layout.yaxis.type == "category"
    columns = FigureSpec()
    columns.add_trace(go.Bar(x=names, y=[1.0] * len(names)))
    assert names_axis(columns, axis="x").figure().layout.xaxis.type == "category"


def test_names_axis_of_one_panel():
    fig = FigureSpec.make_subplots(rows=1, cols=2)
    layout = names_axis(fig, row=1, col=2).figure().layout
    assert layout.yaxis2.type == "category" and layout.yaxis.type is None
