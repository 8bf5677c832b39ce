import streamlit as st

import ui
from core import charts, explain, reader

ui.start_page()
st.title("Your data")
st.markdown(
    "Bring a spreadsheet export, for example sales by month, price against size, or dose against response, "
    "and see the same story for your own numbers: how flexible a curve your data support, and which "
    "penalty predicts new rows best. Save it from your spreadsheet as CSV; the app picks two columns to start with."
)
file = st.file_uploader(
    f"Upload a CSV file (.csv, .tsv or .txt, up to {reader.MAX_UPLOAD_BYTES // 2**20} MB)",
    type=["csv", "tsv", "txt"],
    key="upload_file",
)
ui.receive_upload(file)
current = ui.uploaded()
if current is None:
    st.info(
        "No file yet. Your file stays on this server for your session only and is never shared. "
        "A shared link cannot carry the file itself, so whoever opens your link uploads it again."
    )
    st.markdown(
        "Until then, this is the kind of chart you will get, here for the sample data "
        f"({ui.dataset_titles()[ui.view()['data']]}):"
    )
    sample = ui.current_fit()
    st.plotly_chart(charts.fit_figure(sample.dataset, sample.curve_x, sample.curve_y, height=320), width="stretch")
    ui.chart_summary(
        explain.fit_summary(
            sample.path, sample.index, charts.leaves_window(sample.curve_y, charts.chart_window(sample.dataset))
        )
    )
else:
    table, xy = current["table"], current["xy"]
    st.text(f"File: {current['name']} ({table.n_rows:,} rows)")
    for note in table.notes:
        st.caption(explain.markdown_safe(note))
    with st.expander("Preview of the first rows", expanded=False):
        st.dataframe(table.frame.head(20), hide_index=True)
    ui.column_controls()
    dropped = reader.dropped_sentence(xy)
    if dropped:
        st.warning(dropped)
    dataset = current["dataset"]
    st.caption(
        f"{xy.x.size:,} rows used: {dataset.x_train.size:,} to fit the curve and {dataset.x_test.size:,} held out "
        "as new data. " + dataset.story + (" x is counted in days from the first date." if xy.x_is_date else "")
    )
    ui.view()["data"] = ui.UPLOAD  # this page always shows the reader's file, and so do the others from now on

    fit = ui.fit_controls(pick_data=False)
    st.plotly_chart(charts.fit_figure(fit.dataset, fit.curve_x, fit.curve_y), width="stretch")
    ui.chart_summary(
        explain.fit_summary(fit.path, fit.index, charts.leaves_window(fit.curve_y, charts.chart_window(fit.dataset)))
    )
    ui.show_misses(fit)
    ui.show_verdict(fit)
    best = fit.path.lams[fit.path.best_index]
    st.markdown(
        f"**Recommended λ (cross-validation): {explain.format_lam(best)}.** "
        + explain.sweet_spot_sentence(fit.path, fit.index, ui.unit_text(fit.dataset))
    )
    ui.sweet_spot_button(fit)

    st.subheader("What the penalty does to the weights")
    st.plotly_chart(charts.weight_bars_figure(fit.path, fit.index), width="stretch")
    ui.chart_summary(explain.weights_sentence(fit.path, fit.index))
    st.subheader("Error against the penalty")
    st.plotly_chart(charts.error_curves_figure(fit.path, fit.index, fit.dataset.y_label), width="stretch")

    st.subheader("Take it with you")
    ui.download_buttons(fit)
    with st.expander("In depth: reproduce this fit"):
        st.code(explain.sklearn_code(fit.path.degree, fit.n, fit.lam), language="python")
        st.markdown(
            "`x_train` and `y_train` are the training rows from the predictions download (column "
            "'used for' = training)" + ("; x is the number of days since the first date." if xy.x_is_date else ".")
        )
ui.finish_page()
