"""The application factory: one database, the pages, the JSON API, static files (Plotly's script comes
from the installed plotly package: these machines are offline, nothing is fetched from a CDN)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from chitieu import EXTRACTOR_VERSION
from chitieu.domain.errors import ChitieuError
from chitieu.messages import render
from chitieu.services.accounts import Forbidden
from chitieu.services.database import connect
from chitieu.services.ingest import seed
from chitieu.web import api, bieu_pages, compare_pages, pages, template_pages
from chitieu.web.auth import LoginRequired, optional_actor
from chitieu.web.templating import make_templates

STATIC = Path(__file__).with_name("static")
# Every page: scripts and styles from this server only (Plotly's own inline styles allowed), no framing,
# no type sniffing, and no full address of a page sent to other sites.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                               "form-action 'self'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _same_origin(request: Request) -> bool:
    """Whether a changing request comes from this site's own pages (or from no browser page at all)."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source or (source == "null" and "origin" not in request.headers):
        return True
    return urlsplit(source).netloc == request.url.netloc


def _field(location: Any) -> str:
    """The name of the field a validation error is about ('file' for ('body', 'file', 0))."""
    names = [str(part) for part in location if isinstance(part, str) and part not in ("body", "query", "path")]
    return names[-1] if names else "?"


def plotly_script() -> Path:
    return Path(str(resources.files("plotly").joinpath("package_data", "plotly.min.js")))


def create_app(database_url: str, secret_key: str, secure_cookies: bool = False) -> FastAPI:
    """`secure_cookies`: send the session cookie over HTTPS only (anywhere but a local address)."""
    db = connect(database_url)
    seed(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()  # the server stops: its database connections with it

    app = FastAPI(title="chitieu", version=EXTRACTOR_VERSION, docs_url="/api/docs", redoc_url=None,
                  lifespan=lifespan)
    app.state.db = db
    app.state.templates = make_templates()
    app.add_middleware(SessionMiddleware, secret_key=secret_key, session_cookie="chitieu_session",
                       same_site="lax", max_age=12 * 3600, https_only=secure_cookies)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        if request.method not in ("GET", "HEAD", "OPTIONS") and not _same_origin(request):
            # a form posted from another site with the user's cookie (cross-site request forgery)
            response: Response = JSONResponse({"detail": render("web.cross_origin")}, status_code=403)
        else:
            response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.get("/static-lib/plotly.min.js", include_in_schema=False)
    def plotly() -> FileResponse:
        return FileResponse(plotly_script(), media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    def error_page(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": message}, status_code=status)
        page: Response = app.state.templates.TemplateResponse(request, "error.html", {
            "actor": optional_actor(request), "message": message, "nav": "error"}, status_code=status)
        return page

    @app.exception_handler(LoginRequired)
    def login_required(request: Request, _exc: LoginRequired) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": render("auth.login_required")}, status_code=401,
                                headers={"WWW-Authenticate": 'Basic realm="chitieu"'})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/dang-nhap?next={quote(target)}", status_code=303)

    @app.exception_handler(Forbidden)
    def forbidden(request: Request, exc: Forbidden) -> Response:
        return error_page(request, 403, render(exc.key, **exc.params))

    @app.exception_handler(RequestValidationError)
    def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        fields = ", ".join(_field(e.get("loc", ())) for e in errors)
        if wants_json(request):  # the OpenAPI's HTTPValidationError: one item per field, said in Vietnamese
            return JSONResponse({"detail": [
                {"loc": [str(part) for part in e.get("loc", ())], "type": str(e.get("type", "")),
                 "msg": render("web.invalid_field", field=_field(e.get("loc", ())))} for e in errors]},
                status_code=422)
        return error_page(request, 422, render("web.invalid_request", fields=fields))

    @app.exception_handler(ChitieuError)
    def bad_request(request: Request, exc: ChitieuError) -> Response:
        status = {"web.not_found": 404, "auth.locked": 429}.get(exc.key, 400)
        return error_page(request, status, render(exc.key, **exc.params))

    app.include_router(pages.router)
    app.include_router(bieu_pages.router)
    app.include_router(compare_pages.router)
    app.include_router(template_pages.router)
    app.include_router(api.router)
    app.include_router(compare_pages.api_router)
    app.include_router(template_pages.api_router)
    return app
