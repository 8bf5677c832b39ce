"""The maths: feature maps, input checks, the λ path's two routes, ridge on a curve and on many signals,
L2 logistic regression and the lasso. No Plotly and no sentences here.
"""
