"""Sending chart arrays as float32 only where float32 draws them where float64 would.

float32 halves a chart's payload and is exact enough for nearly every chart: its rounding is
about 6e-8 of a value, far below a pixel when the values span a good part of their own size.
It is not enough for a reader's own data at the edges: values beyond about 3.4e38 become
infinite and are not drawn (y near 1e44), values below about 1.2e-38 become 0 (y near 1e-50),
and a small spread on a large offset collapses (9,192,631,770 ± 0.2 drawn at one height).

Builders therefore keep full precision (``kit.light`` gives float64, marked as a
:class:`LightArray`) and :func:`settle` decides, when the figure is finished (``FigureSpec.figure``
and every step of ``live.stepped``), array by array: float32 where the values are in its range
and its rounding moves none of the values near the axis's shown range by more than ``TOLERANCE``
of that range, float64 otherwise. The shown range is the axis's fixed range when the figure sets
one, else the span of every array drawn on the axis. Other arrays (dates, labels, and float
arrays a builder sends at full precision on purpose, like the fitted curve) are left as they are.
Build traces with ``figspec.trace``: Plotly's own trace objects copy arrays and drop the mark.
"""

import base64
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: Largest error float32 may make, as a share of the axis's shown range: a 25th of a pixel on a
#: 400-pixel chart zoomed in 100 times.
TOLERANCE = 1e-5
_LARGEST = 1e38  # float32 overflows at 3.4e38 (tiny values flush to 0: the error check sees it when it matters)
_NEAR = 10  # values further than this many ranges outside the shown range are off the chart
_KEYS = ("x", "y", "z")


class LightArray(np.ndarray):
    """float64 values a chart may send as float32 (what ``kit.light`` returns); :func:`settle` decides."""


def light(values: ArrayLike) -> LightArray:
    """``values`` as a float64 :class:`LightArray`."""
    return np.asarray(values, dtype=np.float64).view(LightArray)


def settle(data: Sequence[dict[str, Any]], layout: Mapping[str, Any]) -> list[dict[str, Any]]:
    """``data`` (a list of trace dicts) with each light array as float32 where that is exact enough,
    else as a plain float64 array.

    Traces are copied when an array changes; ``data`` and ``layout`` are not modified.
    """
    # axis -> [(trace index, key, float64 values)]
    arrays: dict[str | tuple[str, int], list[tuple[int, str, NDArray[np.float64]]]] = {}
    for i, trace in enumerate(data):
        for key in _KEYS:
            values = _candidate(trace.get(key))
            if values is not None:
                arrays.setdefault(_axis(trace, key, i), []).append((i, key, values))
    settled = list(data)
    for axis, found in arrays.items():
        props = layout.get(axis, {}) if isinstance(axis, str) else {}
        log = props.get("type") == "log"
        low, high = _shown_range(props, [values for _, _, values in found], log)
        for i, key, values in found:
            dtype = np.float32 if _float32_is_enough(values, low, high, log) else np.float64
            if settled[i] is data[i]:
                settled[i] = dict(data[i])
            settled[i][key] = values.astype(dtype)
    return settled


def _candidate(values: object) -> NDArray[np.float64] | None:
    """``values`` as a float64 array when :func:`settle` may change how they are sent, else None.

    Arrays given to Plotly's own trace objects arrive encoded (``{"dtype", "bdata"}``) and have
    lost the light mark: they are judged like light arrays.
    """
    if isinstance(values, dict) and values.get("dtype") in ("f4", "f8") and "bdata" in values:
        array = np.frombuffer(base64.b64decode(values["bdata"]), values["dtype"]).astype(np.float64)
        if "shape" in values:
            array = array.reshape([int(size) for size in str(values["shape"]).split(",")])
        return array
    if isinstance(values, LightArray) and values.dtype.kind == "f":
        return np.asarray(values, dtype=np.float64)
    return None


def _axis(trace: Mapping[str, Any], key: str, index: int) -> str | tuple[str, int]:
    """The layout key of the axis an array is drawn on; z (a heatmap's colours) is judged on its own."""
    if key == "z":
        return ("z", index)
    reference = trace.get(key + "axis", key)
    return f"{key}axis{reference[1:]}"


def _shown_range(props: Mapping[str, Any], arrays: Sequence[NDArray[np.float64]], log: bool) -> tuple[float, float]:
    fixed = props.get("range")
    if not log and isinstance(fixed, (list, tuple)) and len(fixed) == 2:
        try:
            low, high = sorted(float(v) for v in fixed)
        except (TypeError, ValueError):
            pass
        else:
            if np.isfinite(low) and np.isfinite(high) and high > low:
                return low, high
    finite = [values[np.isfinite(values)] for values in arrays]
    finite = [values for values in finite if values.size]
    if not finite:
        return 0.0, 0.0
    return min(float(v.min()) for v in finite), max(float(v.max()) for v in finite)


def _float32_is_enough(values: NDArray[np.float64], low: float, high: float, log: bool) -> bool:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return True
    size = np.abs(finite)
    if size.max() > _LARGEST:
        return False
    if log:
        return bool(size[size > 0].min(initial=1.0) > 1e-37)  # a log axis shows ratios: float32's are exact to 6e-8
    span = high - low
    if not np.isfinite(span) or span <= 0:
        span = float(size.max()) or 1.0
    near = finite[(finite >= low - _NEAR * span) & (finite <= high + _NEAR * span)]
    error = np.abs(near.astype(np.float32).astype(np.float64) - near).max(initial=0.0)
    return bool(error <= TOLERANCE * span)
