"""The live server: HTML pages and the JSON API over one store, read-only.

Every route is a thin call into :mod:`marsad.web.views`; the HTML routes render the result,
the ``/api`` routes return it as JSON. Each server thread opens its own read-only
connection, so concurrent requests never share a SQLite cursor.

(No ``from __future__ import annotations`` here: FastAPI must evaluate the route signatures,
whose ``Annotated`` aliases are local to :func:`create_app`.)
"""

import re
import threading
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup
from pydantic import BeforeValidator
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad.store import Store, StoreError, open_store
from marsad.store.query import SORTS, build_query
from marsad.web import events_api, events_views, views
from marsad.web.i18n import LANGS
from marsad.web.pages import STATIC, Links, render
from marsad.web.timeline import render_timeline_svg
from marsad.web.views import NotFound

LANG_COOKIE = "marsad_lang"
_REDIRECT_HOPS = 16  # a chain of merges longer than this is a loop


def _moved_to(request: Request, store: Store, exc: NotFound) -> str | None:
    """The address of the record a merged entity, event or story now lives in (the same
    path with the kept id, same query), or None when the id was never merged."""
    if exc.kind not in ("entity", "event", "story"):
        return None
    ident, seen = exc.ident, {exc.ident}
    for _ in range(_REDIRECT_HOPS):  # a merge into a record merged later: follow the chain
        try:
            kept = store.redirect(exc.kind, ident)
        except Exception:  # noqa: BLE001 — a store older than the redirects table: a plain 404
            return None
        if kept is None:
            break
        if kept in seen:
            return None  # a loop leads nowhere: better a 404 than endless redirects
        ident = kept
        seen.add(kept)
    else:
        return None
    if ident == exc.ident:
        return None
    parts = request.url.path.split("/")
    if exc.ident not in parts:
        return None
    at = len(parts) - 1 - parts[::-1].index(exc.ident)
    parts[at] = ident
    query = f"?{request.url.query}" if request.url.query else ""
    return "/".join(parts) + query


MAX_OFFSET = 10**9  # past this a page is refused (422), before SQLite sees an integer it cannot bind

# Sent with every response: no scripts or styles but our own, never framed, no MIME sniffing.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
        " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# entity kinds in any case (?label=person), as on the command line
EntityLabel = Annotated[
    Literal["PERSON", "ORG", "LOC"] | None, BeforeValidator(lambda v: v.upper() if isinstance(v, str) else v)
]


class ThreadStores:
    """One read-only store per server thread (SQLite connections are not shared across threads)."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self._local = threading.local()
        self._opened: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.path, read_only=True)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()


def _lang(request: Request, default: str) -> str:
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    return asked if asked in LANGS else default


def _switch_href(request: Request, lang: str) -> str:
    params = dict(request.query_params)
    params["lang"] = "en" if lang != "en" else "ar"
    return request.url.path + "?" + urlencode(params)


class HeadAsGet:
    """HEAD on any GET route: answered as the GET would be, with the body left out."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def api_routes(schema: dict) -> list[dict]:
    """Each API operation of an OpenAPI schema: method, path, summary and its parameters."""
    routes = []
    for path, ops in sorted(schema.get("paths", {}).items()):
        for method, op in ops.items():
            params = []
            for p in op.get("parameters", []):
                sch = p.get("schema", {})
                kind = sch.get("type") or "/".join(
                    a.get("type", "") for a in sch.get("anyOf", []) if a.get("type")
                )
                bounds = ", ".join(
                    f"{k} {sch[k]}" for k in ("minimum", "maximum", "minLength", "maxLength") if k in sch
                )
                if "enum" in sch:
                    bounds = " | ".join(map(str, sch["enum"]))
                params.append(
                    dict(
                        name=p["name"],
                        where=p.get("in", ""),
                        required=p.get("required", False),
                        type=kind,
                        bounds=bounds,
                        default=sch.get("default"),
                        description=p.get("description") or sch.get("description") or "",
                    )
                )
            routes.append(
                dict(
                    method=method.upper(),
                    path=path,
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    params=params,
                )
            )
    return routes


def create_app(store_path: str | Path, *, lang: str = "ar") -> FastAPI:
    """The web UI and JSON API over the store at ``store_path`` (opened read-only)."""
    if lang not in LANGS:
        raise ValueError(f"unknown interface language {lang!r}; choose one of {', '.join(LANGS)}")
    open_store(store_path, read_only=True).close()  # fail now, with the store's reason
    stores = ThreadStores(store_path)  # not Path(): it would fold the // of a postgresql:// URL

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        stores.close()

    app = FastAPI(
        title="Marsad — مرصد",
        description="Read-only JSON API over a Marsad store: stories, events, articles, entities, search.",
        version="1",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; /docs is a plain page made here
        redoc_url=None,
    )
    app.add_middleware(HeadAsGet)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    links = Links()

    def store() -> Store:
        return stores.get()

    StoreDep = Annotated[Store, Depends(store)]
    Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip")]

    PageSize = Annotated[int, Query(ge=1, le=views.LIMITS.max_page_size, description="Page size")]

    def error_page(request: Request, kind: str, ident: str | None, status: int) -> HTMLResponse:
        page_lang = _lang(request, lang)
        html = render(
            "error.html",
            lang=page_lang,
            links=links,
            switch_href=_switch_href(request, page_lang),
            kind=kind,
            ident=ident,
            status=status,
        )
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        moved = _moved_to(request, stores.get(), exc)
        if moved is not None:  # merged into another record: its address leads there
            return RedirectResponse(moved, status_code=301)
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"error": "not_found", "kind": exc.kind, "id": exc.ident, "detail": str(exc)}, status_code=404
            )
        return error_page(request, exc.kind, exc.ident, 404)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or exc.status_code not in (404, 405):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return error_page(request, "page", request.url.path, exc.status_code)

    @app.exception_handler(StoreError)
    async def store_failed(request: Request, exc: StoreError) -> Response:
        return JSONResponse({"error": "store", "detail": exc.reason}, status_code=400)

    def page(request: Request, template: str, **context: object) -> HTMLResponse:
        page_lang = _lang(request, lang)
        html = render(
            template, lang=page_lang, links=links, switch_href=_switch_href(request, page_lang), **context
        )
        response = HTMLResponse(html)
        if request.query_params.get("lang") in LANGS:
            response.set_cookie(LANG_COOKIE, page_lang, max_age=365 * 24 * 3600, samesite="lax")
        return response

    # ------------------------------------------------------------------ HTML

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, s: StoreDep, offset: Offset = 0) -> HTMLResponse:
        return page(request, "stories.html", page=views.stories(s, offset=offset, limit=20), note=None)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str, s: StoreDep) -> HTMLResponse:
        found, events = views.load_story(s, story_id)
        svg = render_timeline_svg(found, events, lang=_lang(request, lang), href=links.event)
        return page(request, "story.html", timeline=Markup(svg), **views.story_view(s, found, events))

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str, s: StoreDep) -> HTMLResponse:
        return page(
            request, "event.html", **views.event(s, event_id), **events_views.event_sections(s, event_id)
        )

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str, s: StoreDep) -> HTMLResponse:
        return page(request, "article.html", **views.article(s, article_id))

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(
        request: Request,
        s: StoreDep,
        label: EntityLabel = None,
        offset: Offset = 0,
    ) -> HTMLResponse:
        return page(
            request,
            "entities.html",
            page=views.entities(s, label=label, offset=offset, limit=60),
            label=label,
            make_href=lambda o: links.entities(label=label, offset=o),
        )

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str, s: StoreDep) -> HTMLResponse:
        return page(
            request, "entity.html", **views.entity(s, entity_id), **events_views.entity_sections(s, entity_id)
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        s: StoreDep,
        q: str = "",
        outlet: str = "",
        date_from: Annotated[str, Query(alias="from")] = "",
        date_to: Annotated[str, Query(alias="to")] = "",
        entity: str = "",
        sort: str = "relevance",
        offset: Offset = 0,
    ) -> HTMLResponse:
        # A form sends empty fields; treat them as "no filter" rather than as errors.
        bad = [d for d in (date_from, date_to) if d and not _ISO_DATE.fullmatch(d)]
        sort = sort if sort in SORTS else "relevance"
        result = None
        entity_missing = False
        if q.strip() and not bad:
            query = build_query(
                s,
                q,
                outlet=outlet,
                date_from=date_from,
                date_to=date_to,
                entity=entity,
                sort=sort,
                offset=offset,
                limit=20,
            )
            entity_missing = bool(entity.strip()) and not s.find_entities(entity)
            result = views.search(s, query)
        filters = dict(q=q, outlet=outlet, date_from=date_from, date_to=date_to, entity=entity, sort=sort)
        return page(
            request,
            "search.html",
            page=result,
            outlets=views.outlets(s),
            error=f"YYYY-MM-DD: {', '.join(bad)}" if bad else None,
            entity_missing=entity_missing,
            make_href=lambda o: links.search(
                q=q,
                outlet=outlet,
                entity=entity,
                sort=sort if sort != "relevance" else "",
                offset=o,
                **{"from": date_from, "to": date_to},
            ),
            **filters,
        )

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        """The API described from its own OpenAPI schema, as a plain page (no CDN, no script)."""
        return page(request, "api_docs.html", routes=api_routes(app.openapi()))

    # ------------------------------------------------------------------ JSON

    api = APIRouter(prefix="/api")

    @api.get("/health")
    def health() -> dict:
        """Liveness; also the baseline the load benchmark compares pages against."""
        return {"status": "ok"}

    @api.get("/stories")
    def api_stories(s: StoreDep, offset: Offset = 0, limit: PageSize = 20) -> dict:
        """Stories, most recently active first, with counts and activity per day."""
        return views.stories(s, offset=offset, limit=limit)

    @api.get("/stories/{story_id}")
    def api_story(story_id: str, s: StoreDep) -> dict:
        return views.story(s, story_id)

    @api.get("/events/{event_id}")
    def api_event(event_id: str, s: StoreDep) -> dict:
        """An event with its multi-outlet summary, citations, disagreements and articles by outlet."""
        return views.event(s, event_id)

    @api.get("/articles/{article_id}")
    def api_article(article_id: str, s: StoreDep) -> dict:
        return views.article(s, article_id)

    @api.get("/entities")
    def api_entities(
        s: StoreDep,
        label: EntityLabel = None,
        offset: Offset = 0,
        limit: PageSize = 50,
    ) -> dict:
        return views.entities(s, label=label, offset=offset, limit=limit)

    @api.get("/entities/{entity_id}")
    def api_entity(entity_id: str, s: StoreDep) -> dict:
        return views.entity(s, entity_id)

    @api.get("/search")
    def api_search(
        s: StoreDep,
        q: Annotated[
            str,
            Query(
                min_length=1,
                description='Words to find; Arabic spelling variants match. "a phrase", a OR b, -word.',
            ),
        ],
        outlet: Annotated[str | None, Query(description="Outlet name, code or domain")] = None,
        date_from: Annotated[date | None, Query(alias="from")] = None,
        date_to: Annotated[date | None, Query(alias="to")] = None,
        entity: Annotated[str | None, Query(description="Entity name, variant or id")] = None,
        sort: Literal["relevance", "date"] = "relevance",
        offset: Offset = 0,
        limit: PageSize = 20,
    ) -> dict:
        query = build_query(
            s,
            q,
            outlet=outlet,
            date_from=date_from.isoformat() if date_from else None,
            date_to=date_to.isoformat() if date_to else None,
            entity=entity,
            sort=sort,
            offset=offset,
            limit=limit,
        )
        return views.search(s, query)

    app.include_router(api)
    app.include_router(events_api.router(StoreDep, max_page_size=views.LIMITS.max_page_size))
    return app
