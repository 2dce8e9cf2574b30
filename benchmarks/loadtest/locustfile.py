"""Locust users for ``make loadtest``: architects submitting the example, reviewers working the queue.

Started by ``benchmarks/loadtest/run.py``, which made the accounts and writes them to the
JSON file named by ``LOADTEST_ACCOUNTS`` (architects' API tokens and project ids,
reviewers' e-mail and password). Every request is named by its endpoint, so locust's
statistics are per endpoint; a response that is not what a browser or client expects
(a status other than the one the route answers) is a failure.

- An architect submits ``examples/house`` through the JSON API (bearer token), polls the
  version until its check ends, reads the results, and submits again.
- A reviewer signs in through the form (CSRF token from the page), opens the queue,
  opens a submission and decides one of its open findings (accept).
"""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, constant, task

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "house"
STOREYS = [("Ground floor", "0.0", "ground.dxf"), ("First floor", "2.8", "first.dxf")]
POLL_S = float(os.environ.get("LOADTEST_POLL_SECONDS", "2"))
ACCOUNTS = json.loads(Path(os.environ["LOADTEST_ACCOUNTS"]).read_text())
_architects = itertools.cycle(ACCOUNTS["architects"])
_reviewers = itertools.cycle(ACCOUNTS["reviewers"])
_files = {file: (EXAMPLE / file).read_bytes() for _, _, file in STOREYS}

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SUBMISSION_LINK = re.compile(r'href="/review/submissions/(\d+)"')
FINDING_KEY = re.compile(r'name="finding_key" value="([^"]+)"')
FINISHED = ("done", "failed")


def expect(response, *statuses: int) -> bool:
    if response.status_code in statuses:
        response.success()
        return True
    said = response.error if response.status_code == 0 else response.text[:200]  # 0: no answer; the exception
    response.failure(f"{response.status_code} (wanted {statuses}): {said}")
    return False


class Architect(HttpUser):
    fixed_count = int(os.environ.get("LOADTEST_ARCHITECTS", "50"))
    wait_time = constant(POLL_S)

    def on_start(self):
        account = next(_architects)
        self.client.headers["Authorization"] = f"Bearer {account['token']}"
        self.project_id = account["project_id"]
        self.version_id = None

    @task
    def work(self):
        if self.version_id is None:
            self.submit()
        else:
            self.poll()

    def submit(self):
        files = [("storey", (file, _files[file], "application/dxf")) for _, _, file in STOREYS]
        data = {"name": [name for name, _, _ in STOREYS], "elevation": [elevation for _, elevation, _ in STOREYS]}
        with self.client.post(
            f"/api/v1/projects/{self.project_id}/versions",
            files=files,
            data=data,
            name="POST /api/v1/projects/<id>/versions (upload)",
            catch_response=True,
        ) as response:
            if expect(response, 202):
                self.version_id = response.json()["id"]

    def poll(self):
        with self.client.get(
            f"/api/v1/versions/{self.version_id}", name="GET /api/v1/versions/<id>", catch_response=True
        ) as response:
            if not expect(response, 200):
                return
            state = response.json()["check_state"]
        if state in FINISHED:
            if state == "done":
                with self.client.get(
                    f"/api/v1/versions/{self.version_id}/results",
                    name="GET /api/v1/versions/<id>/results",
                    catch_response=True,
                ) as response:
                    expect(response, 200)
            self.version_id = None  # the next task submits the plan again


class Reviewer(HttpUser):
    fixed_count = int(os.environ.get("LOADTEST_REVIEWERS", "20"))
    wait_time = between(1, 3)

    def call(self, method: str, path: str, name: str, status: int, **kwargs):
        """One request, not following redirects (a page that sends a signed-in reviewer to /signin is an error)."""
        with self.client.request(
            method, path, name=name, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            ok = expect(response, status)
        # The session cookie is Secure; browsers send it back to http://localhost, requests does not.
        for cookie in self.client.cookies:
            cookie.secure = False
        return response if ok else None

    def on_start(self):
        account = next(_reviewers)
        page = self.call("GET", "/signin", "GET /signin", 200)
        if page is not None:
            self.call(
                "POST",
                "/signin",
                "POST /signin",
                302,
                data={
                    "email": account["email"],
                    "password": account["password"],
                    "csrf_token": CSRF.search(page.text).group(1),
                },
            )

    @task
    def work_the_queue(self):
        queue = self.call("GET", "/review/", "GET /review/ (queue)", 200)
        submissions = SUBMISSION_LINK.findall(queue.text) if queue is not None else []
        if not submissions:
            return
        submission_id = random.choice(submissions)
        page = self.call("GET", f"/review/submissions/{submission_id}", "GET /review/submissions/<id>", 200)
        if page is None:
            return
        keys = [html.unescape(key) for key in FINDING_KEY.findall(page.text)]
        token = CSRF.search(page.text)
        if not keys or token is None:  # not checked yet: nothing to decide
            return
        self.call(
            "POST",
            f"/review/submissions/{submission_id}/decisions",
            "POST /review/submissions/<id>/decisions",
            302,
            data={
                "csrf_token": token.group(1),
                "finding_key": random.choice(keys),
                "verdict": "accepted",
                "justification": "",
            },
        )
