"""An upload onto a full disk, run inside a mount namespace whose upload folder is a tiny tmpfs.

``python -m tests.features.web.full_disk <upload folder> <work folder> <database URL>``:
the app (on the test's database, its accounts made by the test) takes the example house's two storeys through the API and
through the upload page (the tmpfs holds the first storey's DXF but not the second's),
then a storey of 600 KB with the temporary folder on the tmpfs too.
Prints one JSON line: each answer's status, sentences and body, the files left in the
upload folder, the versions recorded, and whether the tmpfs ever filled up.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import tempfile
from html import unescape
from pathlib import Path

from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from web import create_app
from web.store import db, storage
from web.store.models import Role, Submission, User

from .api_helpers import EXAMPLE, Api, house_form, token_for
from .conftest import PASSWORD, Account, csrf_token, sign_in


def main(uploads: Path, work: Path, database_url: str) -> dict:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "DATABASE_URL": database_url,
            "UPLOAD_FOLDER": str(uploads),
            "ANNEX_FOLDER": str(work / "annexes"),
            "CHECK_IN_BACKGROUND": False,
        }
    )
    with app.app_context(), db.sessions(app)() as session:
        user = session.scalars(select(User).where(User.email == "architect@example.org")).one()
        architect = Account(user.email, PASSWORD, Role.ARCHITECT, user.id)
    client = app.test_client()
    api = Api(client, token_for(app, architect))
    project = api.create_project()["id"]

    filled_up = []
    write = storage.Path.open

    def watching_open(path, *args, **kwargs):  # records whether a write ever met the full disk, changes nothing
        handle = write(path, *args, **kwargs)
        original = handle.write

        def write_bytes(data):
            try:
                return original(data)
            except OSError as exc:
                filled_up.append(exc.errno)
                raise

        handle.write = write_bytes
        return handle

    storage.Path.open = watching_open
    answers = []
    response = api.post(f"/projects/{project}/versions", data=house_form(), content_type="multipart/form-data")
    answers.append(
        {
            "status": response.status_code,
            "sentences": [response.get_json()["error"]],
            "body": response.get_data(as_text=True),
            "full_disk_writes": len(filled_up),
        }
    )

    sign_in(client, architect)
    path = f"/projects/{project}/upload"
    form = {"csrf_token": csrf_token(client, path), "ruleset": ""}
    for index, (name, elevation, file) in enumerate(
        (("Ground floor", "0", "ground.dxf"), ("First floor", "2.8", "first.dxf"))
    ):
        form[f"storey-{index}-name"], form[f"storey-{index}-elevation"] = name, elevation
        form[f"storey-{index}-file"] = (io.BytesIO((EXAMPLE / file).read_bytes()), file)
    response = client.post(path, data=form, content_type="multipart/form-data")
    body = response.get_data(as_text=True)
    answers.append(
        {
            "status": response.status_code,
            "sentences": sentences_of(body),
            "body": body,
            "full_disk_writes": len(filled_up),
        }
    )

    # A request body over 500 KB is spooled by Werkzeug to a temporary file before any
    # view runs: with the temporary folder on the full disk too, that write fails.
    large = (EXAMPLE / "ground.dxf").read_bytes() + b"999\npadding\n" * (600 * 1024 // 12)
    boundary, body = encode_multipart(  # in memory: only the server's spooling meets the full disk
        {"storey": [FileStorage(io.BytesIO(large), "ground.dxf")], "name": ["Ground floor"], "elevation": ["0"]}
    )
    tempfile.tempdir = str(uploads)
    response = api.post(
        f"/projects/{project}/versions", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    answers.append(
        {
            "status": response.status_code,
            "sentences": [response.get_json()["error"]],
            "body": response.get_data(as_text=True),
            "full_disk_writes": len(filled_up),
        }
    )

    with app.app_context(), db.sessions(app)() as session:
        versions = session.scalar(select(func.count()).select_from(Submission))
    return {
        "answers": answers,
        "files": sorted(os.listdir(uploads)),
        "versions": versions,
        "filled_up": bool(filled_up),
    }


def sentences_of(html: str) -> list[str]:
    """The error sentences a page shows (as test_architect reads them; importing it needs pytest)."""
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", "", s)).split())
        for s in re.findall(r'<p class="flash error"[^>]*>(.*?)</p>', html, re.S)
    ]


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])))
