"""The view a link carries: ``?lam=0.001&degree=15&data=wave&n=30&noise=0.3&seed=0``.

Parsing never fails: a value that cannot be read falls back to the default and
a value out of range is clamped, each with a note in plain words. The notes
never repeat the text of the link, which is a stranger's input.
"""

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from .curve.data import DATASET_TITLES, DEFAULT_N, DEFAULT_NOISE, DEFAULT_SEED, N_RANGE, NOISE_RANGE
from .models.grid import SLIDER_LAMS

DEGREE_RANGE = (1, 20)
SEED_RANGE = (0, 2**31 - 1)
NOISE_STEP = 0.05
UPLOAD = "upload"
#: Shown once when a link names an uploaded file this session does not have.
UPLOAD_LINK_NOTE = (
    "This link was made with an uploaded file, and a link cannot carry the file itself. "
    "Upload it again on the Your data page; meanwhile the sample data are shown."
)
#: Under the link to the current view.
LINK_CAPTION = "Copy the link with the icon at the right of the box; it opens exactly this view."
#: The first view: no penalty on the café's sample that visibly memorizes (overfitting first; core/curve/data.py).
DEFAULT_VIEW = {"lam": 0.0, "degree": 15, "data": "wave", "n": DEFAULT_N, "noise": DEFAULT_NOISE, "seed": DEFAULT_SEED}

_NAMES = {
    "lam": "penalty strength λ",
    "degree": "degree",
    "data": "dataset",
    "n": "number of points",
    "noise": "noise level",
    "seed": "sample number",
}


def snap_lam(lam: float) -> float:
    """The slider value nearest to ``lam`` in log scale; 0 stays 0, the ends clamp."""
    if lam <= 0:
        return 0.0
    positive = SLIDER_LAMS[1:]
    return float(positive[np.argmin(np.abs(np.log10(positive) - math.log10(lam)))])


#: A λ this close to a step (in log10) is that step written with three digits, as links carry it.
_LAM_SAME_STEP = 0.005


def _snapped_lam(lam: float, notes: list[str]) -> float:
    """The control's step nearest to ``lam``; a λ between steps gets a note."""
    step = snap_lam(lam)
    if lam > 0 and abs(math.log10(lam) - math.log10(step)) > _LAM_SAME_STEP:
        notes.append(
            "The link's penalty strength λ falls between the steps of the λ control, so the nearest step is used."
        )
    return step


def _number(text: str, kind: type[int] | type[float]) -> float:
    value = kind(float(text)) if kind is int else float(text)
    if kind is int and float(text) != value:
        raise ValueError("not a whole number")
    return value


def _clamped(name: str, value: float, low: float, high: float, notes: list[str]) -> float:
    if value < low or value > high:
        value = min(max(value, low), high)
        notes.append(f"The link's {_NAMES[name]} was out of range, so the nearest allowed value is used.")
    return value


def parse_view(params: Mapping[str, str], base: Mapping[str, Any] | None = None) -> tuple[dict[str, Any], list[str]]:
    """Read a view from query parameters (a mapping of str to str).

    Parameters missing from ``params`` keep their value in ``base`` (default: ``DEFAULT_VIEW``).

    Returns
    -------
    view : dict
        Every key of ``DEFAULT_VIEW``, valid. ``data`` may be "upload", the reader's
        own file, which only the session that uploaded it has.
    notes : list of str
        One plain sentence for each value that was replaced or clamped.
    """
    view = dict(DEFAULT_VIEW if base is None else base)
    notes = []
    for name, kind in (("lam", float), ("degree", int), ("n", int), ("noise", float), ("seed", int)):
        if name not in params:
            continue
        try:
            value = _number(params[name], kind)
            if math.isnan(value):
                raise ValueError("not a number")
        except (ValueError, OverflowError):
            notes.append(f"The link's {_NAMES[name]} could not be read, so the default is used.")
            continue
        if name == "lam":
            value = _clamped(name, value, 0.0, float(SLIDER_LAMS[-1]), notes)
            value = _snapped_lam(max(value, 0.0), notes)
        elif name == "degree":
            value = _clamped(name, value, *DEGREE_RANGE, notes)
        elif name == "n":
            value = _clamped(name, value, *N_RANGE, notes)
        elif name == "noise":
            value = round(_clamped(name, value, *NOISE_RANGE, notes) / NOISE_STEP) * NOISE_STEP
            value = round(value, 2)
        else:
            value = _clamped(name, value, *SEED_RANGE, notes)
        view[name] = value
    if "data" in params:
        if params["data"] in DATASET_TITLES or params["data"] == UPLOAD:
            view["data"] = params["data"]
        else:
            notes.append("The link names a dataset that does not exist here, so the default dataset is shown.")
    return view, notes


def view_to_params(view: Mapping[str, Any]) -> dict[str, str]:
    """Query parameters that reproduce ``view`` exactly when parsed back."""
    return {
        "lam": "0" if view["lam"] == 0 else f"{view['lam']:.3g}",
        "degree": str(view["degree"]),
        "data": view["data"],
        "n": str(view["n"]),
        "noise": f"{view['noise']:g}",
        "seed": str(view["seed"]),
    }
