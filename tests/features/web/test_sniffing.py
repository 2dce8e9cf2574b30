"""Steps for sniffing.feature: uploads through the real page, sniffed by the checker's code."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, scenarios, then, when

from .conftest import sign_in
from .test_architect import _on_both_databases, create_project, sentences_of, upload  # noqa: F401 (a fixture by name)

scenarios("web/sniffing.feature")

# How a DWG file opens: its version string (AC1032 is AutoCAD 2018), then binary data.
DWG_HEAD = b"AC1032\x00\x00\x00\x00\x00\x01\x03\x00\x00\x00\x1f\x00\x00\x00"


@given("the app with its accounts", target_fixture="story")
def app_with_accounts(accounts):
    return {}


@given("the architect is signed in")
def architect_signed_in(client, accounts):
    sign_in(client, accounts["architect"])


@when(parsers.re(r'the architect creates the project "(?P<name>[^"]*)" with permit number "(?P<permit>[^"]*)"'))
def architect_creates_project(client, story, name, permit):
    response = create_project(client, name, permit)
    assert response.status_code == 302, response.status_code
    story["project_id"] = int(re.search(r"/projects/(\d+)/upload", response.location).group(1))


@when(parsers.parse('uploads a DWG drawing "{filename}" as "{name}"'))
def uploads_dwg(client, story, filename, name):
    story["response"] = upload(client, story["project_id"], [(name, "0", filename, DWG_HEAD + bytes(range(256)) * 4)])


@when(parsers.parse('uploads a file of blank lines "{filename}" as "{name}"'))
def uploads_blank(client, story, filename, name):
    story["response"] = upload(client, story["project_id"], [(name, "0", filename, b"\n  \n\n")])


@then(parsers.parse('the upload form is shown again with the sentence "{sentence}"'))
def upload_form_again(story, sentence):
    response = story["response"]
    assert response.status_code == 400, response.status_code
    html = response.get_data(as_text=True)
    assert sentences_of(html) == [sentence]
    assert 'name="storey-0-file"' in html and "Traceback" not in html
