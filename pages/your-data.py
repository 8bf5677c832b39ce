import streamlit as st

import ui
from core import reader
from core.curve import words
from core.show.plain_numbers import format_lam, markdown_safe
from core.viewstate import UPLOAD
from ui import live
from ui.controls import chart_summary
from ui.curve import steps
from ui.curve.controls import download_buttons, fit_controls, show_misses, show_verdict, sweet_spot_button
from ui.curve.fits import fit_for
from ui.signals.story import several_columns_view
from ui.upload import column_controls, receive_upload

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
    st.markdown(words.worked_example(example.path, example.dataset))
    # At its recommended λ, with no control of its own; it also loads the chart library while the reader picks a file.
    live.chart(
        steps.fit_chart(example, height=320, truth=False),  # shown as a real file would be: no true curve
        key="example_fit",
        group="example",
        index=steps.sweet_spot_step(example),
    )
    chart_summary(
        "The example file at its recommended λ: black dots are the months the model learned from, pale blue dots "
        "are new months it never saw, and the orange curve is the model. The lone black dot far above the rest is "
        "the month with the bulk order."
    )
else:
    table, xy = current.table, current.xy
    st.text(f"File: {current.name} ({table.n_rows:,} rows)")
    for note in table.notes:
        st.caption(markdown_safe(note))
    with st.expander("Preview of the first rows", expanded=False):
        st.dataframe(table.frame.head(20), hide_index=True)
    if several_columns_view(current):  # the many-signals story for several columns (ui/signals/story.py)
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
    live.chart(steps.fit_chart(fit), key="upload_fit")
    live.text(steps.fit_summaries(fit), key="upload_fit_summary")
    show_misses(fit)
    show_verdict(fit)
    best = fit.path.lams[fit.path.best_index]
    st.markdown(f"**Recommended λ (cross-validation): {format_lam(best)}.**")
    live.text(steps.sweet_spot_sentences(fit), key="upload_sweet_spot")
    sweet_spot_button(fit)

    st.subheader("What the penalty does to the weights")
    live.chart(steps.weight_bars(fit), key="upload_weight_bars")
    live.text(steps.weights_sentences(fit), key="upload_weights_sentence")
    st.subheader("Error against the penalty")
    live.chart(steps.error_curves(fit), key="upload_error_curves")

    st.subheader("Take it with you")
    download_buttons(fit)
    with st.expander("In depth: reproduce this fit"):
        st.code(words.sklearn_code(fit.path.degree, fit.n, fit.lam), language="python")
        st.markdown(
            "`x_train` and `y_train` are the training rows from the predictions download (column "
            "'used for' = training)" + ("; x is the number of days since the first date." if xy.x_is_date else ".")
        )
ui.finish_page()
