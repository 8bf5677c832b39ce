"""The Sorting-feedback story: L2 in a classifier, on customer comments and on two signals.

``data`` (the shipped comments; the made-up customers) → ``fit`` (the word model and the decision
boundary, each an L2 logistic path over every slider λ) → ``charts`` and the words (one λ step at a
time) → ``pages/feedback.py`` (through ``ui/feedback/``). ``reviews`` reads the reader's own comments.
The words, by job: ``words`` (the story and its charts read aloud), ``phrases`` (the pieces they share),
``comment_words`` (a typed comment), ``upload_words`` (the reader's file) and ``method_words`` (In depth).
"""
