"""Outputs drawn from the results: the plan drawing with findings (SVG) and, built on
it, the HTML and PDF annex. Reporters only read the plan model and the results."""
