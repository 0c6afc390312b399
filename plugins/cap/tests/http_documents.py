"""A real HTTP server on a free loopback port for the feed tests: it answers GET from a dict of documents."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serving(documents: dict[str, bytes], asked: list[str] | None = None) -> Iterator[str]:
    """Serve ``documents`` ({path: body}, read at each request, so paths may be added once the base URL is known;
    404 for any other path) and yield the base URL; each path asked is appended to ``asked``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            if asked is not None:
                asked.append(self.path)
            body = documents.get(self.path)
            self.send_response(200 if body else 404)
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
