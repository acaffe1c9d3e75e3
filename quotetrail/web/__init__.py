"""The HTTP API and the web pages: `create_app(db)` builds the ASGI app."""

from quotetrail.web.app import create_app

__all__ = ["create_app"]
