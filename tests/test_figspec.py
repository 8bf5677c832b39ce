"""core.figspec.FigureSpec builds the same figure as Plotly's own API, call for call.

Each case below is one sequence of the calls the chart builders make, run twice: on a
``FigureSpec`` and on a ``plotly.graph_objects.Figure`` (or ``plotly.subplots.make_subplots``).
The built figures must have the same ``to_plotly_json()`` (the template aside: FigureSpec leaves
it to the renderer's default). A Plotly upgrade that changes what its API writes makes these fail.

FigureSpec also borrows two helpers from the private module ``plotly.shapeannotation`` (the
annotation of ``add_vline``/``add_hline``/``add_vrect``): the first test says so plainly if they go.
"""

import importlib

import numpy as np
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from core.show.figspec import FigureSpec


def test_the_private_plotly_helpers_figspec_uses_are_still_there():
    try:
        module = importlib.import_module("plotly.shapeannotation")
    except ImportError as error:
        pytest.fail(
            "core/figspec.py uses plotly.shapeannotation, which this Plotly no longer has "
            f"({error}): rewrite FigureSpec._spanning's annotation from Plotly's add_vline code"
        )
    for name in ("split_dict_by_key_prefix", "axis_spanning_shape_annotation"):
        assert callable(getattr(module, name, None)), (
            f"core/figspec.py calls plotly.shapeannotation.{name}, which this Plotly no longer has: "
            "rewrite FigureSpec._spanning's annotation from Plotly's add_vline code"
        )


def _plain(value):
    """JSON-like data with numpy arrays as (dtype, list), so that two figures compare with ==."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, np.ndarray):
        return (str(value.dtype), value.tolist())
    return value


def _json(figure):
    data = figure.to_plotly_json()
    data["layout"].pop("template", None)
    return _plain(data)


X = np.linspace(-3.0, 1.0, 9)
Y = np.sin(X).astype(np.float32)


def base_layout(fig):
    """What core.show.kit.base_layout does: magic underscores, axis titles as text, every axis."""
    fig.update_layout(
        height=440,
        margin=dict(l=80, r=25, t=50, b=70),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        xaxis_title="Penalty strength λ",
        yaxis_title="Typical miss",
        plot_bgcolor="white",
    )
    fig.update_xaxes(showgrid=True, gridcolor="#e6e6e6", zeroline=False)
    fig.update_yaxes(showgrid=True, gridcolor="#e6e6e6", zeroline=False)
    return fig


def traces_and_layout(fig):
    fig.add_trace(go.Scatter(x=X, y=Y, mode="lines", name="curve", line=dict(color="#D55E00", width=3)))
    fig.add_trace(go.Bar(x=["a", "b"], y=[1.0, 2.0], name="bars", marker_color="#0072B2"))
    fig.update_layout(title_text="A title", legend_y=1.08, margin_t=75)
    fig.update_layout(margin_l=125, barmode="group", bargap=0.25)
    return base_layout(fig)


def axes_updates(fig):
    fig.add_trace(go.Scatter(x=X, y=Y))
    fig.update_xaxes(tickvals=[-3, -2, 0], ticktext=["0", "0.01", "1"], title_text="Penalty strength λ")
    fig.update_yaxes(type="log", title_text="Weight size", exponentformat="power")
    fig.update_yaxes(range=[0, 2], rangemode="tozero")
    fig.update_xaxes(range=[-1.45, 2.05], zeroline=True, zerolinecolor="#7f7f7f", constrain="domain")
    fig.update_yaxes(scaleanchor="x", scaleratio=1)
    return base_layout(fig)


def annotations(fig):
    fig.add_trace(go.Scatter(x=X, y=Y))
    fig.add_annotation(
        text="Showing 5,000 of 1,000,000 points",
        xref="paper",
        yref="paper",
        x=0,
        y=-0.02,
        showarrow=False,
        font=dict(size=11, color="#555555"),
        yshift=-30,
    )
    fig.add_annotation(x=0.5, y=0.2, text="on a corner", showarrow=True, arrowhead=2, ax=30, ay=70, font_size=13)
    return base_layout(fig)


def spanning_shapes(fig):
    fig.add_trace(go.Scatter(x=X, y=Y))
    fig.add_vrect(
        x0=-3.0,
        x1=-2.0,
        fillcolor="#999999",
        opacity=0.15,
        line_width=0,
        annotation_text="beyond the training data",
        annotation_position="bottom left",
        annotation_font=dict(size=10, color="#555555"),
    )
    fig.add_vrect(
        x0=-2.0,
        x1=0.0,
        fillcolor="#009E73",
        opacity=0.13,
        line_width=0,
        annotation_text="about as good<br>as the best",
        annotation_position="bottom",
        annotation_font_size=12,
    )
    fig.add_vrect(x0=0.0, x1=1.0, fillcolor="#56B4E9", opacity=0.13, line_width=0)
    fig.add_hline(
        y=1,
        line=dict(color="#000000", width=1, dash="dash"),
        annotation_text="1 × the spread of y",
        annotation_position="top left",
    )
    fig.add_hline(y=0, line=dict(color="#999999", width=1))
    fig.add_vline(x=-1.5, line=dict(color="#000000", width=1.5, dash="dot"), annotation_text="you are here")
    fig.add_vline(x=0.5, line_dash="dot", annotation_text="top", annotation_position="top")
    for position in ("top right", "bottom right", "left", "right"):
        fig.add_vline(x=0.0, annotation_text=position, annotation_position=position)
        fig.add_hline(y=0.0, annotation_text=position, annotation_position=position)
    return base_layout(fig)


def sliders(fig):
    fig.add_trace(go.Scatter(x=X, y=Y, name="Model's curve"))
    fig.update_layout(
        sliders=[
            dict(
                active=2,
                pad=dict(t=50, b=10),
                len=1.0,
                x=0,
                currentvalue=dict(prefix="Fast preview, λ = ", font=dict(size=14)),
                steps=[dict(method="restyle", label=f"{k}", args=[{"y": [[k, k]]}, [0]]) for k in range(3)],
            )
        ],
        margin=dict(b=150),
    )
    return fig


PLAIN_CASES = [traces_and_layout, axes_updates, annotations, spanning_shapes, sliders]


@pytest.mark.parametrize("case", PLAIN_CASES, ids=lambda case: case.__name__)
def test_plain_figure_is_plotlys(case):
    assert _json(case(FigureSpec()).figure()) == _json(case(go.Figure()))


SUBPLOTS = [
    dict(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.06,
        subplot_titles=("L2 (ridge): every weight shrinks smoothly", "L1 (lasso): weights switch off one by one"),
    ),
    dict(
        rows=1,
        cols=2,
        horizontal_spacing=0.12,
        subplot_titles=("Size of all weights together", "Effective number of free weights"),
    ),
]


def side_by_side(fig):
    """What core.charts' two-panel charts do: traces, lines and axes per panel, then every axis."""
    for col in (1, 2):
        fig.add_trace(go.Scatter(x=X, y=Y * col, name=f"panel {col}", showlegend=col == 1), row=1, col=col)
        fig.add_vline(x=-1.0, line=dict(color="#000000", width=1.5, dash="dot"), row=1, col=col)
        fig.add_hline(y=0, line=dict(color="#999999", width=1), row=1, col=col)
        fig.update_xaxes(tickvals=[-3, -1], ticktext=["0", "0.1"], title_text="Penalty strength λ", row=1, col=col)
    fig.add_vrect(x0=-3, x1=-2, fillcolor="#E69F00", annotation_text="zone", annotation_position="bottom", row=1, col=2)
    fig.update_yaxes(type="log", exponentformat="power", row=1, col=1)
    fig.update_yaxes(range=[0, 15.5], row=1, col=2)
    fig.update_yaxes(range=[-2, 2])
    fig.update_layout(showlegend=False)
    return base_layout(fig)


def one_empty_panel(fig):
    """Plotly draws no line on a panel without traces; FigureSpec leaves it out too."""
    fig.add_trace(go.Scatter(x=X, y=Y), row=1, col=1)
    for col in (1, 2):
        fig.add_vline(x=0.0, annotation_text="here", row=1, col=col)
    return base_layout(fig)


@pytest.mark.parametrize("case", [side_by_side, one_empty_panel], ids=lambda case: case.__name__)
@pytest.mark.parametrize("grid", SUBPLOTS, ids=["shared-y", "own-y"])
def test_subplots_figure_is_plotlys(case, grid):
    ours = case(FigureSpec.make_subplots(**grid)).figure()
    theirs = case(make_subplots(**grid))
    assert _json(ours) == _json(theirs)


def test_cases_cover_every_call_figspec_offers():
    """A new FigureSpec method needs a case here that compares it with Plotly's."""
    offered = {name for name in vars(FigureSpec) if not name.startswith("_")} - {"figure"}
    assert offered == {
        "make_subplots",
        "add_trace",
        "update_layout",
        "update_xaxes",
        "update_yaxes",
        "add_annotation",
        "add_vline",
        "add_hline",
        "add_vrect",
    }


def test_a_lam_line_keeps_lam_zero_apart():
    from core.show.kit import lam_line

    line = lam_line([0.0, 1e-8, 1e-7, 1e-6], [5.0, 4.0, np.inf, 2.0])
    x, y = (np.asarray(line[key], dtype=float) for key in ("x", "y"))
    np.testing.assert_allclose(x[[0, 2, 3, 4]], [-9, -8, -7, -6])
    assert np.isnan(x[1]) and np.isnan(y[1]) and np.isnan(y[3])  # the gap after λ = 0, and inf is not drawn
    sizes = np.asarray(line["marker"]["size"])
    assert sizes[0] > 0 and not sizes[1:].any() and line["mode"] == "lines+markers"
    assert lam_line([1e-8, 1e-7], [1.0, 2.0])["mode"] == "lines"
