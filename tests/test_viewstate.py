"""core.viewstate: the view a shared link carries survives the round trip, and bad links are harmless."""

import numpy as np
import pytest

from core.curve.data import DATASET_TITLES
from core.viewstate import DEFAULT_VIEW, parse_view, snap_lam, view_to_params

SLIDER = [0.0, *np.logspace(-8, 2, 41).tolist()]  # the λ slider's values, written out independently


def test_default_view():
    # Overfitting first: a reader with no link starts with no penalty and drags toward the sweet spot.
    # The café's sample that visibly memorizes with no penalty (core/curve/data.py, tests/test_core.py).
    assert DEFAULT_VIEW == {"lam": 0.0, "degree": 15, "data": "wave", "n": 18, "noise": 0.3, "seed": 82}
    assert DEFAULT_VIEW["lam"] in SLIDER
    assert parse_view({}) == (DEFAULT_VIEW, [])


@pytest.mark.parametrize("lam", SLIDER, ids=lambda v: f"{v:.3g}")
def test_every_slider_lam_round_trips(lam):
    view = dict(DEFAULT_VIEW, lam=lam)
    params = view_to_params(view)
    assert all(isinstance(v, str) for v in params.values())
    parsed, notes = parse_view(params)
    assert notes == []
    assert parsed["lam"] == lam  # exactly the slider's value, not just close
    assert type(parsed["lam"]) is float


@pytest.mark.parametrize(
    "field, values",
    [
        ("degree", range(1, 21)),
        ("n", [10, 11, 30, 99, 200]),
        ("noise", [round(0.05 * k, 2) for k in range(21)]),
        ("seed", [0, 1, 42, 2**31 - 1]),
        ("data", list(DATASET_TITLES)),
    ],
)
def test_other_fields_round_trip(field, values):
    for value in values:
        view = dict(DEFAULT_VIEW, **{field: value})
        parsed, notes = parse_view(view_to_params(view))
        assert parsed == view and notes == [], value
        assert type(parsed[field]) is type(value)


def test_full_view_round_trips():
    view = {"lam": SLIDER[17], "degree": 7, "data": "tips", "n": 120, "noise": 0.65, "seed": 12345}
    assert parse_view(view_to_params(view)) == (view, [])


def test_link_from_the_docs():
    view, notes = parse_view({"lam": "0.001", "degree": "12", "data": "wave", "n": "30", "noise": "0.3", "seed": "0"})
    assert notes == []
    assert view == {"lam": 1e-3, "degree": 12, "data": "wave", "n": 30, "noise": 0.3, "seed": 0}


@pytest.mark.parametrize(
    "params, field, expected",
    [
        ({"lam": "1e9"}, "lam", 100.0),
        ({"lam": "-1"}, "lam", 0.0),
        ({"lam": "inf"}, "lam", 100.0),
        ({"degree": "99"}, "degree", 20),
        ({"degree": "0"}, "degree", 1),
        ({"n": "5"}, "n", 10),
        ({"n": "100000"}, "n", 200),
        ({"noise": "7"}, "noise", 1.0),
        ({"noise": "-0.2"}, "noise", 0.0),
        ({"seed": "-3"}, "seed", 0),
        ({"seed": "1e30"}, "seed", 2**31 - 1),
    ],
)
def test_out_of_range_clamps_with_a_note(params, field, expected):
    view, notes = parse_view(params)
    assert view[field] == expected and type(view[field]) is type(expected)
    assert len(notes) == 1 and "out of range" in notes[0]
    assert {k: v for k, v in view.items() if k != field} == {k: v for k, v in DEFAULT_VIEW.items() if k != field}


@pytest.mark.parametrize(
    "params, field, expected",
    [
        ({"lam": "0.0015"}, "lam", SLIDER[22]),  # log10 -2.82: nearer 10^-2.75 than 10^-3
        ({"lam": "0.0012"}, "lam", SLIDER[21]),  # log10 -2.92: nearer 10^-3
        ({"lam": "0.00136"}, "lam", SLIDER[22]),  # past the log midpoint 1.334e-3, before the linear one 1.389e-3
        ({"lam": "0.0013"}, "lam", SLIDER[21]),
        ({"lam": "1e-12"}, "lam", SLIDER[1]),
        ({"lam": "0"}, "lam", 0.0),
        ({"lam": "-0"}, "lam", 0.0),
        ({"noise": "0.33"}, "noise", 0.35),
        ({"noise": "0.32"}, "noise", 0.3),
    ],
)
def test_in_range_values_snap_to_what_the_sliders_offer(params, field, expected):
    assert SLIDER[21] == 1e-3 and SLIDER[22] == pytest.approx(10**-2.75)
    view, notes = parse_view(params)
    assert view[field] == expected
    if field == "lam" and expected > 0:  # every λ here falls between steps: the reader is told
        assert len(notes) == 1 and "between the steps" in notes[0] and params["lam"] not in notes[0]
    else:
        assert notes == []


@pytest.mark.parametrize("step", range(len(SLIDER)))
def test_a_link_the_app_wrote_snaps_back_without_a_note(step):
    view, notes = parse_view(view_to_params(dict(DEFAULT_VIEW, lam=float(SLIDER[step]))))
    assert view["lam"] == SLIDER[step] and notes == []


RAW = "zq<img src=x onerror=alert(1)>![a](http://evil.example/p.png)"


@pytest.mark.parametrize("field", ["lam", "degree", "n", "noise", "seed", "data"])
@pytest.mark.parametrize("raw", [RAW, "abc", "", "nan", "1.5e", "NaN", "0x10"])
def test_unreadable_values_fall_back_with_a_note(field, raw):
    if field == "data" and raw == "":
        raw = "nope"
    view, notes = parse_view({field: raw})
    assert view == DEFAULT_VIEW
    assert len(notes) == 1
    assert ("could not be read" in notes[0]) or (field == "data" and "does not exist" in notes[0])
    if raw:
        assert raw not in notes[0]
    for fragment in ("<img", "evil", "http", "alert", "zq", "abc", "1.5e", "0x10"):
        assert fragment not in notes[0]


@pytest.mark.parametrize(
    "field, raw", [("degree", "2.5"), ("n", "30.5"), ("seed", "1.25"), ("n", "inf"), ("degree", "-inf")]
)
def test_whole_numbers_only_for_whole_fields(field, raw):
    view, notes = parse_view({field: raw})
    assert view[field] == DEFAULT_VIEW[field]
    assert len(notes) == 1 and raw not in notes[0]


def test_whole_numbers_written_as_floats_are_accepted():
    view, notes = parse_view({"degree": "12.0", "n": "4e1"})
    assert (view["degree"], view["n"], notes) == (12, 40, [])


def test_several_bad_values_give_one_note_each():
    params = {"lam": "x", "degree": "99", "data": "nope", "n": "5", "noise": "y", "seed": "z"}
    view, notes = parse_view(params)
    assert view == dict(DEFAULT_VIEW, degree=20, n=10)
    assert len(notes) == 6 and len(set(notes)) == 6
    assert not any(v in note for note in notes for v in ("nope", "99"))


@pytest.mark.parametrize("lam", [1e-9, 1e-8, 2e-8, 1.36e-3, 0.05, 0.076, 99.0, 1e5])
def test_snap_lam_nearest_in_log(lam):
    positive = np.array(SLIDER[1:])
    expected = positive[np.argmin(np.abs(np.log10(positive) - np.log10(lam)))]
    assert snap_lam(lam) == expected
    assert snap_lam(0) == 0.0 and snap_lam(-1.0) == 0.0
