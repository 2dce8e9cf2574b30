"""Steps for uploads.feature: hostile zips and a full disk, through the real app.

The zips are built here byte by byte where they must lie (headers patched after
zipfile wrote them); the bomb is a real 497 MB DXF deflated to about 0.5 MB. The
refusals run on SQLite and PostgreSQL (the ``app`` fixture); the full disk is a real
tmpfs of 64 KB mounted over the upload folder in a user and mount namespace
(``unshare``), where ``full_disk.py`` drives the app, on the scenario's database,
through its test client.
"""

from __future__ import annotations

import io
import json
import shutil
import stat
import struct
import subprocess
import sys
import warnings
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import func, select

from web.store import db
from web.store.models import Submission

from .api_helpers import (
    EXAMPLE,
    Api,
    _on_both_databases,  # noqa: F401  (fixture: every scenario on SQLite and PostgreSQL)
    house_zip,
    is_one_sentence,
    token_for,
)
from .conftest import sign_in
from .test_architect import sentences_of, upload

scenarios("web/uploads.feature")

REPO = Path(__file__).resolve().parents[3]
MB = 1024 * 1024
HOUSE = {f"house/{name}": (EXAMPLE / name).read_bytes() for name in ("project.toml", "ground.dxf", "first.dxf")}
GROUND_ONLY_TOML = (
    b'[project]\nname = "Bomb"\n\n[[storeys]]\nname = "Ground floor"\nfile = "ground.dxf"\nelevation = 0\n'
)
FALSE_CLAIM = "your upload is kept"


@pytest.fixture
def world() -> dict:
    return {}


# ----------------------------------------------------------------- zips, honest and not


def zip_of(entries: dict[str, bytes | zipfile.ZipInfo], extra: list[tuple[zipfile.ZipInfo | str, bytes]] = ()) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about a duplicate name, which one zip here holds on purpose
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in entries.items():
                archive.writestr(name, content)
            for info, content in extra:
                archive.writestr(info, content)
    return buffer.getvalue()


@lru_cache(maxsize=1)
def bomb() -> bytes:
    """project.toml and a ground.dxf of 497 MB (a DXF start, then spaces), deflated as hard as zlib can."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("project.toml", GROUND_ONLY_TOML)
        with archive.open("ground.dxf", "w") as entry:
            entry.write(b"  0\nSECTION\n  2\nENTITIES\n999\n")
            block = b" " * (8 * MB)
            for _ in range(497 // 8):
                entry.write(block)
            entry.write(b" " * ((497 % 8) * MB))
    return buffer.getvalue()


# Where each header field sits: (offset in the central directory record, in the local header, struct format).
FIELDS = {
    "flag_bits": (8, 6, "<H"),
    "compress_type": (10, 8, "<H"),
    "compress_size": (20, 18, "<I"),
    "file_size": (24, 22, "<I"),
}


def patched(data: bytes, name: str, **fields: int) -> bytes:
    """``data`` with ``name``'s central-directory and local headers saying ``fields`` instead."""
    out = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    record = _central_record(out, name)
    for field, value in fields.items():
        central, local, fmt = FIELDS[field]
        struct.pack_into(fmt, out, record + central, value)
        struct.pack_into(fmt, out, info.header_offset + local, value)
    return bytes(out)


def _central_record(data: bytearray, name: str) -> int:
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == name.encode():
            return at
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{name} is not in the zip")


def scrambled(data: bytes, name: str) -> bytes:
    """``data`` with 64 bytes in the middle of ``name``'s compressed data inverted."""
    out = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    names, extras = struct.unpack_from("<HH", out, info.header_offset + 26)
    start = info.header_offset + 30 + names + extras + info.compress_size // 2
    out[start : start + 64] = bytes(b ^ 0xFF for b in out[start : start + 64])
    return bytes(out)


def symlink(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix, so the mode bits mean what they say
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode()


def house_with(entry: str) -> bytes:
    """The example house as a zip, with one thing a project never needs."""
    base = house_zip()
    if entry.startswith("an entry named "):
        return zip_of(HOUSE, [(entry[len("an entry named ") :].strip('"'), HOUSE["house/ground.dxf"])])
    if entry.startswith("a symbolic link "):
        name, target = entry.split('"')[1], entry.split('"')[3]
        return zip_of(HOUSE, [symlink(name, target)])
    if entry.startswith("another zip"):
        return zip_of(HOUSE, [(entry.split('"')[1], base)])
    if entry == "200 empty folders":
        return zip_of(HOUSE, [(f"house/empty-{i:03d}/", b"") for i in range(200)])
    if entry == "30000 empty files":  # a central directory of about 2 MB, refused before zipfile reads it
        return zip_of(HOUSE, [(f"house/empty/{i:05d}.txt", b"") for i in range(30000)])
    if entry == "first.dxf marked as encrypted":
        return patched(base, "house/first.dxf", flag_bits=0x1)
    if entry == "first.dxf compressed by an unknown method":
        return patched(base, "house/first.dxf", compress_type=99)
    if entry == "first.dxf twice":
        return zip_of(HOUSE, [("house/first.dxf", HOUSE["house/first.dxf"])])
    raise AssertionError(entry)


LIES = {
    "100 bytes unpacked": {"file_size": 100},
    "400 MB unpacked": {"file_size": 400 * MB},
    "10 bytes compressed": {"compress_size": 10},
    "1 MB compressed": {"compress_size": MB},
}


# ----------------------------------------------------------------- given


@given("an architect with a project")
def architect_with_project(app, client, accounts, world):
    world["app"], world["client"], world["account"] = app, client, accounts["architect"]
    world["api"] = Api(client, token_for(app, accounts["architect"]))
    world["project"] = world["api"].create_project()["id"]


# ----------------------------------------------------------------- when


def send_zip(world, data: bytes, channel: str = "through the API") -> None:
    world["sent"] = len(data)
    if channel == "through the API":
        world["response"] = world["api"].post(
            f"/projects/{world['project']}/versions",
            data={"zip": (io.BytesIO(data), "house.zip")},
            content_type="multipart/form-data",
        )
        world["sentence"] = world["response"].get_json().get("error")
    else:
        sign_in(world["client"], world["account"])
        world["response"] = upload(world["client"], world["project"], archive=data)
        sentences = sentences_of(world["response"].get_data(as_text=True))
        world["sentence"] = sentences[0] if len(sentences) == 1 else sentences


@when(parsers.parse("they send a 0.5 MB zip holding a DXF that unpacks to 497 MB {channel}"))
def send_bomb(world, channel):
    data = bomb()
    assert 0.4 * MB < len(data) < 0.6 * MB, len(data)
    assert sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()) > 497 * MB
    send_zip(world, data, channel)


@when(parsers.parse("they send a zip of project.toml and {count:d} DXF files of {size:d} MB each through the API"))
def send_many(world, count, size):
    toml = GROUND_ONLY_TOML.replace(b"ground.dxf", b"storey-00.dxf")
    files = {f"storey-{i:02d}.dxf": b"  0\nSECTION\n" + b"999\n" * (size * MB // 4) for i in range(count)}
    send_zip(world, zip_of({"project.toml": toml, **files}))


@when(parsers.parse("they send the example house as a zip whose headers say first.dxf is {lie} through the API"))
def send_lie(world, lie):
    send_zip(world, patched(house_zip(), "house/first.dxf", **LIES[lie]))


@when(
    parsers.re(
        r"they send the example house as a zip (?P<damage>cut off half-way|whose first.dxf has scrambled bytes) through the API"
    )
)
def send_damaged(world, damage):
    data = house_zip()
    if damage == "cut off half-way":
        send_zip(world, data[: len(data) // 2])
    elif damage == "whose first.dxf has scrambled bytes":
        send_zip(world, scrambled(data, "house/first.dxf"))
    else:
        raise AssertionError(damage)


@when(parsers.parse("they send the example house as a zip with {entry} through the API"))
def send_hostile(world, entry):
    send_zip(world, house_with(entry))


# ----------------------------------------------------------------- then


@then(parsers.parse('the upload is refused with {status:d} saying "{sentence}"'))
def refused(world, status, sentence):
    response = world["response"]
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:2000])
    assert world["sentence"] == sentence
    assert FALSE_CLAIM not in response.get_data(as_text=True)
    if response.mimetype == "application/json":
        assert is_one_sentence(response)


@then("nothing of the upload is kept")
def nothing_kept(world):
    app = world["app"]
    folder = Path(app.config["UPLOAD_FOLDER"])
    assert not any(folder.iterdir()), sorted(p.name for p in folder.iterdir())
    with app.app_context(), db.sessions(app)() as session:
        assert session.scalar(select(func.count()).select_from(Submission)) == 0


# ----------------------------------------------------------------- a full disk


# Mount a tmpfs of "$1" KB over "$2", then run the rest of the arguments there.
MOUNT_AND_RUN = 'mount -t tmpfs -o size="$1"k tmpfs "$2" && shift 2 && exec "$@"'


def mount_namespace(tmp_path: Path, postgresql: bool) -> list[str]:
    """The unshare command whose private mount namespace may mount a tmpfs: a mount
    namespace alone where we may (root), else with a user namespace (where PostgreSQL's
    socket, owned by another user, cannot be reached); skips where neither works."""
    unshare = shutil.which("unshare")
    probe = tmp_path / "probe"
    probe.mkdir()
    for command in ([unshare, "--mount"], [unshare, "--user", "--map-root-user", "--mount"]):
        if (
            unshare
            and subprocess.run(
                [*command, "sh", "-c", MOUNT_AND_RUN, "sh", "4", str(probe), "true"], capture_output=True
            ).returncode
            == 0
        ):
            if postgresql and "--user" in command:
                pytest.skip("only a user namespace may mount here, and PostgreSQL's socket is not reachable from it")
            return command
    pytest.skip("this machine allows no mount namespace (unshare), so no tmpfs can be mounted")


@given(
    parsers.parse(
        "the upload folder is a file system of {size:d} KB, room for the ground floor's DXF but not both storeys"
    )
)
def tiny_file_system(app, accounts, tmp_path, world, size):
    world["namespace"] = mount_namespace(tmp_path, postgresql=app.config["DATABASE_URL"].startswith("postgresql"))
    world["uploads"] = Path(app.config["UPLOAD_FOLDER"])
    world["database"] = app.config["DATABASE_URL"]
    world["work"] = tmp_path
    world["size_kb"] = size
    assert (
        (EXAMPLE / "ground.dxf").stat().st_size
        < size * 1024
        < (EXAMPLE / "ground.dxf").stat().st_size + (EXAMPLE / "first.dxf").stat().st_size
    )


@when("then a storey of 600 KB while the temporary folder is on that file system too")
def received_on_full_disk(world):
    """Done by full_disk.py in the same run as the step before."""


@when("the architect submits the example house's two storeys through the API and through the upload page")
def submit_on_full_disk(world):
    run = subprocess.run(
        [
            *world["namespace"],
            "sh",
            "-c",
            MOUNT_AND_RUN,
            "sh",
            str(world["size_kb"]),
            str(world["uploads"]),
            sys.executable,
            "-m",
            "tests.features.web.full_disk",
            str(world["uploads"]),
            str(world["work"]),
            world["database"],
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    world["outcome"] = json.loads(run.stdout.strip().splitlines()[-1])


@then(parsers.parse('each answer is {status:d} saying "{sentence}"'))
def each_answer(world, status, sentence):
    outcome = world["outcome"]
    assert [a["status"] for a in outcome["answers"]] == [status] * 3, outcome
    assert [a["sentences"] for a in outcome["answers"]] == [[sentence]] * 3, outcome
    assert not any(FALSE_CLAIM in a["body"] for a in outcome["answers"])


@then("the upload folder holds no file and no version was recorded")
def nothing_on_full_disk(world):
    outcome = world["outcome"]
    assert outcome["files"] == [] and outcome["versions"] == 0, outcome
    assert outcome["filled_up"], "the first storey's file never reached the tmpfs, so the disk was never full"
    # The storage layer met the full disk on each of the first two uploads; the third
    # failed while Werkzeug received it, before the storage layer wrote anything.
    assert [a["full_disk_writes"] for a in outcome["answers"]] == [1, 2, 2], outcome
