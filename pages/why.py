import numpy as np
import streamlit as st

import ui
from core import two_weights as tw
from core.show import glossary
from ui import live
from ui.two_weights.pictures import two_weight_pictures

ui.start_page()
st.title("Why it works: a circle, a diamond and zero")
st.markdown(
    f"Picture a model with just two {glossary.link('weight', 'weights')}, one for each of two clues that overlap. "
    "Say it guesses a flat's price, counted in hundred thousand €, from its floor area and its number of rooms. Every choice of the two weights is a point on the pictures "
    f"below. The {tw.RINGS} are like the contour lines of a valley on a map: every point on one ring makes the "
    "same error, and the bottom of the valley (✕) is the best fit with no penalty."
)
st.markdown(
    "The penalty charges for being far from zero. With **L2** (ridge) that charge is the same all around a "
    "**circle** centred on zero. The chosen weights are the lowest point of the valley that still fits inside "
    f"the circle, the spot where a ring just touches it (drawn as the {tw.TOUCHING_RING}). As λ grows the circle tightens, so the point slides "
    "smoothly toward zero, both weights getting smaller. A circle has no corners, so a ring almost never touches "
    "it exactly on an axis, and no weight ever becomes exactly zero."
)
st.markdown(
    f"**{glossary.link('L1')}** (lasso) charges the plain sizes of the weights instead, so its shape is a "
    "**diamond** whose corners poke out along the axes. The rings tend to reach a corner first, and at a corner "
    "one weight is *exactly* zero: L1 switches that clue off completely."
)

STEP_KEY = "why_lam_step"
LAMS = tw.TWO_WEIGHT_LAMS
if STEP_KEY not in st.session_state:
    st.session_state[STEP_KEY] = int(np.flatnonzero(LAMS == tw.DEFAULT_LAM)[0])


def _released():
    step = live.released_step("why_lam", LAMS.size)
    if step is not None:
        st.session_state[STEP_KEY] = step


step = st.session_state[STEP_KEY]
lam = float(LAMS[step])
live.control(
    "why_lam",
    "why",
    "Penalty strength λ (for this picture)",
    [tw.format_two_weight_lam(value) for value in LAMS],
    step,
    _released,
    help="How much the two weights are charged for their size. 0 means no penalty. This control belongs to "
    "this picture only: it does not change the λ of your data on the other pages.",
)
pic = tw.picture(lam)
pictures = two_weight_pictures()

left, right = st.columns(2)
with left:
    st.subheader("L2 (ridge): a circle")
    live.chart(pictures["ridge chart"], key="why_ridge_chart", group="why")
    live.text(pictures["ridge caption"], key="why_ridge_caption", group="why", index=step)
    live.text(pictures["ridge verdict"], key="why_ridge_verdict", group="why", index=step)
with right:
    st.subheader("L1 (lasso): a diamond")
    live.chart(pictures["lasso chart"], key="why_lasso_chart", group="why")
    live.text(pictures["lasso caption"], key="why_lasso_caption", group="why", index=step)
    live.text(pictures["lasso verdict"], key="why_lasso_verdict", group="why", index=step)
live.text(pictures["price"], key="why_price", group="why", index=step)

problem = tw.problem()
first, first_lam, both_lam = tw.switch_off_lams()
with st.expander("In depth: the formulas and the scikit-learn equivalents"):
    st.markdown(
        f"The data: n = {problem.n} made-up points, two features standardized to mean 0 and standard "
        f"deviation 1 (population), correlation exactly {tw.CORRELATION}; the unpenalized best weights are "
        f"exactly ŵ = ({tw.BEST[0]:g}, {tw.BEST[1]:g}) and the residual standard deviation there is exactly "
        f"{tw.NOISE:g} (the data are built that way, from seed {tw.SEED})."
    )
    st.markdown(
        "Error: E(w) = (1/n)·Σᵢ (yᵢ − b − w₁zᵢ₁ − w₂zᵢ₂)², with the intercept b = ȳ (never penalized). "
        "Around ŵ it is a bowl, E(w) = E(ŵ) + (w − ŵ)ᵀ C (w − ŵ) with C = ZᵀZ/n (here the correlation "
        "matrix), so its contour lines are ellipses around ŵ, tilted along the diagonals because the "
        "features are correlated."
    )
    st.markdown(
        "**L2:** minimize E(w) + λ·(w₁² + w₂²). Solution w(λ) = (C + λI)⁻¹ Zᵀ(y − ȳ)/n, computed from one "
        "SVD Z = U S Vᵀ as V·diag(s/(s² + nλ))·Uᵀ(y − ȳ). Same as scikit-learn `Ridge(alpha=n·λ)` "
        f"= `Ridge(alpha={problem.n}·λ)`."
    )
    st.markdown(
        "**L1:** minimize E(w) + λ·(|w₁| + |w₂|). scikit-learn's `Lasso` minimizes "
        "(1/(2n))·‖y − b − Zw‖² + α·‖w‖₁, which is half of ours when α = λ/2: so `Lasso(alpha=λ/2)`, "
        "and `lasso_path` with `alphas = λ/2`. The page computes L1 with exactly these (tolerance 1e-12)."
    )
    st.markdown(
        "**The shapes:** by Lagrange duality, w(λ) is also the lowest point of E inside the circle "
        "‖w‖₂ ≤ r with r = ‖w(λ)‖₂, and the L1 solution the lowest point inside the diamond ‖w‖₁ ≤ t "
        "with t = ‖w_L1(λ)‖₁. Those are the circle and diamond drawn, each touching the dashed contour "
        "line through the chosen point: there the bowl's slope, 2C(w − ŵ), is −2λw for L2 (pointing at the "
        "circle's centre) and −λ·sign(w) on the weights in use for L1."
    )
    st.markdown(
        f"**Why exact zeros:** with both weights in use, the L1 point moves along a straight line, "
        f"w(λ) = ŵ − (λ/2)·C⁻¹·sign(ŵ). Here weight {first + 1} reaches 0 at λ = {first_lam:.3g} and then stays "
        f"exactly 0, because the bowl's slope along that axis, |2(cⱼ − (Cw)ⱼ)|, stays at most λ (c = Zᵀ(y − ȳ)/n). "
        f"The remaining weight reaches 0 at λ = 2·|c{'₂₁'[first]}| = {both_lam:.3g}. Ridge shrinks every weight by a factor "
        "s²/(s² + nλ) in the directions of the SVD, which is never zero: ridge weights only approach 0."
    )
    st.markdown(
        "Weight 2 of ridge can first grow a little: ridge shrinks the direction in which the two correlated "
        "features disagree (w₁ − w₂) faster than the one in which they agree (w₁ + w₂), so it evens the "
        "weights out before shrinking both."
    )
    if lam > 0:
        fits = (
            "ridge = Ridge(alpha=p.n * lam).fit(p.Z, p.y).coef_\n"
            "lasso = Lasso(alpha=lam / 2, tol=1e-12, max_iter=100_000).fit(p.Z, p.y).coef_\n"
        )
    else:
        fits = "ridge = lasso = LinearRegression().fit(p.Z, p.y).coef_  # λ = 0: no penalty at all\n"
    st.code(
        "from sklearn.linear_model import Lasso, LinearRegression, Ridge\n"
        "from core.two_weights import problem\n"
        "\n"
        "p = problem()  # p.Z: the two standardized features, p.y: the target\n"
        f"lam = {float(lam)!r}\n"
        + fits
        + f"# here: ridge ≈ [{pic.ridge[0]:.4f}, {pic.ridge[1]:.4f}], lasso ≈ [{pic.lasso[0]:.4f}, {pic.lasso[1]:.4f}]",
        language="python",
    )
ui.finish_page()
