"""Downloads: predictions CSV and the summary."""

import io
import re

import numpy as np
import pandas as pd
import pytest

from core.curve.data import from_columns, load_dataset
from core.curve.export import predictions_csv, summary_markdown
from core.models.path import ridge_path
from core.show.plain_numbers import spreadsheet_safe


def fitted(dataset, degree=6):
    return ridge_path(dataset.x_train, dataset.y_train, degree, x_test=dataset.x_test, y_test=dataset.y_test)


@pytest.mark.parametrize(
    "text, safe",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Revenue", "Revenue"),
        ("a=b", "a=b"),
    ],
)
def test_spreadsheet_safe(text, safe):
    assert spreadsheet_safe(text) == safe


def test_predictions_csv_has_every_row_and_the_exact_predictions():
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 10, 80)
    y = np.sin(x) + rng.normal(0, 0.2, 80)
    dataset = from_columns(x, y, "Your data: f.csv", "=cmd|' /C calc'!A0", "@price")
    path = fitted(dataset)
    index = path.index_of(1e-3)
    frame = pd.read_csv(io.BytesIO(predictions_csv(dataset, path, index)))
    assert list(frame.columns) == ["'=cmd|' /C calc'!A0", "'@price", "prediction", "miss", "used for"]
    assert len(frame) == 80 and (frame["used for"] == "held out").sum() == round(0.3 * 80)
    np.testing.assert_allclose(frame["prediction"], path.predict(frame.iloc[:, 0].to_numpy())[index], rtol=1e-12)
    np.testing.assert_allclose(frame["miss"], frame.iloc[:, 1] - frame["prediction"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(np.sort(frame.iloc[:, 1]), np.sort(y))


def test_predictions_csv_writes_dates_for_a_date_column():
    x = np.arange(40.0) * 7
    dataset = from_columns(
        x, np.sqrt(x + 1), "Your data", "week", "sales", split="forecast", x_origin=np.datetime64("2024-01-01", "ms")
    )
    path = fitted(dataset, 3)
    frame = pd.read_csv(io.BytesIO(predictions_csv(dataset, path, 50)))
    assert frame["week"].iloc[0].startswith("2024-01-01")
    assert set(frame.loc[frame["used for"] == "held out", "week"].str[:10]) == {
        str(np.datetime64("2024-01-01") + int(day)) for day in x[x >= 32 * 7]
    }


def test_summary_reads_the_setting_and_reproduces_it():
    dataset = load_dataset("tips")
    path = fitted(dataset, 8)
    index = path.index_of(1e-2)
    summary = summary_markdown(dataset, path, index)
    assert "λ = 0.01" in summary and "degree 8" in summary
    assert "Recommended λ (cross-validation)" in summary
    code = summary.split("```python\n")[1].split("```")[0]
    namespace = {"x_train": dataset.x_train, "y_train": dataset.y_train, "x_curve": dataset.x_test}
    exec(code, namespace)
    np.testing.assert_allclose(namespace["y_curve"], path.predict(dataset.x_test)[index], rtol=1e-8, atol=1e-8)


def test_summary_escapes_names_from_the_file():
    dataset = from_columns(
        np.arange(30.0), np.arange(30.0) ** 0.5, "Your data: ![x](http://h/a.png)", "<img src=x onerror=alert(1)>", "y"
    )
    summary = summary_markdown(dataset, fitted(dataset, 2), 100)
    assert re.search(r"(?<!\\)!(?!\\)\[x", summary) is None
    assert re.search(r"(?<!\\)<img", summary) is None
    assert "\\<img" in summary and "\\!\\[x\\]" in summary
