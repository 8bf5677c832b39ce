"""The Sorting-feedback page (AppTest): live charts and texts, the sweet spot, typed comments of every kind."""

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.feedback import fit as feedback_fit
from core.feedback import words
from core.models.grid import SLIDER_LAMS
from tests.apptest_helpers import APP, TIMEOUT, figures, lam_step, live_data, live_texts, open_page, release_lam

FEEDBACK = "pages/feedback.py"


@pytest.fixture
def at():
    return open_page(FEEDBACK, lam="0.0000032")  # the sweet spot; the default opens with no penalty


def typed(at, text):
    at.text_area(key="feedback_comment").set_value(text).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def comment_text(at):
    found = [text for text in live_texts(at) if ": complaint" in text or ": praise" in text or "not sure" in text]
    assert len(found) == 1, live_texts(at)
    return found[0]


def shown_as_markdown(at):
    """Everything the page rendered as Markdown (where typed text must never appear)."""
    return " ".join(
        [element.value for element in at.markdown]
        + [element.value for element in at.info]
        + [element.value for element in at.caption]
    )


def test_page_draws_the_live_charts_and_texts_at_the_views_lam(at):
    assert lam_step(at) == 11  # λ = 0.0000032
    assert len(live_data(at, "chart")) == 4 and len(figures(at)) == 4  # with the example comment's words
    texts = live_texts(at)
    assert texts[0] == (
        "Verdict: about right. Checking on comments the model did not see, no other setting does clearly better."
    )
    assert any("“not once” (in 2 training comments)" in text for text in texts)
    assert at.query_params["lam"] == "3.16e-06"


def test_every_chart_and_text_has_one_step_per_lam(at):
    for data in live_data(at, "chart"):
        assert len(data["patches"]) == SLIDER_LAMS.size
    for data in live_data(at, "text"):
        assert len(data["texts"]) == SLIDER_LAMS.size


def test_released_lam_moves_everything(at):
    words_before = figures(at)[0]["data"][1]["y"]
    release_lam(at, 0.0)
    assert live_texts(at)[0] == (
        "Verdict: memorizing (too wiggly). The model lets words that happened to sit in two or three training "
        "comments decide on their own, and it is far too sure of itself on new ones. More penalty would make it "
        "steadier."
    )
    free, here = figures(at)[0]["data"]
    assert free["y"] == here["y"] != words_before  # at λ = 0 both panels show the no-penalty model
    release_lam(at, 100.0)
    assert live_texts(at)[0].startswith("Verdict: too simple")
    assert at.query_params["lam"] == "100"


def test_sweet_spot_button_moves_lam_to_the_cross_validated_best(at):
    at.button[0].click().run()
    model = feedback_fit.word_model()
    assert lam_step(at) == int(np.argmin(model.path.cv_log_loss)) == 11
    assert live_texts(at)[0].startswith("Verdict: about right")


def test_no_penalty_is_explained_on_the_page_and_in_depth(at):
    captions = " ".join(element.value for element in at.caption)
    assert "the weights never settle" in captions and "shows where they are heading" in captions
    assert "penalty" not in captions.split("About λ = 0 (no penalty):")[1].split(".")[0]
    in_depth = at.expander[0]
    in_depth_text = " ".join(element.value for element in in_depth.markdown)
    assert "100 times weaker than the slider's smallest step" in in_depth_text
    assert "λ = 0.0000000001" in in_depth_text
    assert "C = 1/(2·n·λ)" in " ".join(element.value for element in in_depth.markdown)
    assert "LogisticRegression(C=1 / (2 * 1628 * 3.162277660168379e-06)" in in_depth.code[0].value


@pytest.mark.parametrize("step", [0, 11])
def test_in_depth_code_reproduces_the_page(step):
    at = open_page(FEEDBACK, lam=str(SLIDER_LAMS[step]))
    code = at.expander[0].code[0].value
    namespace = {}
    exec(code.replace("model.predict_proba(", "probability = model.predict_proba("), namespace)
    model = feedback_fit.word_model()
    ours = model.path.predict_proba(model.features(model.comments.test_texts))[step]
    np.testing.assert_allclose(namespace["probability"], ours, atol=1e-6)


def test_empty_comment_asks_for_one(at):
    typed(at, "   \n ")
    assert "Type a comment above" in shown_as_markdown(at)
    assert len(live_data(at, "chart")) == 3


def test_comment_is_sorted_at_this_lam_and_with_no_penalty(at):
    typed(at, "Arrived two weeks late and nobody answered. Frobnicated!")
    text = comment_text(at)
    assert text.startswith("With a light penalty (λ under 0.0001): complaint, ")
    assert "With no penalty: complaint, more than 99.9% sure." in text
    assert "toward complaint: nobody (+" in text
    assert text.endswith("so they carry no weight: frobnicated.")
    assert len(live_data(at, "chart")) == 4
    words_chart = figures(at)[2]
    assert words_chart["data"][0]["y"][:3] == ["arrived", "two", "weeks"]
    assert at.text[0].value == "Arrived two weeks late and nobody answered. Frobnicated!"


@pytest.mark.parametrize(
    "text",
    [
        "<b>late</b> <img src=x onerror=alert(1)> <script>alert(2)</script>",
        "**refund** now! ![x](http://127.0.0.1:9/a.png) [click](javascript:alert(3))",
        "😀😀😀",
        "Доставка опоздала, 配送が遅い",
    ],
)
def test_markup_emoji_and_other_scripts_are_shown_as_plain_text(at, text):
    typed(at, text)
    assert at.text[0].value == text
    assert text not in shown_as_markdown(at)
    assert comment_text(at)  # sorted, whatever it says
    for figure in figures(at):
        labels = [label for trace in figure["data"] for label in (trace.get("y") or []) if isinstance(label, str)]
        assert not any("<" in label or ">" in label for label in labels)


def test_emoji_only_comment_is_not_sure_instead_of_a_guess(at):
    typed(at, "😀😀😀")
    text = comment_text(at)
    assert text.startswith("The model is not sure: none of these words were in the comments it learned from.")
    assert "%" not in text
    assert len(live_data(at, "chart")) == 3  # no words, no words chart


def test_long_comment_is_cut_with_a_note(at):
    typed(at, "late. " * 200)
    assert "Only the first 1,000 characters are read" in shown_as_markdown(at)
    assert len(at.text[0].value) == 1_000


def test_typed_comment_stays_in_its_session():
    first = open_page(FEEDBACK)
    typed(first, "Priya was lovely")
    assert first.session_state["feedback_comment_views"][0] == "Priya was lovely"
    second = AppTest.from_file(APP, default_timeout=TIMEOUT)
    second.run()
    second.switch_page(FEEDBACK).run()
    assert second.session_state["feedback_comment_views"][0] == words.EXAMPLE_COMMENT
    assert all("Priya was lovely" not in text for text in live_texts(second))
    assert second.text_area(key="feedback_comment").value == words.EXAMPLE_COMMENT


def test_boundary_follows_lam(at):
    before = figures(at)[3]["data"][3]["z"]
    release_lam(at, 100.0)
    assert figures(at)[3]["data"][3]["z"] != before
    assert any(text.startswith("With a very strong penalty (λ = 100) the boundary sorts") for text in live_texts(at))


def test_the_example_comment_is_sorted_before_anyone_types(at):
    assert at.text_area(key="feedback_comment").value == words.EXAMPLE_COMMENT
    assert at.text[0].value == words.EXAMPLE_COMMENT
    text = comment_text(at)
    assert text.startswith("With a light penalty (λ under 0.0001): ")
    assert "Type a comment above" not in shown_as_markdown(at)
    assert words.EXAMPLE_COMMENT not in shown_as_markdown(at)
