"""Figures and texts that follow a control step by step (the live λ control).

A ``SteppedFigure`` is one base figure (Plotly JSON) and, for every step of the
control, a patch saying what differs from the base. The browser component
(``components/stepper/``) holds every step and applies the patches while the reader
drags; ``SteppedFigure.figure_at(k)`` applies the same patch in Python, so a test can
check step k against the figure built directly for step k.

Patch rules (the same in Python and in the browser): a dict merges key by key into the
dict it patches; ``None`` deletes a key; anything else (a number, a string, a list, an
encoded array) replaces. A trace list is patched trace by trace, so every step has the
same number of traces.
"""

import base64
import datetime
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go

from .figspec import FigureSpec
from .precision import settle

#: Plotly's encoding of a numpy array in JSON: ``{"dtype": "f8", "bdata": "<base64>"}``; treated as one value.
_ENCODED_ARRAY_KEY = "bdata"


def _is_leaf(value: object) -> bool:
    return not isinstance(value, dict) or _ENCODED_ARRAY_KEY in value


def _same(a: object, b: object) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        return bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[key], b[key]) for key in a)
    return type(a) is type(b) and a == b


def to_json_value(value: object) -> Any:
    """``value`` as plain JSON: numpy float arrays in Plotly's typed-array encoding, numpy scalars as numbers."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "M":
            return [to_json_value(item) for item in value]
        if value.dtype.kind == "f" and value.size:
            array = np.ascontiguousarray(value, dtype=value.dtype.newbyteorder("<"))
            encoded = {"dtype": f"f{array.dtype.itemsize}", "bdata": base64.b64encode(array.tobytes()).decode("ascii")}
            if array.ndim > 1:
                encoded["shape"] = ", ".join(str(size) for size in array.shape)  # as Plotly writes it
            return encoded
        return to_json_value(value.tolist())
    if isinstance(value, np.datetime64):
        return value.astype("datetime64[us]").item().isoformat()  # as Plotly writes dates
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: to_json_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json_value(item) for item in value]
    return value


def diff(base: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """The patch turning ``base`` into ``new`` (JSON-like dicts, possibly holding numpy values); empty when equal."""
    patch: dict[str, Any] = {}
    for key, value in new.items():
        old = base.get(key, _MISSING)
        if old is _MISSING or _is_leaf(old) or _is_leaf(value):
            if old is _MISSING or not _same(old, value):
                patch[key] = to_json_value(value)
        else:
            inner = diff(old, value)
            if inner:
                patch[key] = inner
    for key in base:
        if key not in new:
            patch[key] = None
    return patch


def merge(base: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``patch`` applied (a new dict; ``base`` is not changed)."""
    result = dict(base)
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict) and not _is_leaf(value) and not _is_leaf(result.get(key)):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result


class _Missing:
    pass


_MISSING = _Missing()


def _raw(figure: go.Figure | FigureSpec) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(data, layout) of a figure before Plotly validates it: a ``FigureSpec``'s dicts, or a figure's JSON;
    float arrays settled to float32 where that is exact enough (``precision.settle``)."""
    if isinstance(figure, go.Figure):
        figure = figure.to_plotly_json()
        layout = figure.get("layout", {})
        return settle(figure["data"], layout), layout
    return settle(figure.data, figure.layout), figure.layout


def _validated_json(figure: go.Figure | FigureSpec) -> dict[str, Any]:
    """Plotly's own JSON of the figure (arrays in its typed-array encoding, dates as text)."""
    if isinstance(figure, go.Figure):
        figure = go.Figure(data=_raw(figure)[0], layout=figure.layout)
    else:
        figure = figure.figure()
    return json.loads(figure.to_json())


@dataclass(frozen=True)
class SteppedFigure:
    """A figure for every step of a control: the base figure and one patch per step.

    Attributes
    ----------
    base : dict
        Plotly JSON (``data`` and ``layout``) of step 0.
    patches : tuple of dict
        For each step, ``{"data": [trace patch, ...], "layout": layout patch}``.
    """

    base: dict[str, Any]
    patches: tuple[dict[str, Any], ...]

    @property
    def n_steps(self) -> int:
        return len(self.patches)

    def json_at(self, step: int) -> dict[str, Any]:
        """Plotly JSON of the figure at ``step``."""
        patch = self.patches[step]
        data = [merge(trace, trace_patch) for trace, trace_patch in zip(self.base["data"], patch["data"])]
        return {"data": data, "layout": merge(self.base["layout"], patch["layout"])}

    def figure_at(self, step: int) -> go.Figure:
        """The figure at ``step`` as a ``go.Figure``."""
        return go.Figure(self.json_at(step))

    def to_browser(self) -> dict[str, Any]:
        """What the browser component needs: plain JSON (lists, dicts, strings, numbers)."""
        return {"base": self.base, "patches": list(self.patches)}


def stepped(build: Callable[[int], go.Figure | FigureSpec], n_steps: int) -> SteppedFigure:
    """Build the figure of every step with ``build(step)`` and keep only what changes.

    Only step 0 is validated by Plotly (as the base); the other steps are compared with it
    as built, which is what makes a ``FigureSpec`` builder cheap to step. Tests check that
    every step equals the figure built and validated directly.

    Parameters
    ----------
    build : callable
        ``build(step)`` returns the figure at that step (a ``go.Figure`` or a ``FigureSpec``).
    n_steps : int
        Number of steps of the control.
    """
    if n_steps < 1:
        raise ValueError(f"n_steps must be at least 1, got {n_steps}")
    first = build(0)
    validated = _validated_json(first)
    base = {"data": validated["data"], "layout": validated.get("layout", {})}
    data0, layout0 = _raw(first)
    patches: list[dict[str, Any]] = [{"data": [{} for _ in data0], "layout": {}}]
    for step in range(1, n_steps):
        data, layout = _raw(build(step))
        if len(data) != len(data0):
            raise ValueError(
                f"step {step} has {len(data)} traces and step 0 has {len(data0)}: "
                "every step must draw the same traces (hide one with visible=False instead)"
            )
        patches.append({"data": [diff(old, new) for old, new in zip(data0, data)], "layout": diff(layout0, layout)})
    return SteppedFigure(base=base, patches=tuple(patches))


@dataclass(frozen=True)
class SteppedText:
    """A plain text for every step (never rendered as Markdown or HTML), with an optional tone per step.

    ``tones`` are "good", "warn" or "info" (how a verdict box is coloured), or None for plain text.
    """

    texts: tuple[str, ...]
    tones: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.tones is not None and len(self.tones) != len(self.texts):
            raise ValueError(f"{len(self.tones)} tones for {len(self.texts)} texts")
        if self.tones is not None and not set(self.tones) <= TONES:
            raise ValueError(f"tones must be among {sorted(TONES)}, got {sorted(set(self.tones) - TONES)}")

    @property
    def n_steps(self) -> int:
        return len(self.texts)

    def to_browser(self) -> dict[str, Any]:
        return {"texts": list(self.texts), "tones": None if self.tones is None else list(self.tones)}


TONES = {"good", "warn", "info"}


def stepped_text(texts: Sequence[str], tones: Sequence[str] | None = None) -> SteppedText:
    """Texts (one per step) as a ``SteppedText``."""
    return SteppedText(tuple(str(text) for text in texts), None if tones is None else tuple(tones))
