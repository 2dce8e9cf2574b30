"""The Flask test client every test uses: it finishes a request as a WSGI server does.

A server reads a response whole and closes it once it is sent, and owns (and closes) the
request body it received. Flask's test client does neither by itself: a file the app
serves (an annex PDF) stays open until the garbage collector finds it, and so does the
temporary file werkzeug's test client writes a multipart body over 500 KB into, whether
or not the app read it (an upload refused for its size never is). Both are
ResourceWarnings, errors in this suite, raised in whatever test the collector runs in.
"""

from __future__ import annotations

from flask.testing import FlaskClient


class BufferedClient(FlaskClient):
    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        response = super().open(*args, **kwargs)
        for answered in (*response.history, response):  # each redirect followed had a request of its own
            body = answered.request.environ.get("wsgi.input")
            if body is not None:
                body.close()
        return response
