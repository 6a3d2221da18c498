"""The web face of Marsad: server-rendered RTL pages and a JSON API over one store.

``create_app(store_path)`` builds the FastAPI application (read-only); ``serve`` runs it
with uvicorn on loopback unless told otherwise; :mod:`marsad.web.static` writes the same
pages as a static report.
"""

from __future__ import annotations

from pathlib import Path

from marsad.web.app import create_app

__all__ = ["create_app", "serve"]


def serve(store_path: str | Path, host: str = "127.0.0.1", port: int = 8000, lang: str = "ar") -> None:
    """Serve the UI and API until interrupted. Binds loopback by default: the store stays private."""
    import uvicorn

    uvicorn.run(create_app(store_path, lang=lang), host=host, port=port, log_level="warning")
