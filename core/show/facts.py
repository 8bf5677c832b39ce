"""Facts the app states, each said once: pages and sentences reuse these instead of rewording them."""

#: What L2 does to a weight, and how L1 differs.
L2_NEVER_ZERO = (
    "L2 pulls the weights as a whole towards zero (one weight can still grow while the credit is shared out) "
    "but never makes one exactly zero; "
    "L1 (also called lasso) can switch weights off completely."
)
#: How the sweet spot is found: with the training data only.
SWEET_SPOT_WITHOUT_NEW_DATA = (
    "The sweet spot is found without the new data: the model is tested on parts of its own training "
    "data that it was not allowed to learn from (cross-validation), as a real project must, since it "
    "has no new data yet."
)
#: L2 is everywhere; what matters is how its strength was chosen.
L2_IS_STANDARD = (
    "L2 is standard, not a selling point: nearly every tool that learns from data has it, under names "
    "such as ridge, weight decay or alpha. What matters is how its strength was chosen."
)
#: Made-up data: said in each made-up dataset's own story.
MADE_UP_DATA = "The numbers are made up, so we know the true pattern."
#: The curves are a teaching model; what carries over to a real forecasting tool.
TEACHING_MODEL = (
    "The curves here are a teaching model: a real forecasting tool uses a model made for time, with weekdays and "
    "seasons. It faces the same choice, though: memorize the past or learn its pattern, and a penalty like L2 is "
    "one of its usual guards."
)
#: One sweet spot: the penalty cross-validation picks; what a buyer should hear.
ONE_SWEET_SPOT = (
    "There is one sweet spot: the penalty with the smallest miss on training data the model was not allowed to "
    "learn from. The new data only show afterwards how that choice does."
)
#: The penalty's words (very light … very strong) name its size, not whether it suits the data.
LAM_WORDS_NAME_SIZES = (
    "The words light, medium, strong name the penalty's size, the same on every page. Whether a size is too much "
    "depends on the data: on one data set a strong penalty is about right, on another it makes the model too stiff."
)
