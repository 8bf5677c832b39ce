"""In a neural network: weight decay where AI tools use it (the "In a neural network" page, ``/network``).

A small scikit-learn network (``MLPClassifier``: two tanh layers of 16, Adam, one batch of all rows) learns
which of the made-up customers of ``core.customers`` complain, from order value and days late, with and
without the L2 penalty (``alpha = 2·n·λ``, docs/maths.md). The flow:

* ``data``: the customers, standardized on the training ones, and the grid the network's answer is drawn on;
* ``fit``: the network for every step of the λ control at once, step for step as scikit-learn trains it, with
  its history (loss on training and new customers, the weights' size) and 5-fold cross-validation; the path
  ships as ``network_path.npz`` (built by ``scripts/build_network_path.py``);
* ``charts``: the network's answer with no penalty beside the reader's λ (or the sweet spot while λ is 0),
  the losses over the epochs, the weights' size over the epochs, the loss against λ;
* ``words``: every sentence, for every step, and the In depth notes.

Pure: numpy, scipy, scikit-learn and plotly; no streamlit.
"""
