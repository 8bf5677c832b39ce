"""What the one-curve story tells a buyer: the three small pictures, the forecast, what miss to accept, how much
history helps, and a worked example on the reader's data. Amounts in the data's unit (``format_amount``); λ in
words on the story track.
"""

import numpy as np

from ..show.palette import NO_PENALTY, SWEET_SPOT, TOO_MUCH
from ..show.plain_numbers import (
    format_amount,
    format_miss,
    lam_in_words,
)
from ..verdict import reading, verdict
from .data import noise_in_units
from .words import new_miss

#: Above this ratio of the band's ends, the band is "wide": λ matters little on these data.
WIDE_BAND = 1000


def worked_example(path, dataset):
    """What the reader would see for a shop's sales file, as Markdown: a clearly labelled example result.

    ``dataset`` is the built-in advertising and sales data, with its one odd month (its words are safe as
    Markdown); ``path`` its fit at the highest flexibility.
    """
    spot = reading(path, 0).spot
    new, unit = new_miss(path), dataset.y_unit
    low, high = path.lams[spot.low], path.lams[spot.high]
    wide = (
        " That range is wide, which is good news: on this file the exact penalty matters little."
        if low > 0 and high / low >= WIDE_BAND
        else ""
    )
    train_higher = path.train_rmse[spot.best] > new[spot.best]
    return (
        f"**An example of the result.** Say your file holds a shop's monthly advertising budget and its sales "
        f"(our built-in “{dataset.title}” data, whose numbers are made up, shown here as if they were your file). "
        "With the most flexible curve, you would see:\n"
        f"- **Recommended penalty (the sweet spot): {lam_in_words(path.lams[spot.best])}.** Anything from "
        f"{lam_in_words(low)} to {lam_in_words(high)} does about as well.{wide}\n"
        f"- With it, the **typical miss on new months is {format_miss(new[spot.best], unit)}**, against "
        f"{format_miss(path.train_rmse[spot.best], unit)} on the months it learned from"
        + (
            ". Usually the miss on the months learned from is the smaller one. Here it is larger because one of "
            "those months had a one-off bulk order: the penalized curve rightly refuses to chase it, so it misses "
            "that month by a lot"
            if train_higher
            else ""
        )
        + f". Verdict: {verdict(path, spot.best).label}.\n"
        f"- With no penalty, the miss on new months is {format_miss(new[0], unit)}. "
        f"Verdict: {verdict(path, 0).label}.\n\n"
        "For your own file you also get the chart of your data with the model's curve, the weights, and the miss "
        "for every λ, all following the λ control, and a download of the model's predictions."
    )


# --- The story's first page: three pictures, the forecast, and the buyer's numbers ---


def picture_caption(path, index, unit="", n=None):
    """Under one of the three small pictures: the penalty in words, its verdict and the two misses."""
    train, new = path.train_rmse[index], new_miss(path)[index]
    days = f"the {n} points it learned from" if n else "the points it learned from"
    return (
        f"{lam_in_words(path.lams[index])[0].upper()}{lam_in_words(path.lams[index])[1:]}: "
        f"{verdict(path, index).label}. Misses {days} by {format_miss(train, unit)} and new data by "
        f"{format_miss(new, unit)}."
    )


def pictures_sentence(path, too_much, unit=""):
    """One sentence over the three pictures: what each colour is and what to see, from the numbers drawn."""
    best = path.best_index
    return (
        f"The same data and the same model three times. With no penalty ({NO_PENALTY.word}, dotted) the curve "
        f"chases every point. At the sweet spot ({SWEET_SPOT.word}) it follows the pattern; it misses new data by "
        f"{format_miss(new_miss(path)[best], unit)} instead of {format_miss(new_miss(path)[0], unit)}. With far too "
        f"much ({TOO_MUCH.word}) it flattens and misses the rise and fall: {format_miss(new_miss(path)[too_much], unit)}."
    )


def forecast_sentences(dataset, future, forecasts):
    """The forecast read aloud: each forecast's two-week total against what happened, and days outside the data.

    ``future`` is (x, y) of the next days; ``forecasts`` is a list of (how the sentence names the model's
    setting, "With no penalty"; its forecast on those days).
    A day whose forecast lies outside everything the model learned from is counted, and its most extreme
    value named: a forecast there is a guess beyond the data.
    """
    _, happened = future
    unit = dataset.y_unit
    low, high = float(dataset.y_train.min()), float(dataset.y_train.max())
    days = happened.size
    sentences = [f"In the {days} days after the data, the café took {format_amount(happened.sum(), unit)} in all."]
    for name, predicted in forecasts:
        outside = (predicted < low) | (predicted > high)
        text = (
            f"{name}, the model forecast {format_amount(predicted.sum(), unit)}, off by "
            f"{format_amount(abs(predicted.sum() - happened.sum()), unit)}"
        )
        if outside.any():
            extreme = predicted[outside][np.argmax(np.abs(predicted[outside] - (low + high) / 2))]
            text += (
                f"; on {int(outside.sum())} of the {days} days it forecast sales outside anything in its data "
                f"({format_amount(low, unit)} to {format_amount(high, unit)}), down to {format_amount(extreme, unit)}"
                if extreme < low
                else f"; on {int(outside.sum())} of the {days} days it forecast sales outside anything in its data "
                f"({format_amount(low, unit)} to {format_amount(high, unit)}), up to {format_amount(extreme, unit)}"
            )
        if predicted.sum() < 0 and (happened >= 0).all():
            text += (
                f". A café cannot sell less than nothing, so a total below {format_amount(0, unit)} is impossible: "
                "a sign of memorizing"
            )
        elif (predicted < 0).any() and (happened >= 0).all():
            text += (
                f". Some days it forecast less than {format_amount(0, unit)}, which a café cannot sell: "
                "a sign of memorizing"
            )
        sentences.append(text + ".")
    return " ".join(sentences)


def miss_to_accept(path, dataset):
    """What miss to accept, judged against a typical value and against the luck no model can predict (made-up data)."""
    unit = dataset.y_unit
    best, new = path.best_index, new_miss(path)
    typical = dataset.typical if dataset.typical else float(np.mean(np.abs(dataset.y_train)))
    share = round(100 * new[best] / typical)
    text = (
        f"Judge a miss against a typical day: here about {format_amount(typical, unit)}. At the sweet spot the model "
        f"misses new days by {format_miss(new[best], unit)}, about {share}% of a typical day. "
    )
    luck = noise_in_units(dataset)
    if luck:
        text += f"The day-to-day luck alone is about {format_miss(luck, unit)}, so no model can do much better. "
    return text + (
        f"With no penalty it misses by {format_miss(new[0], unit)}, about {round(100 * new[0] / typical)}% of a "
        "typical day. "
        "Ask a vendor for the miss on new days and put it next to your typical day: a miss you could live with "
        "when you order stock is a good sign; one near a typical day's takings is no forecast at all."
    )


def history_sentence(rows, unit=""):
    """How much history helps: ``rows`` of (number of training points, miss with no penalty, miss at the sweet spot)."""
    first, *middle, last = rows
    parts = [
        f"With {first[0]} days, no penalty misses new days by {format_miss(first[1], unit)} and the sweet spot by "
        f"{format_miss(first[2], unit)}."
    ]
    parts += [f"With {n} days: {format_miss(a, unit)} and {format_miss(b, unit)}." for n, a, b in middle]
    parts.append(
        f"With {last[0]} days: {format_miss(last[1], unit)} and {format_miss(last[2], unit)}, almost the same."
    )
    return (
        "More history helps most when the model is flexible and has no penalty. "
        + " ".join(parts)
        + " With the penalty, even a short history does nearly as well as a long one."
    )


#: The go-deeper pages the story's last page points to, as Markdown links.
DEEPER_LINKS = (
    "[Playground](/playground) (change the data, the flexibility and the noise), [Weights](/weights) (what the "
    "penalty shrinks), [Why it works](/why) (the picture behind it) and [Questions](/faq) (common questions, each "
    "with a live demo)"
)


def what_next(path, unit=""):
    """The story's last words on the reader's file: the two numbers to take to a vendor, and where to look deeper."""
    best = path.best_index
    return (
        "**What to do next.** Take two numbers to whoever builds or sells your model: the recommended penalty, "
        f"{lam_in_words(path.lams[best])}, and the typical miss at that penalty on rows the model never saw, "
        f"{format_miss(path.test_rmse[best], unit)}. Ask for the same two numbers from their tool on the same rows "
        "(the predictions download holds them), and put to them the questions under “If you are buying a model” on "
        f"[Home](/). To see why this works: {DEEPER_LINKS}."
    )


#: The story's last words after the many-signals story of the reader's file (it gives its own numbers above).
WHAT_NEXT_SIGNALS = (
    "**What to do next.** Take the penalty the story above recommends and the model's miss on rows it never saw to "
    "whoever builds or sells your model, with the questions under “If you are buying a model” on [Home](/). To see "
    f"why this works: {DEEPER_LINKS}."
)
#: The story's last words before a file is in.
WHAT_NEXT_WITHOUT_FILE = (
    "**What to do next.** With your file in, this page gives a recommended penalty and the miss on rows the model "
    "never saw: take both to whoever builds or sells your model, with the questions under “If you are buying a "
    f"model” on [Home](/). To see why this works: {DEEPER_LINKS}."
)
