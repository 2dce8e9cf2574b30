"""Where the web app keeps things: the database and the files.

- ``db``: one engine per app, one session per request, the schema by Alembic
  (migrations in ``web/migrations``).
- ``models``: the records (SQLAlchemy 2).
- ``storage``: uploaded and generated files on local disk.

Nothing here imports the rest of the web app but ``web.i18n`` (for the sentences of
refused uploads).
"""
