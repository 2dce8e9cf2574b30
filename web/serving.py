"""werkzeug's development server, made to close every response: ``make run``'s demo and
the browser tests serve the app with it (production runs gunicorn, see docs/web.md).

When a client drops the connection while a response is being sent (a browser leaving a
page while a static file is still on its way), werkzeug's server skips the response's
``close()``. A file sent by ``send_file`` then stays open until the garbage collector
finds it, and says so with a ResourceWarning wherever that happens to be.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment


def responses_always_closed(wsgi_app: WSGIApplication) -> WSGIApplication:
    """``wsgi_app`` with every response closed as soon as the server lets go of it, sent
    whole or not: a generator's ``finally`` runs when the generator is dropped."""

    def app_closing_its_responses(environ: WSGIEnvironment, start_response: StartResponse) -> Iterator[bytes]:
        response = wsgi_app(environ, start_response)
        try:
            yield from response
        finally:
            close = getattr(response, "close", None)
            if close is not None:
                close()

    return app_closing_its_responses
