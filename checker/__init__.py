"""security-annex: checks DXF floor plans against burglary-prevention criteria.

The flow is one way: DXF files and a project manifest are loaded into an immutable
plan model (``checker.plan``), rules judge the model against a ruleset, and the
findings become one results structure that every output renders.
"""

__version__ = "0.1.0"
