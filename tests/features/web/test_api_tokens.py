"""Steps for api_tokens.feature: making and revoking API tokens on the tokens page (both databases)."""

from __future__ import annotations

import hashlib

from pytest_bdd import given, parsers, scenarios, then, when

from web.store import db
from web.store.models import ApiToken

from .api_helpers import Api, _on_both_databases, create_token_on_page, is_one_sentence, shown_token, token_for, world  # noqa: F401  (fixtures)
from .conftest import csrf_token, sign_in

scenarios("web/api_tokens.feature")

TOKENS_PAGE = "/account/tokens/"
REVIEWER_BY_MUNICIPALITY = {"Example": "reviewer", "Elsewhere": "other_reviewer"}


def token_ids(app) -> list[int]:
    with app.app_context(), db.sessions(app)() as session:
        return [t.id for t in session.query(ApiToken).order_by(ApiToken.id)]


@given("nobody is signed in")
def _nobody():
    pass


@given("the architect is signed in")
def _architect_signed_in(client, accounts):
    sign_in(client, accounts["architect"])


@given("the reviewer is signed in")
def _reviewer_signed_in(client, accounts):
    sign_in(client, accounts["reviewer"])


@given("the other architect has a token")
def _other_token(app, accounts, world):
    world["other_token"] = token_for(app, accounts["other_architect"])
    world["other_token_id"] = token_ids(app)[-1]


@given(parsers.parse('they create a token named "{label}" on the tokens page'))
@when(parsers.parse('they create a token named "{label}" on the tokens page'))
def _create_token(client, world, label):
    world["token"] = create_token_on_page(client, label)


@when("they revoke the token on the tokens page")
def _revoke(app, client):
    (token_id,) = token_ids(app)
    response = client.post(f"{TOKENS_PAGE}{token_id}/revoke", data={"csrf_token": csrf_token(client, TOKENS_PAGE)})
    assert response.status_code == 302
    assert "Revoked on" in client.get(TOKENS_PAGE).get_data(as_text=True)


@when("a token is asked for without the form's CSRF token")
def _without_csrf(client, world):
    world["response"] = client.post(TOKENS_PAGE, data={"label": "Forged"})


@when("they try to revoke the other architect's token")
def _revoke_other(client, world):
    world["response"] = client.post(
        f"{TOKENS_PAGE}{world['other_token_id']}/revoke", data={"csrf_token": csrf_token(client, TOKENS_PAGE)}
    )


@then("the page shows the new token once")
def _shown_once(world):
    assert world["token"] and world["token"].startswith("annex_") and len(world["token"]) > 40


@then("the API knows the token as the architect")
def _knows_architect(client, world, accounts):
    response = Api(client, world["token"]).get("/me")
    assert response.status_code == 200
    assert (response.get_json()["email"], response.get_json()["role"]) == (accounts["architect"].email, "architect")


@then(parsers.parse('the API knows the token as the reviewer of "{municipality}"'))
def _knows_reviewer(client, world, accounts, municipality):
    me = Api(client, world["token"]).get("/me").get_json()
    assert me["email"] == accounts[REVIEWER_BY_MUNICIPALITY[municipality]].email
    assert me["role"] == "reviewer" and me["municipality"]["name"] == municipality


@then("the token cannot create a project")
def _read_only(client, world):
    response = Api(client, world["token"]).post("/projects", json={"name": "Archive", "municipality_id": 1})
    assert response.status_code == 403 and is_one_sentence(response)


@then(parsers.parse('the tokens page lists "{label}" without showing the token again'))
def _listed_not_shown(app, client, world, label):
    response = client.get(TOKENS_PAGE)
    page = response.get_data(as_text=True)
    assert label in page and world["token"] not in page and shown_token(page) is None
    with app.app_context(), db.sessions(app)() as session:  # only the digest is kept
        stored = session.query(ApiToken).one()
        assert stored.token_sha256 == hashlib.sha256(world["token"].encode()).hexdigest()


@then("the API refuses the token with 401 and one sentence")
def _refused(client, world):
    response = Api(client, world["token"]).get("/me")
    assert response.status_code == 401 and is_one_sentence(response)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@then("a request without a token is refused with 401 and one sentence")
def _no_token(client):
    response = Api(client).get("/projects")  # the signed-in browser's session cookie goes along, and counts for nothing
    assert response.status_code == 401 and is_one_sentence(response)


@then("a request with a made-up token is refused with 401 and one sentence")
def _made_up_token(client):
    response = Api(client, "annex_" + "x" * 43).get("/projects")
    assert response.status_code == 401 and is_one_sentence(response)


@then("the tokens page sends them to sign in")
def _sent_to_sign_in(client):
    response = client.get(TOKENS_PAGE)
    assert response.status_code == 302 and response.headers["Location"].startswith("/signin")


@then("the answer is 400 and no token is made")
def _no_token_made(app, world):
    assert world["response"].status_code == 400
    assert token_ids(app) == []


@then("the answer is 404 and the other architect's token still opens the API")
def _still_open(client, world, accounts):
    assert world["response"].status_code == 404
    assert Api(client, world["other_token"]).get("/me").get_json()["email"] == accounts["other_architect"].email
