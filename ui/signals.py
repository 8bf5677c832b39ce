"""The many-signals page's cached fits and stepped charts (a built-in table, or the reader's file).

Caches are shared by every session: each has ``max_entries`` and a ``ttl``; an upload's key
is its content's digest with the chosen columns, so one reader's data never reach another.
"""

import numpy as np
import streamlit as st

from core.models import design
from core.models.grid import SLIDER_LAMS
from core.show import live
from core.show.plain_numbers import format_lam, markdown_safe
from core.signals import charts as signal_charts
from core.signals import data as signal_data
from core.signals import fit as signal_fit
from core.signals import words as signal_words

from . import live as ui_live
from .fits import CACHE_TTL
from .state import uploaded

TABLE_LABEL = "Example"


@st.cache_resource(max_entries=16, ttl=CACHE_TTL, show_spinner="Fitting every signal for every λ…")
def _fit(key, _make_table):
    """A ``SignalFit`` per key; shared, not copied (nothing changes it after it is built).

    The table is made only when the key is new: for a big upload, slicing and splitting its rows is
    itself a cost no rerun should pay again.
    """
    return signal_fit.fit_table(_make_table())


def builtin_fit(key):
    """The fit of a built-in table (``core.signal_data.SIGNAL_TABLES``)."""
    return _fit(("builtin", key), lambda: signal_data.load_signal_table(key))


def upload_fit(target, columns):
    """The fit of the reader's file with ``target`` predicted from ``columns``; raises ValueError on bad input."""
    current = uploaded()
    key = ("upload", current.digest, current.table.sheet, target, tuple(columns))

    def make_table():
        frame = current.table.frame[[target, *columns]]
        return signal_data.upload_table(frame, target, f"Your data: {current.name}", key=repr(key))

    return _fit(key, make_table)


ONE_COLUMN, SEVERAL_COLUMNS = "One column (a curve)", "Several columns (signals)"


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
        st.error("Your file has no column of numbers to predict.")
        return True
    start = targets.index(current.xy.y_name) if current.xy.y_name in targets else 0
    target = st.selectbox("Column to predict", targets, index=start, key="signals_target")
    others = [c for c in frame.columns if c != target]
    columns = st.multiselect(  # one widget per target: a new target starts from all the other columns again
        "Signals to predict it from", others, default=others[:200], key=f"signals_columns:{target}"
    )
    if not columns:
        st.info("Choose at least one signal.")
        return True
    try:
        fit = upload_fit(target, columns)
    except ValueError as problem:
        st.error(markdown_safe(f"These columns cannot be used: {problem}"))
        return True
    st.caption(
        f"{fit.path.n:,} rows to fit on and {fit.n_test:,} held out as new data; {len(fit.names):,} signals "
        "(a text column counts once per category)."
    )
    if fit.design.notes:
        st.text("\n".join(fit.design.notes))
    ui_live.lam_control()
    story(fit, "upload_signals")
    return True


def slider_rows(fit):
    """The path's row for each step of the λ control."""
    return np.array([fit.path.index_of(lam) for lam in SLIDER_LAMS])


@st.cache_resource(max_entries=64, ttl=CACHE_TTL, show_spinner=False)
def _stepped(name, key, _build):
    return _build()


def _key(fit):
    """Names the fit's data exactly: a built-in table's key, or the upload's digest and columns."""
    return fit.table.key


#: The page's λ-following charts, by name.
CHARTS = {
    "weights": signal_charts.weights_figure,
    "paths": signal_charts.paths_figure,
    "share": signal_charts.share_figure,
    "stability": signal_charts.stability_figure,
    "errors": signal_charts.errors_figure,
}
#: The page's λ-following sentences, by name (the verdict, with its tone, is drawn apart).
SENTENCES = {
    "weight": signal_words.weight_sentence,
    "noise": signal_words.noise_sentence,
    "pair": signal_words.pair_sentence,
    "share": signal_words.share_sentence,
    "stability": signal_words.stability_sentence,
}


def chart(name, fit, key):
    """One of the page's λ-following charts (``name``: a key of ``CHARTS``)."""
    builder = CHARTS[name]
    figure = _stepped(name, _key(fit), lambda: signal_charts.stepped(builder, fit, slider_rows(fit)))
    ui_live.chart(figure, key=key)


def text(name, fit, key):
    """One of the page's λ-following sentences (``name``: a key of ``SENTENCES``, or "verdict")."""

    def build():
        rows = slider_rows(fit)
        if name == "verdict":
            pairs = [signal_words.verdict_text(fit, int(row)) for row in rows]
            return live.stepped_text([p[0] for p in pairs], [p[1] for p in pairs])
        sentence = SENTENCES[name]
        return live.stepped_text([sentence(fit, int(row)) for row in rows])

    ui_live.text(_stepped(f"text {name}", _key(fit), build), key=key)


def story(fit, prefix):
    """Every λ-following chart and sentence of the many-signals story, and the In depth expander."""
    note = signal_words.size_note(fit)
    if note:
        st.info(note)
    text("verdict", fit, f"{prefix}_verdict")

    st.subheader("Which signals carry the prediction")
    st.caption(
        "Each bar is how much the prediction moves when that signal is one typical swing (one standard deviation) "
        "higher, or, for a category, when the row is in it. Purple: no penalty. Orange: the λ you chose."
    )
    chart("weights", fit, f"{prefix}_weights")
    text("weight", fit, f"{prefix}_weight_sentence")
    if signal_fit.irrelevant_features(fit).size:
        text("noise", fit, f"{prefix}_noise_sentence")

    st.subheader("The two signals that move together")
    text("pair", fit, f"{prefix}_pair")

    st.subheader("Each weight as the penalty grows")
    st.caption(markdown_safe(signal_words.paths_caption(fit)))
    chart("paths", fit, f"{prefix}_paths")

    st.subheader("How much does the biggest signal carry?")
    st.caption(
        "The share of all weight carried by the single biggest signal, for every λ. The dashed line is an even "
        "split between all the signals."
    )
    chart("share", fit, f"{prefix}_share")
    text("share", fit, f"{prefix}_share_sentence")

    st.subheader("How steady is each weight?")
    st.caption(
        "The model is refitted five times, each time without a different fifth of the rows. Each bar is how "
        "much that weight moves between these refits: long bars are weights you cannot trust."
    )
    chart("stability", fit, f"{prefix}_stability")
    text("stability", fit, f"{prefix}_stability_sentence")

    st.subheader("Error against the penalty")
    st.caption(
        "Typical miss on the training rows, on held-out rows and by cross-validation, for every λ. "
        "The sweet spot is the bottom of the valley."
    )
    chart("errors", fit, f"{prefix}_errors")

    with st.expander("In depth: the exact model"):
        path = fit.path
        st.markdown(
            "Numbers (and dates, as days since the earliest date) are standardized to mean 0 and standard "
            "deviation 1 on the training rows; each text category becomes a 0/1 column. The model minimizes "
            "(1/n)·Σ(residual²) + λ·Σw², the intercept not penalized, so it equals scikit-learn's `Ridge` with "
            "alpha = n·λ on those columns. The pipeline below, fitted on the training rows, gives the same "
            f"weights (n = {path.n:,} training rows; lam is set to the sweet spot, change it to any λ):"
        )
        st.code(design.pipeline_code(fit.design, path.n, float(path.lams[path.best_index])), language="python")
        cv = (
            "exact leave-one-out (closed form: eᵢ / (1 − hᵢᵢ))"
            if path.cv == "leave-one-out"
            else f"{path.cv} cross-validation (KFold(5, shuffle=True, random_state=0))"
        )
        st.markdown(
            f"Cross-validation: {cv}, with the scaling fitted once on all training rows and alpha = n·λ in every "
            "fold. λ = 0 is the minimum-norm least-squares fit. Stability bars: the standard deviation of each "
            "weight over the five fits without one fold. Best λ on the fine grid: "
            f"{format_lam(path.lams[path.best_index])}."
        )
