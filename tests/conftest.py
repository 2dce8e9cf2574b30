"""Settings for the whole suite."""

from __future__ import annotations


def pytest_configure(config):
    # Every Flask test client, the fixtures' and those a test makes with app.test_client(),
    # closes its responses and request bodies as a WSGI server does (tests/support/web_client.py).
    import flask

    from tests.support.web_client import BufferedClient

    flask.Flask.test_client_class = BufferedClient
