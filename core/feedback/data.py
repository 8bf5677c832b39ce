"""The Sorting-feedback story's data: customer comments, each labelled complaint or praise, and customers
who did or did not complain (two signals: order value and days late; from ``core.customers``, shared with
the network story).

The comments ship with the app as two CSV files beside this module (columns text, label, business,
voice), written for the project by hand, the way customers write: short and long, typos, negations ("not
bad at all"), mixed feelings, everyday phrasing, in distinct voices (a texter, a formal writer, a parent,
someone writing in a second language, a frustrated customer, a support ticket, …):

- ``comments_train.csv``: 1,628 comments on cafés, online shops and software or services, six voices
  each; the model learns from these.
- ``comments_heldout.csv``: 420 comments written separately, on other businesses (a restaurant, a hotel,
  a salon, a repair shop, a gym, a delivery service, a bank, and some that mix them) in other voices.
  These are the page's "new comments": the model never sees them while it learns, and the accuracy the
  page and BENCHMARKS.md report is measured on them.

``load_comments()`` reads both once (nothing is downloaded, nothing is random) and returns the same
``Comments`` on every call.
"""

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..customers import (  # the story's customers: re-exported
    CUSTOMERS_SEED,
    DAYS_RANGE,
    N_TEST,
    N_TRAIN,
    SIGNAL_NAMES,
    VALUE_RANGE,
    load_customers,
    true_log_odds,
)

COMPLAINT, PRAISE = 1, 0
#: Category names by label (1 = complaint, 0 = praise).
CATEGORIES = {COMPLAINT: "complaint", PRAISE: "praise"}
#: The shipped comments: what the model learns from, and the new comments it is checked on.
TRAIN_FILE = Path(__file__).with_name("comments_train.csv")
HELD_OUT_FILE = Path(__file__).with_name("comments_heldout.csv")


@dataclass(frozen=True)
class Comments:
    """Labelled comments: a training part and a held-out part.

    ``categories`` names label 0 and label 1 (the shipped comments: praise and complaint); a reader's
    own comments bring their own names. ``train_groups`` and ``test_groups`` say where each comment comes
    from (the shipped comments: the kind of business), or are empty.
    """

    train_texts: tuple
    train_labels: np.ndarray
    test_texts: tuple
    test_labels: np.ndarray
    categories: tuple = (CATEGORIES[PRAISE], CATEGORIES[COMPLAINT])
    train_groups: tuple = ()
    test_groups: tuple = ()

    @property
    def n_train(self):
        return len(self.train_texts)


def _read(path):
    """(texts, labels, businesses) of one shipped file; labels 1 = complaint, 0 = praise."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    names = {name: label for label, name in CATEGORIES.items()}
    labels = frame["label"].map(names).to_numpy(dtype=int)
    labels.flags.writeable = False
    return tuple(frame["text"]), labels, tuple(frame["business"])


@functools.cache
def load_comments():
    """The shipped comments: 1,628 to learn from and 420 new ones (the same object on every call)."""
    train_texts, train_labels, train_groups = _read(TRAIN_FILE)
    test_texts, test_labels, test_groups = _read(HELD_OUT_FILE)
    return Comments(
        train_texts=train_texts,
        train_labels=train_labels,
        test_texts=test_texts,
        test_labels=test_labels,
        train_groups=train_groups,
        test_groups=test_groups,
    )


__all__ = [
    "CATEGORIES",
    "COMPLAINT",
    "CUSTOMERS_SEED",
    "DAYS_RANGE",
    "HELD_OUT_FILE",
    "N_TEST",
    "N_TRAIN",
    "PRAISE",
    "SIGNAL_NAMES",
    "TRAIN_FILE",
    "VALUE_RANGE",
    "Comments",
    "load_comments",
    "load_customers",
    "true_log_odds",
]
