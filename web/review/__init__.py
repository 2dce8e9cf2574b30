"""What reviewers do: the municipality's queue, decisions on findings and versions, sign-off.

- ``views``: the ``review`` blueprint (the reviewers' pages).
- ``reviewing``: the decisions and the signed annex; the pages and the JSON API both go
  through it. A sign-off's annex is written by a job (``web.jobs``).
"""
