"""The live control's release as the server reads it: anything but a step on the grid is ignored.

The browser's message may be stale or wrong (tests/browser/test_readers.py sends such messages to a real
server); here ``ui.live.released_step`` is checked against every kind of value on its own.
"""

import types

import pytest

from ui import live

N_STEPS = 42


@pytest.fixture
def session_state(monkeypatch):
    state = {}
    monkeypatch.setattr(live, "st", types.SimpleNamespace(session_state=state))
    return state


@pytest.mark.parametrize("step", [0, 1, 41])
def test_a_step_on_the_grid_is_taken(session_state, step):
    session_state["lam_control"] = {"release": step}
    assert live.released_step("lam_control", N_STEPS) == step


@pytest.mark.parametrize("value", [-1, 42, 99, 1.5, 3.0, "3", None, True, False, [1], {"value": 1}])
def test_anything_else_is_ignored(session_state, value):
    session_state["lam_control"] = {"release": value}
    assert live.released_step("lam_control", N_STEPS) is None


def test_a_release_for_a_control_the_page_does_not_show_is_ignored(session_state):
    """Its state is missing: a stale message after the reader changed page (was a KeyError shown to the reader)."""
    assert live.released_step("lam_control", N_STEPS) is None


@pytest.mark.parametrize("state", [None, "not a dict", 3, {}])
def test_a_state_of_the_wrong_shape_is_ignored(session_state, state):
    session_state["lam_control"] = state
    assert live.released_step("lam_control", N_STEPS) is None
