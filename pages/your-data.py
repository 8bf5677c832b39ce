import streamlit as st

import ui
from core import reader
from core.curve import buyer, words
from core.show.palette import NEW_DATA, TRAINING, YOUR_PENALTY
from core.show.plain_numbers import format_lam, lam_in_words, markdown_safe
from core.viewstate import UPLOAD
from ui import live
from ui.controls import chart_summary, next_in_story
from ui.curve import steps
from ui.curve.controls import download_buttons, fit_controls, show_misses, show_verdict, sweet_spot_button
from ui.curve.fits import fit_for, for_markdown
from ui.signals.story import several_columns_view
from ui.upload import column_controls, receive_upload

#: Under the downloads: what a reader can do with the predictions file.
WHAT_TO_DO_WITH_PREDICTIONS = (
    "**What to do with the predictions.** The file holds every row of yours with the model's guess and its miss, "
    "and says which rows it learned from and which it never saw. Sort by the miss to find the rows the model "
    "cannot explain: a one-off order, a typing slip, a day worth a closer look. Judge the model by the rows it "
    "never saw, not by the others. Before you plan with it, compare its typical miss with a typical value of "
    "yours, and show the file to whoever sells you a model: their tool should do at least as well on the same "
    "rows. And keep in mind that a curve is only sure inside the range of your data."
)

ui.start_page()
st.title("Your data")
st.markdown(
    "Bring a spreadsheet export, for example sales by month, price against size, or dose against response, "
    "and see the same story for your own numbers: how flexible a curve your data support, and which "
    "penalty predicts new rows best. A CSV export or the workbook itself (.xlsx, .ods) will do. The app starts with the first date or number "
    "column along the bottom and the next number column up the side; you can pick others after the upload."
)
file = st.file_uploader(
    f"Upload a CSV file (.csv, .tsv or .txt) or a workbook (.xlsx or .ods), up to {reader.MAX_UPLOAD_BYTES // 2**20} MB",
    key="upload_file",  # no type=: Streamlit would refuse other files with its own words; ui/upload.py names them
)
receive_upload(file)
current = ui.uploaded()
if current is None:
    st.info(
        "No file yet. Your file stays on this server for your session only and is never shared. "
        "A shared link cannot carry the file itself, so whoever opens your link uploads it again."
    )
    example = fit_for("line", 15, 0.0)
    st.markdown(buyer.worked_example(example.path, example.dataset))
    # At its recommended λ, with no control of its own; it also loads the chart library while the reader picks a file.
    live.chart(
        steps.fit_chart(example, height=320, truth=False),  # shown as a real file would be: no true curve
        key="example_fit",
        group="example",
        index=steps.sweet_spot_step(example),
    )
    chart_summary(
        f"The example file at its recommended penalty: {TRAINING.word} dots are the months the model learned from, "
        f"{NEW_DATA.word} dots are new months it never saw, and the {YOUR_PENALTY.word} curve is the model. The lone "
        f"{TRAINING.word} dot far above the rest is the month with the bulk order."
    )
else:
    table, xy = current.table, current.xy
    st.text(f"File: {current.name} ({table.n_rows:,} rows)")
    for note in table.notes:
        st.caption(markdown_safe(note))
    with st.expander("Preview of the first rows", expanded=False):
        st.dataframe(table.frame.head(20), hide_index=True)
    if several_columns_view(current):  # the many-signals story for several columns (ui/signals/story.py)
        st.markdown(buyer.WHAT_NEXT_SIGNALS)
        next_in_story("/your-data")
        ui.finish_page()
        st.stop()
    column_controls()
    dropped = reader.dropped_sentence(xy)
    if dropped:
        st.warning(dropped)
    dataset = current.dataset
    st.caption(
        f"{xy.x.size:,} rows used: {dataset.x_train.size:,} to fit the curve and {dataset.x_test.size:,} held out "
        "as new data. " + dataset.story + (" x is counted in days from the first date." if xy.x_is_date else "")
    )
    ui.view()["data"] = UPLOAD  # this page always shows the reader's file, and so do the others from now on

    fit = fit_controls(pick_data=False)
    live.chart(steps.fit_chart(fit, compare=True), key="upload_fit")
    live.text(steps.fit_summaries(fit, story=True, compared=True), key="upload_fit_summary")
    show_misses(fit)
    show_verdict(fit)
    best = fit.path.lams[fit.path.best_index]
    st.markdown(f"**Recommended penalty (the sweet spot): {lam_in_words(best)}.**")
    live.text(steps.sweet_spot_sentences(fit, story=True), key="upload_sweet_spot")
    sweet_spot_button(fit)

    st.subheader("Take it with you")
    download_buttons(fit)
    st.markdown(WHAT_TO_DO_WITH_PREDICTIONS)
    with st.expander("In depth: what the penalty does to the weights"):
        live.chart(steps.weight_bars(fit), key="upload_weight_bars")
        live.text(steps.weights_sentences(fit), key="upload_weights_sentence")
    with st.expander("In depth: the miss against the penalty"):
        live.chart(steps.error_curves(fit), key="upload_error_curves")
        st.caption(words.ZONES_CAPTION)
        st.markdown(
            f"Sweet spot on the fine grid: λ = {format_lam(best)}. "
            + for_markdown(words.held_out_best_sentence(fit.path, fit.dataset.y_unit), fit.dataset)
        )
    with st.expander("In depth: reproduce this fit"):
        st.code(words.sklearn_code(fit.path.degree, fit.n, fit.lam), language="python")
        st.markdown(
            "`x_train` and `y_train` are the training rows from the predictions download (column "
            "'used for' = training)" + ("; x is the number of days since the first date." if xy.x_is_date else ".")
        )
if current is None:
    st.markdown(buyer.WHAT_NEXT_WITHOUT_FILE)
else:
    st.markdown(for_markdown(buyer.what_next(fit.path, fit.dataset.y_unit), fit.dataset))
next_in_story("/your-data")  # the story's last page: no next one, the words above end it
ui.finish_page()
