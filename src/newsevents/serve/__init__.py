"""The local HTTP server: a JSON API and web UI over a read-only event store (``newsevents serve``)."""

from newsevents.serve.app import ApiError, ServeConfig, create_app

__all__ = ["ApiError", "ServeConfig", "create_app"]
