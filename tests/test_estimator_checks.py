"""scikit-learn's own estimator checks (``sklearn.utils.estimator_checks``) on every estimator in core.

To check a new estimator, append ``(an instance, {check name: why it does not apply})`` to
``ESTIMATORS``. A check listed as not applying runs as an expected failure (xfail); every other
check must pass. Keep each reason specific: a check that fails for a reason not listed is a bug.
"""

from sklearn.utils.estimator_checks import parametrize_with_checks

from core import PolynomialRidge
from core.models.logistic import L2LogisticRegression
from core.models.signals import SignalRidge

_ONE_COLUMN = (
    "gives X several columns (or none); PolynomialRidge is a curve in one x column by design and "
    "refuses any other number of columns with its own plain message"
)

#: Checks of the estimator API that cannot apply to a model of one x column.
POLYNOMIAL_RIDGE_NOT_APPLYING = dict.fromkeys(
    [
        "check_dict_unchanged",
        "check_dont_overwrite_parameters",
        "check_dtype_object",
        "check_estimators_dtypes",
        "check_estimators_empty_data_messages",
        "check_estimators_fit_returns_self",
        "check_estimators_nan_inf",
        "check_estimators_overwrite_params",
        "check_estimators_pickle",
        "check_f_contiguous_array_estimator",
        "check_fit2d_1sample",
        "check_fit2d_predict1d",
        "check_fit_check_is_fitted",
        "check_fit_idempotent",
        "check_fit_score_takes_y",
        "check_methods_sample_order_invariance",
        "check_methods_subset_invariance",
        "check_n_features_in",
        "check_n_features_in_after_fitting",
        "check_pipeline_consistency",
        "check_positive_only_tag_during_fit",
        "check_readonly_memmap_input",
        "check_regressor_data_not_an_array",
        "check_regressors_int",
        "check_regressors_no_decision_function",
        "check_regressors_train",
        "check_supervised_y_2d",
    ],
    _ONE_COLUMN,
) | {
    "check_fit1d": "a 1-d X is accepted as the one x column on purpose (like numpy.polyfit), not refused",
}

ESTIMATORS = [
    (PolynomialRidge(), POLYNOMIAL_RIDGE_NOT_APPLYING),
    (PolynomialRidge(degree=3, lam=0.0), POLYNOMIAL_RIDGE_NOT_APPLYING),  # λ = 0: the Legendre route
    (SignalRidge(), {}),
    (SignalRidge(lam=0.0), {}),  # λ = 0: the minimum-norm least-squares fit
    (L2LogisticRegression(), {}),
]


def _not_applying(estimator):
    return next(reasons for instance, reasons in ESTIMATORS if instance is estimator)


@parametrize_with_checks([instance for instance, _ in ESTIMATORS], expected_failed_checks=_not_applying)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def test_the_checks_that_apply_are_most_of_them():
    """A guard against listing everything as not applying: what is left must still be checked."""
    from sklearn.utils.estimator_checks import estimator_checks_generator

    for estimator, reasons in ESTIMATORS:
        names = {check.func.__name__ for _, check in estimator_checks_generator(estimator, mark="skip")}
        assert set(reasons) <= names, set(reasons) - names
        assert len(names - set(reasons)) >= 20, sorted(names - set(reasons))
