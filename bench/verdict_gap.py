"""Can a reader judge memorizing by "new-data miss > N × training miss"? Measured against the sweet-spot band.

Run from the project root: .venv/bin/python bench/verdict_gap.py  (about 5 s)

Views: the three synthetic datasets at n ∈ {20, 30, 60, 100}, noise ∈ {0.1, 0.3, 0.6}, seeds 0–4,
degrees {3, 5, 8, 12, 15, 20} (below n − 2), and the three real tables at degrees 1–20 (8 of them);
every λ of the 202-step grid. The verdict is the band's (``core.verdict``): memorizing below it,
about right in it, too simple above it. The gap is the miss on new data over the miss on training
data, with the new-data miss cross-validated (what the band uses) or held out (what the pages show).

Prints, over all views:
- the gap at the band's weak edge and at the best λ (percentiles): what ratio marks the edge;
- for each N, how many λ settings a fixed "gap > N means memorizing" rule gets wrong, and how often
  "gap > N" really is memorizing;
- the margin of the band: the cross-validated miss at its edge over the best one.
"""

import numpy as np

from core.curve.data import SHAPES, TABLES, load_dataset
from core.models.path import ridge_path
from core.verdict import sweet_spot

RATIOS = (1.1, 1.2, 1.3, 1.5, 2.0, 3.0)


def views():
    for key in SHAPES:
        for n in (20, 30, 60, 100):
            for noise in (0.1, 0.3, 0.6):
                for seed in range(5):
                    dataset = load_dataset(key, n, noise, seed)
                    for degree in (3, 5, 8, 12, 15, 20):
                        if degree < n - 2:
                            yield dataset, degree
    for key in TABLES:
        dataset = load_dataset(key)
        for degree in (1, 2, 3, 5, 8, 12, 15, 20):
            yield dataset, degree


def percentiles(name, values):
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    p = np.percentile(values, [0, 5, 50, 95, 100])
    print(f"  {name:<44} min {p[0]:.2f}  5% {p[1]:.2f}  median {p[2]:.2f}  95% {p[3]:.2f}  max {p[4]:.2f}")


def main():
    edge, at_best, margin = {"cv": [], "held out": []}, {"cv": [], "held out": []}, []
    wrong = {(kind, n): 0 for kind in edge for n in RATIOS}
    flagged = {(kind, n): [0, 0] for kind in edge for n in RATIOS}
    settings = memorizing_settings = n_views = 0
    for dataset, degree in views():
        path = ridge_path(dataset.x_train, dataset.y_train, degree, x_test=dataset.x_test, y_test=dataset.y_test)
        spot = sweet_spot(path.cv_mse, path.cv_se)
        memorizing = np.arange(path.lams.size) < spot.low
        n_views += 1
        settings += path.lams.size
        memorizing_settings += memorizing.sum()
        margin.append(np.sqrt((path.cv_mse[spot.best] + path.cv_se[spot.best]) / path.cv_mse[spot.best]))
        for kind, new in (("cv", np.sqrt(path.cv_mse)), ("held out", path.test_rmse)):
            gap = new / path.train_rmse
            edge[kind].append(gap[spot.low])
            at_best[kind].append(gap[spot.best])
            finite = np.isfinite(gap)
            for n in RATIOS:
                said = finite & (gap > n)
                wrong[kind, n] += int(np.sum(finite & (said != memorizing)))
                flagged[kind, n][0] += int(said.sum())
                flagged[kind, n][1] += int((said & memorizing).sum())
    print(f"{n_views} views, {settings} λ settings, {memorizing_settings} of them memorizing by the band\n")
    for kind in edge:
        print(f"Gap = {kind} miss / training miss")
        percentiles("at the band's weak edge (memorizing starts below)", edge[kind])
        percentiles("at the best λ", at_best[kind])
        for n in RATIOS:
            total, right = flagged[kind, n]
            print(
                f"  rule 'gap > {n}': {wrong[kind, n] / settings:6.1%} of settings misjudged; "
                f"when it fires, memorizing {right / max(total, 1):5.1%} of the time"
            )
        print()
    print("Band margin: cross-validated miss at the band's edge / at the best")
    percentiles("", margin)


if __name__ == "__main__":
    main()
