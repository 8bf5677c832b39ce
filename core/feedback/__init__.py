"""The Sorting-feedback story: L2 in a classifier, on customer comments and on two signals.

``data`` (the shipped comments; the made-up customers) → ``fit`` (the word model and the decision
boundary, each an L2 logistic path over every slider λ) → ``charts`` and ``words`` (one λ step at a
time) → ``pages/feedback.py`` (through ``ui/feedback/``).
"""
