"""A Plotly figure recorded as plain dicts and built (validated) once.

plotly's incremental API (update_layout, add_vline, make_subplots, ...) validates on every
call: 15-50 ms per figure here. ``FigureSpec`` records the same calls as plain dicts and
builds the Figure once, validated once (2-8 ms); the result is the same figure (same JSON)
as the incremental calls give, which tests/test_figspec.py checks against Plotly's own API.
"""

import functools
import json
from collections.abc import Mapping
from typing import Any, Self

import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType

from .precision import settle

_LITERAL_KEYS = {"plot_bgcolor", "paper_bgcolor"}


def _expand(props: Mapping[str, Any]) -> dict[str, Any]:
    """plotly's "magic underscores" (title_text=..., line_width=...) as nested dicts."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if "_" in key and key not in _LITERAL_KEYS:
            head, rest = key.split("_", 1)
            value = _expand({rest: value})
            key = head
        if isinstance(value, dict):
            value = _expand(value)
            if isinstance(out.get(key), dict):
                value = _merged(out[key], value)
        out[key] = value
    return out


def _merged(base: Mapping[str, Any], update: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` updated like plotly's ``update``: dicts merge, anything else replaces."""
    result = dict(base)
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            value = _merged(result[key], value)
        result[key] = value
    return result


@functools.lru_cache(maxsize=8)
def _subplots_layout(**kwargs: Any) -> str:
    from plotly.subplots import make_subplots

    layout = make_subplots(**kwargs).layout.to_plotly_json()
    layout.pop("template", None)
    return json.dumps(layout)


def trace(kind: str, **props: Any) -> dict[str, Any]:
    """A trace as a plain dict (``kind`` is Plotly's trace type; magic underscores expanded).

    Cheaper than ``go.Scatter(...)`` and friends, which validate on construction: the figure is
    validated once, as a whole, when ``FigureSpec.figure`` builds it.
    """
    return {"type": kind, **_expand(props)}


class FigureSpec:
    """A figure recorded as plain dicts, with the few plotly calls the builders use; ``figure()`` builds it."""

    def __init__(self, layout: dict[str, Any] | None = None, subplots: bool = False) -> None:
        self.data: list[dict[str, Any]] = []
        self.layout = layout or {}
        self.subplots = subplots

    @classmethod
    def make_subplots(cls, **kwargs: Any) -> Self:
        """Like plotly.subplots.make_subplots (one row); the grid is computed once per set of arguments."""
        return cls(
            json.loads(_subplots_layout(**{k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()})),
            subplots=True,
        )

    def figure(self) -> go.Figure:
        """The Plotly figure; each light array as float32 where that draws it exactly enough (``precision``)."""
        return go.Figure(data=settle(self.data, self.layout), layout=self.layout)

    @staticmethod
    def _suffix(row: int | None, col: int | None) -> str:
        return "" if col in (None, 1) else str(col)

    def add_trace(
        self, trace: Mapping[str, Any] | BaseTraceType, row: int | None = None, col: int | None = None
    ) -> Self:
        """Add a trace (a dict from ``trace``, or a Plotly trace object), on subplot (row, col) if given."""
        trace = trace.to_plotly_json() if hasattr(trace, "to_plotly_json") else dict(trace)
        if self.subplots and row is not None:
            suffix = self._suffix(row, col)
            trace.update(xaxis="x" + suffix, yaxis="y" + suffix)
        self.data.append(trace)
        return self

    def update_layout(self, **props: Any) -> Self:
        for key, value in _expand(props).items():
            if key.endswith("axis") and isinstance(value, dict) and isinstance(value.get("title"), str):
                value = dict(value, title={"text": value["title"]})  # a title given as text replaces the title
            self.layout = _merged(self.layout, {key: value})
        return self

    def _axes(self, letter: str, row: int | None, col: int | None) -> list[str]:
        if row is not None and self.subplots:
            return [f"{letter}axis{self._suffix(row, col)}"]
        found = [key for key in self.layout if key.startswith(letter + "axis")]
        return found or [letter + "axis"]

    def update_xaxes(self, row: int | None = None, col: int | None = None, **props: Any) -> Self:
        return self.update_layout(**dict.fromkeys(self._axes("x", row, col), props))

    def update_yaxes(self, row: int | None = None, col: int | None = None, **props: Any) -> Self:
        return self.update_layout(**dict.fromkeys(self._axes("y", row, col), props))

    def add_annotation(self, **props: Any) -> Self:
        self.layout.setdefault("annotations", []).append(_expand(props))
        return self

    def _spanning(
        self,
        shape_type: str,
        shape_args: dict[str, Any],
        row: int | None,
        col: int | None,
        props: dict[str, Any],
    ) -> Self:
        from plotly import shapeannotation

        if not self.subplots:
            row = col = None
        suffix = self._suffix(row, col)
        if row is not None and not any(trace.get("xaxis", "x") == "x" + suffix for trace in self.data):
            return self  # plotly leaves out subplots without traces
        shape_props, annotation_props = shapeannotation.split_dict_by_key_prefix(props, "annotation_")
        annotation = shapeannotation.axis_spanning_shape_annotation(None, shape_type, shape_args, annotation_props)
        spans = "y" if shape_type[0] == "v" else "x"
        refs = {"xref": "x" + suffix, "yref": "y" + suffix}
        refs[spans + "ref"] += " domain"
        self.layout.setdefault("shapes", []).append(_merged(_expand({**shape_args, **shape_props}), refs))
        if annotation is not None:
            self.layout.setdefault("annotations", []).append(_merged(_expand(annotation), refs))
        return self

    def add_vline(self, x: float, row: int | None = None, col: int | None = None, **props: Any) -> Self:
        return self._spanning("vline", dict(type="line", x0=x, x1=x, y0=0, y1=1), row, col, props)

    def add_hline(self, y: float, row: int | None = None, col: int | None = None, **props: Any) -> Self:
        return self._spanning("hline", dict(type="line", x0=0, x1=1, y0=y, y1=y), row, col, props)

    def add_vrect(self, x0: float, x1: float, row: int | None = None, col: int | None = None, **props: Any) -> Self:
        return self._spanning("vrect", dict(type="rect", x0=x0, x1=x1, y0=0, y1=1), row, col, props)
