"""The many-signals story: one column predicted from many named signals (a made-up shop, real tables, the reader's file).

``data`` (the tables) → ``fit`` (the design and the ridge path over every λ) → ``charts`` and ``words``
(one λ row at a time) → ``pages/signals.py`` and Your data's several-columns view (``ui/signals/``).
"""
