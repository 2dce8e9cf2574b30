"""The JSON API for permit systems (``/api/v1``), authenticated by bearer tokens.

- ``views``: the ``api`` blueprint; it calls the same services as the pages
  (``web.architect.submissions``, ``web.review.reviewing``, ``web.jobs.checking``).
- ``openapi``: the OpenAPI 3.1 document of those routes.
"""
