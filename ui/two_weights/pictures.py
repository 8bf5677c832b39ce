"""The two-weight pictures and their sentences for every λ of the page's own control, built once for everyone."""

import streamlit as st

from core import two_weights
from core.show import live
from core.show.plain_numbers import unmarked

from .. import registry


@st.cache_resource(max_entries=1, show_spinner=two_weights.WAIT_PICTURES)
def two_weight_pictures():
    """The two-weight pictures and their sentences for every λ of ``TWO_WEIGHT_LAMS`` (the same for everyone).

    Its own cache of one entry, never evicted by the readers' data (``ui.cache.stepped`` is bounded and shared).
    """
    lams = two_weights.TWO_WEIGHT_LAMS
    pictures = [two_weights.picture(lam) for lam in lams]

    def texts(sentence):
        return live.stepped_text([unmarked(sentence(picture)) for picture in pictures])

    return {
        "ridge chart": live.stepped(lambda step: two_weights.ridge_figure(lams[step]), lams.size),
        "lasso chart": live.stepped(lambda step: two_weights.lasso_figure(lams[step]), lams.size),
        "ridge caption": texts(two_weights.ridge_caption),
        "lasso caption": texts(two_weights.lasso_caption),
        "ridge verdict": texts(two_weights.ridge_verdict_line),
        "lasso verdict": texts(two_weights.lasso_verdict_line),
        "price": live.stepped_text(
            [
                two_weights.price_sentence(lam, picture, registry.BY_PATH["/curves"].title)
                for lam, picture in zip(lams, pictures)
            ]
        ),
    }
