"""The Sorting-feedback page (AppTest): live charts and texts, the sweet spot, typed comments of every kind."""

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core import verdict
from core.feedback import comment_words, upload_words
from core.feedback import fit as feedback_fit
from core.models.grid import SLIDER_LAMS
from core.show.palette import NO_PENALTY, SWEET_SPOT, YOUR_PENALTY
from tests.apptest_helpers import (
    APP,
    TIMEOUT,
    decode,
    figures,
    lam_step,
    live_data,
    live_texts,
    open_page,
    plain_text,
    release_lam,
)
from tests.review_exports import SPECIAL, review_export, review_workbook

FEEDBACK = "pages/feedback.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The page's charts in page order (with a typed comment, before an upload): the story's two, then In depth's.
WORDS, COMMENT, SCORES, BOUNDARY = range(4)


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


def in_depth(at, topic):
    """The one "In depth" expander whose label holds ``topic``."""
    (found,) = [block for block in at.expander if block.label.startswith("In depth") and topic in block.label]
    return found


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
    assert figures(at)[SCORES]["data"][0]["name"] == "Right answers, training comments"
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
    words_before = figures(at)[WORDS]["data"][1]["y"]
    release_lam(at, 0.0)
    assert live_texts(at)[0] == (
        "Verdict: memorizing (too wiggly). The model lets words that happened to sit in two or three training "
        "comments decide on their own, and it is far too sure of itself on new ones. More penalty would make it "
        "steadier."
    )
    compared, here = figures(at)[WORDS]["data"]
    assert here["y"] != words_before and here["y"] != compared["y"]  # at λ = 0 the sweet spot is drawn beside
    release_lam(at, 100.0)
    assert live_texts(at)[0].startswith("Verdict: too simple")
    assert at.query_params["lam"] == "100"


# --- Before and after at first sight (docs/story.md): beside your λ = 0 the sweet spot, once λ moves no penalty ---


def _pushes_shown(model, row):
    return model.pushes(row)[feedback_fit.strongest(model, row, 10)]


def _line_colour(contour):
    return contour["colorscale"][0][1]


def test_first_view_draws_the_sweet_spot_beside_your_no_penalty():
    at = open_page(FEEDBACK)  # no link, nothing touched: λ = 0
    assert lam_step(at) == 0
    model = feedback_fit.word_model()
    best = feedback_fit.sweet_spot(model.path).best
    words_chart = figures(at)[WORDS]
    compared, yours = words_chart["data"]
    assert compared["name"] == "Sweet spot: a light penalty (λ under 0.0001)" and yours["name"] == "Your penalty: none"
    assert compared["marker"]["color"] == SWEET_SPOT.colour and yours["marker"]["color"] == YOUR_PENALTY.colour
    np.testing.assert_allclose(decode(compared["x"]), _pushes_shown(model, best), rtol=1e-5)
    np.testing.assert_allclose(decode(yours["x"]), _pushes_shown(model, 0), rtol=1e-5)
    assert np.abs(decode(yours["x"])).max() > 3 * np.abs(decode(compared["x"])).max()  # the contrast is seen
    titles = [title["text"] for title in words_chart["layout"]["annotations"]]
    assert titles == ["Sweet spot:<br>a light penalty (λ under 0.0001)", "Your penalty:<br>none"]

    comment = figures(at)[COMMENT]["data"]
    assert [bars["marker"]["color"] for bars in comment] == [SWEET_SPOT.colour, YOUR_PENALTY.colour]
    assert not np.allclose(decode(comment[0]["x"]), decode(comment[1]["x"]))

    boundary = feedback_fit.boundary_model()
    yours_line, compared_line = figures(at)[BOUNDARY]["data"][2:]
    assert _line_colour(yours_line) == YOUR_PENALTY.colour and _line_colour(compared_line) == SWEET_SPOT.colour
    spot = feedback_fit.sweet_spot(boundary.path).best
    np.testing.assert_allclose(decode(compared_line["z"]), boundary.grid_probability[spot].ravel(), atol=1e-6)

    said = live_texts(at)
    assert said[1].startswith("With your setting (orange), no penalty (λ = 0), the word that pushes hardest is")
    assert "At the sweet spot (green), a light penalty (λ under 0.0001), the word that pushes hardest is" in said[1]
    assert "\nAt the sweet spot (green), a light penalty (λ under 0.0001): complaint" in comment_text(at)
    assert "At the sweet spot (green), a medium penalty (λ = 0.0056): " in said[-1]  # the boundary's own sweet spot


def test_once_lam_moves_the_comparison_is_no_penalty(at):
    model = feedback_fit.word_model()
    for lam in (float(SLIDER_LAMS[1]), 0.001):
        release_lam(at, lam)
        step = lam_step(at)
        compared, yours = figures(at)[WORDS]["data"]
        assert compared["name"] == "No penalty" and compared["marker"]["color"] == NO_PENALTY.colour
        assert yours["marker"]["color"] == YOUR_PENALTY.colour and yours["name"].startswith("Your penalty: a ")
        np.testing.assert_allclose(decode(compared["x"]), _pushes_shown(model, 0), rtol=1e-5)
        np.testing.assert_allclose(decode(yours["x"]), _pushes_shown(model, step), rtol=1e-5)
        comment = figures(at)[COMMENT]["data"]
        assert [bars["marker"]["color"] for bars in comment] == [NO_PENALTY.colour, YOUR_PENALTY.colour]
        yours_line, compared_line = figures(at)[BOUNDARY]["data"][2:]
        assert _line_colour(compared_line) == NO_PENALTY.colour and compared_line["line"]["dash"] == "dot"
        assert _line_colour(yours_line) == YOUR_PENALTY.colour
        assert "With no penalty (pink), the word that pushes hardest is “not once”" in live_texts(at)[1]


def test_the_page_names_colours_by_their_roles(at):
    shown = plain_text(at) + " ".join(block.value for block in at.markdown)
    for word in (YOUR_PENALTY.word, SWEET_SPOT.word, NO_PENALTY.word):
        assert word in shown
    assert "purple" not in shown and "black line" not in shown


def test_sweet_spot_button_moves_lam_to_the_cross_validated_best(at):
    at.button[0].click().run()
    model = feedback_fit.word_model()
    assert lam_step(at) == int(np.argmin(model.path.cv_log_loss)) == 11
    assert live_texts(at)[0].startswith("Verdict: about right")


def test_no_penalty_is_explained_in_depth(at):
    formulas = in_depth(at, "formulas")
    in_depth_text = " ".join(element.value for element in formulas.markdown)
    assert "the weights never settle" in in_depth_text and "shows where they are heading" in in_depth_text
    assert "penalty" not in in_depth_text.split("About λ = 0 (no penalty):")[1].split(".")[0]
    assert "100 times weaker than the slider's smallest step" in in_depth_text
    assert "λ = 0.0000000001" in in_depth_text
    assert "C = 1/(2·n·λ)" in in_depth_text
    assert "LogisticRegression(C=1 / (2 * 1628 * 3.162277660168379e-06)" in formulas.code[0].value
    assert "never settle" not in plain_text(at)  # exact detail is in depth, not in the story


def test_the_story_keeps_its_details_in_depth_and_ends_with_the_next_page(at):
    pairs = in_depth(at, "pairs of words")
    assert "“not bad” is in 9 training comments" in pairs.markdown[0].value
    assert "1,628 training comments (black) and 420 new comments" in in_depth(at, "right answers").caption[0].value
    boundary = in_depth(at, "two numbers")
    assert "customers to learn from" in boundary.markdown[0].value
    assert any(block.value.startswith("**The takeaway.**") for block in at.markdown)
    (link,) = [link.proto for link in at.get("page_link") if link.proto.label.startswith("Next:")]
    assert link.label == "Next: Your data"


@pytest.mark.parametrize("step", [0, 11])
def test_in_depth_code_reproduces_the_page(step):
    at = open_page(FEEDBACK, lam=str(SLIDER_LAMS[step]))
    code = in_depth(at, "formulas").code[0].value
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
    assert text.startswith("With your setting (orange), a light penalty (λ under 0.0001): complaint, ")
    assert "\nWith no penalty (pink): complaint, more than 99.9% sure." in text
    assert "toward complaint: nobody (+" in text
    assert text.endswith("so they carry no weight: frobnicated.")
    assert len(live_data(at, "chart")) == 4
    words_chart = figures(at)[COMMENT]
    assert words_chart["data"][0]["y"][:3] == ["arrived", "two", "weeks"]
    # the typed comment as typed, each word the model knows in brackets: "frobnicated" it never saw
    assert at.text[0].value == "[Arrived] [two] [weeks] [late] [and] [nobody] [answered]. Frobnicated!"


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
    assert at.text[0].value == comment_words.marked(feedback_fit.word_model(), text)
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
    assert len(at.text[0].value.replace("[late]", "late")) == 1_000


def test_typed_comment_stays_in_its_session():
    first = open_page(FEEDBACK)
    typed(first, "Priya was lovely")
    assert first.session_state["feedback_comment_views"][0] == "Priya was lovely"
    second = AppTest.from_file(APP, default_timeout=TIMEOUT)
    second.run()
    second.switch_page(FEEDBACK).run()
    assert second.session_state["feedback_comment_views"][0] == comment_words.EXAMPLE_COMMENT
    assert all("Priya was lovely" not in text for text in live_texts(second))
    assert second.text_area(key="feedback_comment").value == comment_words.EXAMPLE_COMMENT


def test_boundary_follows_lam(at):
    before = figures(at)[BOUNDARY]["data"][2]["z"]  # the customers, then your boundary, then the one beside it
    release_lam(at, 100.0)
    assert figures(at)[BOUNDARY]["data"][2]["z"] != before
    assert any(
        text.startswith("With your setting (orange), a very strong penalty (λ = 100), the boundary sorts")
        for text in live_texts(at)
    )


def test_the_example_comment_is_sorted_before_anyone_types(at):
    assert at.text_area(key="feedback_comment").value == comment_words.EXAMPLE_COMMENT
    assert at.text[0].value == comment_words.marked(feedback_fit.word_model(), comment_words.EXAMPLE_COMMENT)
    text = comment_text(at)
    assert text.startswith("With your setting (orange), a light penalty (λ under 0.0001): ")
    assert "Type a comment above" not in shown_as_markdown(at)
    assert comment_words.EXAMPLE_COMMENT not in shown_as_markdown(at)


# --- Sort your own comments: a review export built in the test (tests/review_exports.py) ---


def upload(at, name, data, mime="text/csv"):
    at.file_uploader(key="feedback_file").upload(name, data, mime).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def errors(at):
    return [element.value for element in at.error]


def their_texts(at):
    """The live texts of the reader's own comments (after the typed comment's, before In depth's three)."""
    texts = live_texts(at)
    return texts[4:-3]


@pytest.fixture
def uploaded():
    at = open_page(FEEDBACK, lam="0.0000032")
    return upload(at, "reviews.csv", review_export())


def test_before_an_upload_the_page_says_no_file_yet(at):
    assert any("No file yet" in element.value for element in at.info)
    assert len(live_data(at, "chart")) == 4


def test_an_uploaded_review_export_gets_the_same_story(uploaded):
    at = uploaded
    assert not errors(at)
    assert [element.value for element in at.text][-1] == "File: reviews.csv (420 rows)"
    assert at.selectbox(key="widget_feedback_text").value == "Review"
    assert at.selectbox(key="widget_feedback_label").value == "Rating"
    assert len(live_data(at, "chart")) == 6  # the shipped comments' four, with theirs after the typed comment's
    verdict, words_text, scores = their_texts(at)
    assert verdict.startswith("Verdict: ")
    assert " in 100 held-out ones" in scores and "the 124 held-out comments" in scores
    assert "the word that pushes hardest is “" in words_text
    captions = " ".join(element.value for element in at.caption)
    assert "the model learns from 288 labelled comments and is checked on 124 others" in captions.replace("\\", "")
    assert "4 comments rated 3 stars" in captions
    their_words, their_scores = figures(at)[2], figures(at)[3]
    assert [trace["name"] for trace in their_scores["data"][:2]] == [
        "Right answers, training comments",
        "Right answers, your held-out comments",
    ]
    assert their_words["layout"]["yaxis"]["type"] == their_words["layout"]["yaxis2"]["type"] == "category"
    wrong = at.dataframe[0].value
    assert list(wrong.columns) == ["comment", "label", "category", "model says", "sure (%)"]
    assert (wrong["model says"] != wrong["category"]).all()
    assert [button.label for button in at.get("download_button")] == [upload_words.DOWNLOAD_LABEL]


def test_their_charts_and_texts_follow_lam(uploaded):
    at = uploaded
    before = their_texts(at)
    release_lam(at, 0.0)
    after = their_texts(at)
    assert after[2].startswith("With your setting, no penalty (λ = 0), the model sorts") and after != before
    compared, yours = figures(at)[2]["data"]  # their words: the sweet spot for their comments beside λ = 0
    assert compared["marker"]["color"] == SWEET_SPOT.colour and yours["marker"]["color"] == YOUR_PENALTY.colour
    assert compared["y"] != yours["y"] or not np.allclose(decode(compared["x"]), decode(yours["x"]))
    release_lam(at, 100.0)
    assert their_texts(at)[0].startswith("Verdict: too simple")


def test_their_sweet_spot_button_moves_lam_to_their_best(uploaded):
    at = uploaded
    at.button(key="feedback_upload_sweet_spot").click().run()
    fitted = next(iter(at.session_state["feedback_upload_fitted"].values()))[0]
    path = fitted.model.path
    assert lam_step(at) == verdict.sweet_spot(path.cv_log_loss, path.cv_log_loss_se).best


def test_a_workbook_of_reviews_with_two_sheets():
    at = open_page(FEEDBACK)
    upload(at, "reviews.xlsx", review_workbook(sheets=("Notes", "Reviews")), XLSX)
    assert not errors(at)
    assert at.selectbox(key="widget_feedback_sheet").value == "Notes"
    at.selectbox(key="widget_feedback_sheet").set_value("Reviews").run()
    assert not errors(at) and at.selectbox(key="widget_feedback_label").value == "Rating"
    assert len(live_data(at, "chart")) == 6


BAD_FILES = [
    ("numbers.csv", b"text,stars\n" + b"".join(b"%d,%d\n" % (i, 1 + i % 5) for i in range(40)), "every column holds"),
    ("one.csv", b"comment\nlovely\nawful\nfine\nslow\nquick\n", "one with the comments, one with a rating or a label"),
    (
        "same.csv",
        b"comment,shop\n" + b"".join(b"comment number %d,The Shop\n" % i for i in range(30)),
        "same value on every row",
    ),
    (
        "few.csv",
        b"comment,stars\n" + b"".join(b"comment number %d,%d\n" % (i, 1 + 4 * (i % 2)) for i in range(15)),
        "Only 15 rows",
    ),
    ("page.html", b"<html><body>hello</body></html>", "cannot be read here"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES, ids=[name for name, _, _ in BAD_FILES])
def test_a_file_that_cannot_be_used_is_told_plainly_and_the_previous_stays(uploaded, name, data, message):
    at = uploaded
    release_lam(at, float(SLIDER_LAMS[15]))
    upload(at, name, data)
    assert len(errors(at)) == 1 and message in errors(at)[0].replace("\\", "")
    assert "previous data are still here" in errors(at)[0].replace("\\", "")
    assert [element.value for element in at.text][-1] == "File: reviews.csv (420 rows)"  # the previous file stays
    assert lam_step(at) == 15 and at.query_params["lam"] == f"{SLIDER_LAMS[15]:.3g}"  # and the view
    assert len(live_data(at, "chart")) == 6


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES[:3], ids=[name for name, _, _ in BAD_FILES[:3]])
def test_a_first_file_that_cannot_be_used_is_told_plainly(at, name, data, message):
    upload(at, name, data)
    assert len(errors(at)) == 1 and message in errors(at)[0].replace("\\", "")
    assert any("No file yet" in element.value for element in at.info)


def test_an_unusable_label_column_keeps_the_previous_choice(uploaded):
    at = uploaded
    at.selectbox(key="widget_feedback_label").set_value("Reviewer").run()
    assert any("different values" in error.replace("\\", "") for error in errors(at))
    assert at.selectbox(key="widget_feedback_label").value == "Rating"
    assert len(live_data(at, "chart")) == 6


def test_markup_in_a_file_name_and_its_comments_is_plain_text():
    at = open_page(FEEDBACK)
    name = "**bold** ![x](http://127.0.0.1:9/a.png).csv"
    upload(at, name, review_export())
    assert f"File: {name} (420 rows)" in [element.value for element in at.text]
    assert name not in shown_as_markdown(at) and SPECIAL[7][:40] not in shown_as_markdown(at)
    for figure in figures(at):
        labels = [label for trace in figure["data"] for label in (trace.get("y") or []) if isinstance(label, str)]
        assert not any("<" in label or ">" in label for label in labels)


def test_one_readers_comments_never_reach_another():
    first = open_page(FEEDBACK)
    upload(first, "reviews.csv", review_export())
    second = AppTest.from_file(APP, default_timeout=TIMEOUT)
    second.run()
    second.switch_page(FEEDBACK).run()
    assert "feedback_upload" not in second.session_state and "feedback_upload_fitted" not in second.session_state
    assert not any(element.value.startswith("File: ") for element in second.text)
    assert len(live_data(second, "chart")) == 4
