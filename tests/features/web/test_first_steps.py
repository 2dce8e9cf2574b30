from .conftest import sign_in

def test_signin(client, accounts):
    sign_in(client, accounts["architect"])
    r = client.get("/projects/")
    assert r.status_code == 200, r.data
    assert "Content-Security-Policy" in r.headers
    r = client.get("/review/")
    assert r.status_code == 403
