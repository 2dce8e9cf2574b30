"""What architects make: projects, versions (one DXF per storey or a zip), their schedules
and what the checker recognised in them.

- ``views``: the ``architect`` blueprint (the architects' pages).
- ``submissions``: create a project, submit a version, compare versions; the pages and the
  JSON API both go through it, and checks and reviews read versions through it.
- ``schedules``: the openings schedule (form, CSV or XLSX) stored with a version.
- ``recognition``: the layers' roles and the openings as recognised, and the architect's
  corrections to them.
"""
