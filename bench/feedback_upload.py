"""A reader's own comments on the Sorting-feedback page: how long each step takes, up to 50,000 comments.

    .venv/bin/python bench/feedback_upload.py [--sizes 1000 5000 20000 50000] [--rounds 3]
    .venv/bin/python bench/feedback_upload.py --browser [--sizes 50000]

The review export is made here, deterministically: each comment joins one to three sentences of the
shipped comments (training and new ones) of one side, now and then after a sentence of the other side and
"But", with a typo or two (a letter replaced), so that a large file has a large vocabulary as real reviews do;
praise gets 4 or 5 stars, a complaint 1 or 2, one in twenty a 3 and one in fifty no rating; a date and a
reviewer's name beside it. About 150 characters a comment (50,000 comments: 8.6 MB).

Core (one process, BLAS on one thread; medians of the rounds): reading the file (``core.reader.read_table``
with ``comments=True``), choosing the columns and splitting (``core.feedback.reviews``), learning (the
vocabulary, every row's features, the path over the 42 slider λ with 5-fold cross-validation: 252 fits on
at most ``MAX_LEARN`` comments), the page's two stepped charts of their comments (42 steps each), and the
download at the sweet spot. "first chart" adds up what comes before the first chart is sent.

``--browser``: the app in Chromium (tests/browser/driver.py); the time from choosing the file on /feedback
to the first chart of the reader's comments painted, and to the page being idle.
"""

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import core
from core import reader, verdict
from core.feedback import charts as feedback_charts
from core.feedback import reviews
from core.feedback.data import HELD_OUT_FILE, TRAIN_FILE
from core.models.grid import SLIDER_LAMS
from core.show import live

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def review_export(rows, seed=0):
    """A review site's CSV export of ``rows`` comments (bytes), made from the shipped comments' sentences."""
    shipped = pd.concat([pd.read_csv(TRAIN_FILE), pd.read_csv(HELD_OUT_FILE)])
    sentences = {
        label: [part for text in shipped.text[shipped.label == label] for part in re.split(r"(?<=[.!?])\s+", text)]
        for label in ("praise", "complaint")
    }
    rng = np.random.default_rng(seed)
    texts, stars = [], []
    for _ in range(rows):
        label = "praise" if rng.random() < 0.5 else "complaint"
        other = "complaint" if label == "praise" else "praise"
        parts = [sentences[label][j] for j in rng.integers(0, len(sentences[label]), rng.integers(1, 4))]
        if rng.random() < 0.3:
            parts.insert(0, sentences[other][rng.integers(len(sentences[other]))] + " But")
        words = " ".join(parts).split(" ")
        for _ in range(rng.poisson(0.7)):
            k = rng.integers(len(words))
            if len(words[k]) > 3:
                at = rng.integers(1, len(words[k]) - 1)
                words[k] = words[k][:at] + _LETTERS[rng.integers(26)] + words[k][at + 1 :]
        texts.append(" ".join(words)[:1_000])
        star = int(rng.choice([4, 5]) if label == "praise" else rng.choice([1, 2]))
        draw = rng.random()
        stars.append("" if draw < 0.02 else 3 if draw < 0.07 else star)
    frame = pd.DataFrame(
        {
            "Date": pd.Timestamp("2024-01-01") + pd.to_timedelta(np.arange(rows) % 700, unit="D"),
            "Reviewer": [f"Customer {i}" for i in range(rows)],
            "Stars": stars,
            "Review": texts,
        }
    )
    return frame.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")


def _timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def _one_round(data):
    seconds = {}
    seconds["read"], table = _timed(lambda: reader.read_table(data, "reviews.csv", comments=True))
    seconds["columns and split"], read = _timed(lambda: reviews.read_reviews(table, *reviews.guess_columns(table)))
    seconds["learn"], fitted = _timed(lambda: reviews.reviews_model(read))
    path = fitted.model.path
    spot = verdict.sweet_spot(path.cv_log_loss, path.cv_log_loss_se)
    seconds["charts"], _ = _timed(
        lambda: (
            live.stepped(lambda k: feedback_charts.scores_figure(path, k, spot), SLIDER_LAMS.size),
            live.stepped(lambda k: feedback_charts.word_weights_figure(fitted.model, k), SLIDER_LAMS.size),
        )
    )
    seconds["download"], _ = _timed(lambda: reviews.rows_csv(fitted, spot.best))
    return seconds, fitted, spot


def bench_core(sizes, rounds):
    print(
        "| comments | MB | learned from | checked on | words and pairs | read s | columns s | learn s | charts s "
        "| first chart s | download s | right at the sweet spot | with no penalty |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for rows in sizes:
        data = review_export(rows)
        runs = [_one_round(data) for _ in range(rounds)]
        median = {key: statistics.median(run[0][key] for run in runs) for key in runs[0][0]}
        _, fitted, spot = runs[0]
        first = sum(median[key] for key in ("read", "columns and split", "learn", "charts"))
        path = fitted.model.path
        print(
            f"| {rows:,} | {len(data) / 2**20:.1f} | {len(fitted.model.comments.train_texts):,} "
            f"| {len(fitted.model.comments.test_texts):,} | {fitted.model.words.size:,} "
            f"| {median['read']:.2f} | {median['columns and split']:.2f} | {median['learn']:.2f} "
            f"| {median['charts']:.2f} | {first:.2f} | {median['download']:.2f} "
            f"| {100 * path.test_accuracy[spot.best]:.1f}% | {100 * path.test_accuracy[0]:.1f}% |",
            flush=True,
        )


def bench_browser(sizes):
    from tests.browser.driver import TIMEOUT_MS, launch_chromium, open_app, serve_app, wait_for_app

    print("| comments | MB | upload to first chart s | upload to page idle s |")
    print("|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder, serve_app() as server, launch_chromium() as browser:
        for rows in sizes:
            csv = Path(folder) / f"reviews-{rows}.csv"
            csv.write_bytes(review_export(rows, seed=rows))  # a file no cache has seen
            page = browser.new_page(base_url=server.url, viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(TIMEOUT_MS)
            open_app(page, "/feedback")
            charts_before = page.locator(".js-plotly-plot").count()
            started = time.perf_counter()
            page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(csv))
            page.wait_for_function(
                f"() => document.querySelectorAll('.js-plotly-plot').length > {charts_before}", polling=50
            )
            first = time.perf_counter() - started
            wait_for_app(page)
            idle = time.perf_counter() - started
            print(f"| {rows:,} | {csv.stat().st_size / 2**20:.1f} | {first:.1f} | {idle:.1f} |", flush=True)
            page.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000, 20_000, 50_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args()
    core.limit_blas_threads()
    if args.browser:
        bench_browser(args.sizes)
    else:
        bench_core(args.sizes, args.rounds)


if __name__ == "__main__":
    main()
