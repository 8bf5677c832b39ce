"""The story's additions to the shared kit: the λ axis in words, zones and lines by role, a grey ramp."""

import numpy as np

from core.models.grid import LAM_GRID
from core.models.path import ridge_path
from core.show import kit, palette
from core.show.figspec import FigureSpec
from core.show.plain_numbers import lam_words


def test_story_lam_axis_names_the_penalty_in_words_where_lam_words_does():
    fig = FigureSpec()
    kit.story_lam_axis(fig, LAM_GRID)
    axis = fig.figure().layout.xaxis
    assert list(axis.ticktext) == ["none", "very light", "light", "medium", "strong", "very strong"]
    for position, text in zip(axis.tickvals[1:], axis.ticktext[1:]):
        assert lam_words(10.0**position).startswith("a " + text)
    assert axis.tickvals[0] == np.log10(LAM_GRID[LAM_GRID > 0].min()) - 1  # λ = 0, one decade to the left


def test_story_lam_axis_draws_where_each_word_starts_so_a_value_and_its_word_agree():
    """The café's sweet spot (λ = 0.0001) is called medium: on the axis it sits on the light|medium edge, drawn."""
    fig = FigureSpec()
    kit.story_lam_axis(fig, LAM_GRID)
    layout = fig.figure().layout
    edges = sorted(shape.x0 for shape in layout.shapes)
    assert np.allclose(edges, [-6.0, -4.0, -2.0, 0.0])
    assert layout.xaxis.showgrid is False  # no grid line under a word's middle to be mistaken for an edge
    for edge in edges:  # a λ right on an edge is named by the word to its right, and differs from its left
        assert lam_words(10.0**edge) == lam_words(10.0 ** (edge + 0.5)) != lam_words(10.0 ** (edge - 0.5))


def test_story_lam_axis_writes_no_number_a_word_would_contradict_elsewhere():
    """A word under one number ("medium (0.001)") contradicts the same word with another elsewhere (λ = 0.0001)."""
    fig = FigureSpec()
    kit.story_lam_axis(fig, LAM_GRID)
    assert not any(character.isdigit() for text in fig.figure().layout.xaxis.ticktext for character in text)


def test_zone_words_name_the_pale_shades_drawn():
    assert kit.ROLE_ZONE_WORDS == ("pale pink", "pale green", "pale blue")
    assert kit.ZONE_OPACITY < 0.5  # a pale wash: the words say so


def test_error_curves_by_role_make_no_penalty_readable():
    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(0, 1, 30))
    path = ridge_path(x, np.sin(6 * x) + 0.3 * rng.standard_normal(30), 15, x_test=x, y_test=np.sin(6 * x))
    figure = kit.error_curves_figure(path, 0, "€", by_role=True, story=True)
    left = figure.layout.xaxis.range[0]
    assert left < kit.lam_positions(path.lams)[0] - 0.5  # the λ = 0 dots whole, not cut by the edge
    notes = [note.text for note in figure.layout.annotations if note.text.startswith("With no penalty")]
    assert len(notes) == 1
    assert all(f"{line} ±" in notes[0] for line in ("new data", "training data", "dashed check"))


def test_error_curves_by_role_take_the_roles_colours():
    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(0, 1, 30))
    path = ridge_path(x, np.sin(6 * x) + 0.3 * rng.standard_normal(30), 10, x_test=x, y_test=np.sin(6 * x))
    figure = kit.error_curves_figure(path, 0, "€", by_role=True, story=True)
    colours = {trace.name: trace.line.color for trace in figure.data if trace.mode != "markers"}
    assert colours["Training data"] == palette.TRAINING.colour
    assert colours["New data (held out)"] == palette.NEW_DATA.colour
    star = next(trace for trace in figure.data if trace.name.startswith("Sweet spot"))
    assert star.marker.color == palette.SWEET_SPOT.colour
    zones = [shape.fillcolor for shape in figure.layout.shapes if shape.type == "rect"]
    assert zones == list(kit.ROLE_ZONE_COLOURS)
    assert figure.layout.xaxis.ticktext[0] == "none"
    plain = kit.error_curves_figure(path, 0, "€")  # the default look is unchanged
    assert [shape.fillcolor for shape in plain.layout.shapes if shape.type == "rect"] == list(kit.ZONE_COLOURS)


def test_grey_ramp_runs_from_light_to_dark_and_is_no_role():
    greys = [palette.grey_ramp(k, 5) for k in range(5)]
    levels = [int(grey[1:3], 16) for grey in greys]
    assert levels == sorted(levels, reverse=True) and len(set(greys)) == 5
    assert not {grey.lower() for grey in greys} & {role.colour.lower() for role in palette.ROLES}
