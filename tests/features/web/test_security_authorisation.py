"""The authorisation matrix: every GET route of the app × every kind of visitor (both databases).

An architect never sees another architect's project, and a reviewer never sees another
municipality's submission: what they may not see answers 404, as if it did not exist;
a page for the other role answers 403; an anonymous visitor is sent to sign in. The
JSON API never looks at the session cookie: without a bearer token it answers 401,
whoever is signed in in the browser.

The routes are read from ``app.url_map`` and filled with the ids of real records (the
architect's checked and approved example project; see seeded.py), so a route added
without a row in ``EXPECTED`` fails the test, and so does a row for a route that is gone.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .conftest import sign_in
from .seeded import route_url, seed

VISITORS = ("anonymous", "architect", "other_architect", "reviewer", "other_reviewer")
# "architect" owns the project; "reviewer" reviews for its municipality, "other_reviewer" for another.
SIGNIN = "signin"  # 302 to /signin?next=<the page>
ALL_200 = ("200",) * 5
ARCHITECT_PAGE = (SIGNIN, "200", "200", "403", "403")  # any architect's own list or form
OWN_PROJECT = (SIGNIN, "200", "404", "403", "403")  # the owner only; the other architect learns nothing
REVIEWER_PAGE = (SIGNIN, "403", "403", "200", "200")
OWN_MUNICIPALITY = (SIGNIN, "403", "403", "200", "404")
SIGNED_IN = (SIGNIN, "200", "200", "200", "200")
API = ("401",) * 5  # a session cookie is no API credential

EXPECTED: dict[str, tuple[str, ...]] = {
    #                                     anonymous  architect  other_architect  reviewer  other_reviewer
    "site.index": ("200", "→/projects/", "→/projects/", "→/review/", "→/review/"),
    "site.starter_dxf": ALL_200,
    "site.plan_convention": ALL_200,
    "static": ALL_200,
    "auth.signin": ALL_200,
    "auth.signup": ALL_200,
    "auth.confirm_signup": ("404",) * 5,  # without a valid link's token: the same for everyone
    "tokens.index": SIGNED_IN,
    "architect.projects": ARCHITECT_PAGE,
    "architect.new_project": ARCHITECT_PAGE,
    "architect.project": OWN_PROJECT,
    "architect.upload": OWN_PROJECT,
    "architect.version": OWN_PROJECT,
    "architect.version_status": OWN_PROJECT,
    "architect.annex": OWN_PROJECT,
    "architect.signed_annex": OWN_PROJECT,
    "architect.schedule_csv": OWN_PROJECT,
    "architect.schedule_xlsx": OWN_PROJECT,
    "review.queue": REVIEWER_PAGE,
    "review.submission": OWN_MUNICIPALITY,
    "review.check_annex": OWN_MUNICIPALITY,
    "review.signed_annex": OWN_MUNICIPALITY,
    "api.openapi_document": ALL_200,  # the API's description is public
    "api.me": API,
    "api.municipalities": API,
    "api.rulesets": API,
    "api.projects": API,
    "api.project": API,
    "api.version": API,
    "api.annex": API,
    "api.changes": API,
    "api.preflight": API,
    "api.results": API,
    "api.layers": API,
    "api.schedule": API,
}


def outcome(response) -> str:
    if response.status_code in (301, 302, 303):
        location = response.headers["Location"]
        if location.startswith("/signin?next="):
            return SIGNIN
        return "→" + urlsplit(location).path
    return str(response.status_code)


def get_routes(app):
    return sorted((r for r in app.url_map.iter_rules() if "GET" in r.methods), key=lambda r: r.rule)


def test_every_get_route_has_a_row_in_the_matrix(app):
    endpoints = {rule.endpoint for rule in get_routes(app)}
    assert not endpoints - EXPECTED.keys(), f"routes without a row in EXPECTED: {sorted(endpoints - EXPECTED.keys())}"
    assert not EXPECTED.keys() - endpoints, f"rows for routes that are gone: {sorted(EXPECTED.keys() - endpoints)}"


def test_every_visitor_reaches_exactly_what_the_matrix_allows(app, accounts):
    seeded = seed(app, accounts)
    values = seeded.url_values()
    clients = {}
    for visitor in VISITORS:
        clients[visitor] = app.test_client()
        if visitor != "anonymous":
            sign_in(clients[visitor], accounts[visitor])
    wrong = []
    for rule in get_routes(app):
        path = route_url(app, rule, values)
        for visitor, expected in zip(VISITORS, EXPECTED[rule.endpoint]):
            response = clients[visitor].get(path)
            got = outcome(response)
            if got != expected:
                wrong.append(f"{visitor:<15} GET {path}: expected {expected}, got {got}")
            elif got == "200" and visitor in ("other_architect", "other_reviewer") and rule.endpoint != "static":
                # what a 200 shows the outsider must hold nothing of the project
                text = (
                    response.get_data(as_text=True)
                    if response.mimetype.startswith(("text/", "application/json"))
                    else ""
                )
                if "EX-2026-001" in text or "Example Lane" in text:
                    wrong.append(f"{visitor:<15} GET {path}: shows the architect's project")
            response.close()
    assert not wrong, "the authorisation matrix is broken:\n" + "\n".join(wrong)


def test_a_refused_page_shows_nothing_of_the_project(app, accounts):
    """The 404 the other architect gets reads like any missing page: no name, no permit number."""
    seeded = seed(app, accounts, reviewed=False)
    client = app.test_client()
    sign_in(client, accounts["other_architect"])
    missing = client.get("/projects/999999").get_data(as_text=True).replace("/projects/999999", "PATH")
    for path in (f"/projects/{seeded.project_id}", f"/projects/{seeded.project_id}/versions/1"):
        response = client.get(path)
        page = response.get_data(as_text=True)
        assert response.status_code == 404
        assert "Example house" not in page and "EX-2026-001" not in page and "Example Lane" not in page
        assert page.replace(path, "PATH") == missing
