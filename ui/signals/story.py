"""The many-signals story on a page: its λ-following charts and sentences, and Your data's several-columns view.

Used by ``pages/signals.py`` (a built-in table) and ``pages/your-data.py`` (the reader's file). Every
chart and sentence is built for all λ steps once per table (``ui.cache.stepped``).

The story's part (``story``) is one chart, each signal's weight with your penalty beside the sweet
spot (while your penalty is 0) or no penalty, and its sentences; the rest, for analysts, is in
"In depth" expanders (``in_depth``): the weight paths, the stability bars, the biggest signal's share,
the signals that do not matter, the verdict and the errors against λ, the exact model.
"""

import hashlib

import streamlit as st

from core.models import design
from core.show import live
from core.show.facts import SWEET_SPOT_WITHOUT_NEW_DATA
from core.show.plain_numbers import markdown_safe
from core.signals import charts, fit, words
from core.signals import data as signal_data

from .. import live as ui_live
from ..cache import stepped
from ..state import slider_index
from .fits import upload_fit

TABLE_LABEL = "Example"
ONE_COLUMN, SEVERAL_COLUMNS = "One column (a curve)", "Several columns (signals)"
MAIN_HEADER = "Who gets the credit"

#: The page's λ-following charts, by name (the first is the story's; the others are in depth).
CHARTS = {
    "weights": charts.weights_figure,
    "paths": charts.paths_figure,
    "stability": charts.stability_figure,
    "share": charts.share_figure,
    "errors": charts.errors_figure,
}
#: The page's λ-following sentences, by name (the verdict, with its tone, is drawn apart).
SENTENCES = {
    "credit": words.credit_sentence,
    "others": words.others_sentence,
    "forecast": words.forecast_sentence,
    "noise": words.noise_sentence,
    "share": words.share_sentence,
    "stability": words.stability_sentence,
}


def several_columns_view(current):
    """On Your data: the choice between the curve and the signals view; draws the signals view if chosen.

    Returns True when the signals view was drawn (the page then stops), False for the curve.
    """
    choice = st.radio("What to look at", [ONE_COLUMN, SEVERAL_COLUMNS], horizontal=True, key="your_data_view")
    if choice == ONE_COLUMN:
        return False
    frame = current.table.frame
    targets = list(current.table.numeric_columns)
    if not targets:
        st.error(words.NO_TARGET)
        return True
    start = targets.index(signal_data.default_target(frame, targets))
    target = st.selectbox("Column to predict", targets, index=start, key="signals_target")
    others = [c for c in frame.columns if c != target]
    columns = st.multiselect(  # one widget per target: a new target starts from all the other columns again
        "Signals to predict it from", others, default=others[:200], key=f"signals_columns:{target}"
    )
    if not columns:
        st.info(words.NO_SIGNALS)
        return True
    try:
        upload = upload_fit(target, columns)
    except ValueError as problem:
        st.error(markdown_safe(words.unusable_columns(problem)))
        return True
    st.caption(markdown_safe(words.rows_caption(upload)))
    if upload.design.notes:
        st.text("\n".join(upload.design.notes))
    ui_live.lam_control(rerun_page=False)  # the story's λ-dependent output is all live
    story(upload, "upload_signals")
    in_depth(upload, "upload_signals")
    return True


def chart(name, signal_fit, key):
    """One of the page's λ-following charts (``name``: a key of ``CHARTS``)."""
    builder = CHARTS[name]

    def build():
        return charts.stepped(builder, signal_fit, signal_fit.path.slider_rows)

    # One element per table: a chart mounted for another table would keep that table's height (the
    # browser sizes a live chart when it first draws it), leaving a gap under a shorter chart.
    table = hashlib.sha256(signal_fit.table.key.encode()).hexdigest()[:12]
    ui_live.chart(stepped(name, signal_fit.table.key, build), key=f"{key}_{table}")


def text(name, signal_fit, key):
    """One of the page's λ-following sentences (``name``: a key of ``SENTENCES``, or "verdict")."""

    def build():
        rows = signal_fit.path.slider_rows
        if name == "verdict":
            pairs = [words.verdict_text(signal_fit, int(row)) for row in rows]
            return live.stepped_text([p[0] for p in pairs], [p[1] for p in pairs])
        sentence = SENTENCES[name]
        return live.stepped_text([sentence(signal_fit, int(row)) for row in rows])

    ui_live.text(stepped(f"text {name}", signal_fit.table.key, build), key=key)


def story(signal_fit, prefix):
    """The story's part: the main chart (each signal's weight) and what it says, for this table at every λ.

    ``signal_fit.table.key`` names the data exactly (a built-in table's key, or the upload's digest and columns).
    """
    note = words.size_note(signal_fit)
    if note:
        st.info(note)
    st.subheader(MAIN_HEADER)
    st.caption(words.weights_caption(signal_fit))
    chart("weights", signal_fit, f"{prefix}_weights")
    text("credit", signal_fit, f"{prefix}_credit")
    text("others", signal_fit, f"{prefix}_others")
    if signal_fit.n_test:
        text("forecast", signal_fit, f"{prefix}_forecast")


def in_depth(signal_fit, prefix):
    """The analysts' part, each in an "In depth" expander: nothing of the story's old page is lost."""
    with st.expander("In depth: each weight as the penalty grows"):
        st.caption(markdown_safe(words.paths_caption(signal_fit)))
        chart("paths", signal_fit, f"{prefix}_paths")

    with st.expander("In depth: how steady is each weight?"):
        st.caption(words.STABILITY_CAPTION)
        chart("stability", signal_fit, f"{prefix}_stability")
        text("stability", signal_fit, f"{prefix}_stability_sentence")

    with st.expander("In depth: how much does the biggest signal carry?"):
        st.caption(words.SHARE_CAPTION)
        chart("share", signal_fit, f"{prefix}_share")
        text("share", signal_fit, f"{prefix}_share_sentence")

    if fit.irrelevant_features(signal_fit).size:
        with st.expander("In depth: signals that do not matter"):
            text("noise", signal_fit, f"{prefix}_noise_sentence")

    with st.expander("In depth: the verdict, and the miss against the penalty"):
        text("verdict", signal_fit, f"{prefix}_verdict")
        st.caption(words.ERRORS_CAPTION)
        chart("errors", signal_fit, f"{prefix}_errors")
        st.caption(SWEET_SPOT_WITHOUT_NEW_DATA)

    with st.expander("In depth: the exact model"):
        path = signal_fit.path
        st.markdown(words.in_depth_model(path.n))
        st.code(design.pipeline_code(signal_fit.design, path.n, float(path.lams[path.best_index])), language="python")
        st.markdown(words.in_depth_cross_validation(path))
        st.caption("Every weight, at full precision (your λ as the page last heard it: on release of the control).")
        row = int(path.slider_rows[slider_index()])
        st.dataframe(words.weights_table(signal_fit, row), hide_index=True)
