"""A throwaway PostgreSQL server for the tests, from Debian's packages.

Started once per test session in a temporary folder, listening only on a Unix socket
there (no TCP port), trusting local connections; stopped and removed at the end.
PostgreSQL refuses to run as root, so as root the server runs as the ``postgres``
user that Debian's package creates.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterator

import psycopg


class PostgresMissing(RuntimeError):
    pass


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        raise PostgresMissing("PostgreSQL is not installed; `make test` installs Debian's postgresql package.")
    return Path(found[-1]).parent


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield the base URL (``postgresql+psycopg://postgres@/?host=...``) of a fresh server."""
    bin_dir = _bin_dir()
    root = Path(tempfile.mkdtemp(prefix="annex-pg-"))
    data, socket_dir = root / "data", root / "socket"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(socket_dir, "postgres")

    def run(*args: str) -> None:
        subprocess.run(_as_server_user(list(args)), check=True, capture_output=True, text=True)

    try:
        run(
            str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"
        )
        options = (
            f"-c listen_addresses='' -k {socket_dir} -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "server.log"), "-w", "start")
        yield f"postgresql+psycopg://postgres@/{{database}}?host={socket_dir}"
    finally:
        if data.exists():
            subprocess.run(
                _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                capture_output=True,
            )
        shutil.rmtree(root, ignore_errors=True)


TEMPLATE_DATABASE = "annex_migrated_template"
_migrated_templates: set[str] = set()  # the servers (base URLs) whose template is made


def fresh_database(base_url: str, name: str) -> str:
    """Create (or re-create) database ``name``, at the newest schema, and return its URL.

    It is a copy (``CREATE DATABASE ... TEMPLATE``) of a database brought to the newest
    schema by the app's own migrations once per server: running the migrations for every
    test's database took 1 to 2 s each on a loaded machine, a copy about 0.3 s. The app's
    start-up migration then finds nothing to do."""
    admin = base_url.format(database="postgres").replace("postgresql+psycopg://", "postgresql://")
    if base_url not in _migrated_templates:
        from web.store import db

        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE_DATABASE}"')
            connection.execute(f'CREATE DATABASE "{TEMPLATE_DATABASE}"')
        db.upgrade(base_url.format(database=TEMPLATE_DATABASE))  # alembic's engine holds no connection after
        _migrated_templates.add(base_url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE_DATABASE}"')
    return base_url.format(database=name)
