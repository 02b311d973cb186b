"""The ASGI application (Starlette): routes, request limits, the SPARQL 1.1 Protocol front end, and the
mapping of worker outcomes (timeout, memory, saturation) to HTTP answers. Nothing here reads the store: every
job that reads the graph runs in a worker process (pool.py); the dumps are the build's files, streamed."""
from __future__ import annotations

import hashlib
import sys
from contextlib import asynccontextmanager
from email.utils import formatdate
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..vocab.namespaces import BASE
from ..project import Project
from . import negotiate
from .backend import DRAFT_DUMPS, DUMPS, dump_file, store_time
from .config import ServerConfig
from .pool import JobError, JobMemory, JobTimeout, Pool, Saturated, WorkerDied, Zygote
from .protocol import ProtocolError, QueryRequest, include_drafts
from .httpkit import ClientGone, Limits, TooLarge, document_links, not_after, read_body, until_disconnect
from .replies import Reply

READ_METHODS = ["GET", "HEAD"]
SPARQL_METHODS = ["GET", "HEAD", "POST"]
UPDATE_REFUSED = "SPARQL Update is not allowed: this endpoint is read-only and nothing was changed\n"
EXPOSED_HEADERS = ["Wbkg-Truncated", "Wbkg-Max-Rows", "Wbkg-Limit", "Retry-After", "Content-Location"]


def to_response(reply: Reply, vary: bool = True) -> Response:
    headers = dict(reply.headers)
    if vary:
        headers["Vary"] = "Accept"
    return Response(reply.body, status_code=reply.status, media_type=reply.media_type, headers=headers)


def text(status: int, message: str, headers: dict | None = None) -> Response:
    return PlainTextResponse(message if message.endswith("\n") else message + "\n", status_code=status,
                             headers=headers or {})


class Server:
    def __init__(self, config: ServerConfig, zygote: Zygote, project: Project):
        self.config = config
        self.zygote = zygote
        self.project = project
        self.pool = Pool(zygote, config.workers, config.queue, config.queue_wait)
        self.last_modified = formatdate(store_time(project), usegmt=True)

    # --------------------------------------------------------------------------------------------------
    async def job(self, request: Request, kind: str, payload, timeout: float | None = None) -> Response:
        """Run a job in a worker and turn every outcome into an HTTP response. A client that goes away cancels
        its job: the worker it held is killed and replaced, a place it held in the queue is given up."""
        timeout = timeout or self.config.timeout
        try:
            reply = await until_disconnect(request, self.pool.run(kind, payload, timeout))
        except ClientGone:
            return text(499, "the client closed the connection; its query was cancelled")
        except Saturated:
            return text(503, f"busy: all {self.config.workers} workers are answering other requests and "
                             f"{self.config.queue} more are waiting; retry after {self.config.retry_after} s",
                        {"Retry-After": str(self.config.retry_after), "Wbkg-Limit": "concurrency"})
        except JobTimeout:
            return text(503, f"stopped: the query ran longer than {timeout:g} s (wbkg serve --timeout) and was "
                             f"cancelled; simplify it or add a LIMIT", {"Wbkg-Limit": "timeout"})
        except JobMemory:
            return text(503, f"stopped: the query needed more than {self.config.memory_mb} MiB of memory "
                             f"(wbkg serve --memory-mb) and was cancelled", {"Wbkg-Limit": "memory"})
        except WorkerDied:
            # Oxigraph aborts its process when an allocation fails, so a dead worker is most likely a query
            # that hit the memory cap
            return text(503, f"stopped: the worker evaluating this request died, most likely because the query "
                             f"needed more than {self.config.memory_mb} MiB of memory (wbkg serve --memory-mb); "
                             f"it was replaced", {"Wbkg-Limit": "memory"})
        except JobError as exc:
            print(f"wbkg serve: internal error in a {kind} job:\n{exc}", file=sys.stderr, flush=True)
            last = str(exc).strip().splitlines()[-1] if str(exc).strip() else "unknown"
            return text(500, f"internal error: {last}")
        return to_response(reply)

    # --------------------------------------------------------------------------------------------------
    async def sparql(self, request: Request) -> Response:
        accept = request.headers.get("accept")
        params = list(request.query_params.multi_items())
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            charset = "utf-8"
            for piece in request.headers.get("content-type", "").split(";")[1:]:
                key, _, value = piece.partition("=")
                if key.strip().lower() == "charset":
                    charset = value.strip().strip('"') or "utf-8"
            try:
                body = await read_body(request, self.config.max_body)
            except TooLarge:
                return text(413, f"request body too large; the limit is {self.config.max_body} bytes "
                                 f"(wbkg serve --max-body)")
            if ctype == "application/sparql-update":
                return text(403, UPDATE_REFUSED)
            try:
                decoded = body.decode(charset)
            except LookupError:   # also the codecs that are not text encodings (base64, rot13...)
                return text(415, f"charset={charset} is not a text encoding this server decodes; send UTF-8 "
                                 "(or UTF-16, ISO-8859-1...)")
            except UnicodeDecodeError:
                return text(400, f"the request body is not valid {charset}")
            if ctype == "application/x-www-form-urlencoded":
                params += parse_qsl(decoded, keep_blank_values=True)
            elif ctype == "application/sparql-query":
                if any(k == "query" for k, _v in params):
                    return text(400, "a POST with application/sparql-query carries the query in its body, "
                                     "not in a query= parameter")
                params.append(("query", decoded))
            else:
                return text(415, "POST either application/x-www-form-urlencoded (query=...) or "
                                 "application/sparql-query (the query as the body)",
                            {"Accept-Post": "application/x-www-form-urlencoded, application/sparql-query"})
        if any(k == "update" for k, _v in params):
            return text(403, UPDATE_REFUSED)
        queries = [v for k, v in params if k == "query"]
        if not queries:
            if negotiate.accepts_html(accept):
                return await self.page("query_form", request)
            if request.method != "POST" and negotiate.choose(accept or "*/*", negotiate.RDF_FORMATS):
                # SPARQL 1.1 Service Description: a GET without a query that takes RDF describes the service
                return await self.page("service", request)
            return text(400, "missing query: send query=... (GET or POST form) or POST application/sparql-query; "
                             "a GET without a query describes the service, a browser gets a form")
        if len(queries) > 1:
            return text(400, "exactly one query parameter is allowed")
        try:
            drafts = include_drafts(params)
        except ProtocolError as exc:
            return text(exc.status, exc.message)
        formats = [v for k, v in params if k in ("format", "output", "results")]
        req = QueryRequest(
            query=queries[0], accept=accept, format=next((f for f in formats if negotiate.PARAMETER_VALUES.get(
                f.strip().lower())), formats[0] if formats else None),
            default_graphs=[v for k, v in params if k == "default-graph-uri"],
            named_graphs=[v for k, v in params if k == "named-graph-uri"],
            bindings={k[1:]: v for k, v in params if k.startswith("$") and len(k) > 1},
            context=next((v for k, v in params if k in ("context", "jsonld-context")), None), include_drafts=drafts)
        return await self.job(request, "sparql", req)

    # --------------------------------------------------------------------------------------------------
    async def page(self, page_name: str, request: Request, /, **payload) -> Response:
        payload.setdefault("accept", request.headers.get("accept"))
        try:   # every page shows reviewed facts unless include-drafts=true
            payload["drafts"] = include_drafts(request.query_params.multi_items())
        except ProtocolError as exc:
            return text(exc.status, exc.message)
        response = await self.job(request, "page", (page_name, payload))
        if response.status_code == 200:
            if "suffix" in payload:   # a document with formats: say where the others are
                response.headers["Link"] = document_links(request.url.path, payload.get("suffix"))
            return self.validated(request, response)
        return response

    def validated(self, request: Request, response: Response) -> Response:
        """ETag (a digest of the body: the store is read-only while serving) and Last-Modified (the build's
        store); a conditional GET that matches gets 304 without the body."""
        etag = '"' + hashlib.sha256(response.body).hexdigest()[:32] + '"'
        response.headers["ETag"] = etag
        response.headers["Last-Modified"] = self.last_modified
        matches = request.headers.get("if-none-match")
        if matches is not None:
            fresh = matches.strip() == "*" or etag in [m.strip().removeprefix("W/") for m in matches.split(",")]
        else:
            since = request.headers.get("if-modified-since")
            fresh = since is not None and not_after(self.last_modified, since)
        if not fresh:
            return response
        kept = {k: v for k, v in response.headers.items()
                if k.lower() in ("etag", "last-modified", "vary", "link", "content-location", "cache-control")}
        return Response(status_code=304, headers=kept)

    async def index(self, request: Request) -> Response:
        return await self.page("index", request)

    async def all_articles(self, request: Request) -> Response:
        return await self.page("index", request, all_articles=True)

    async def search(self, request: Request) -> Response:
        q = request.query_params.get("q", "")
        accept = request.headers.get("accept")
        want_json = request.query_params.get("format") == "json" or (
            negotiate.choose(accept, (negotiate.HTML, negotiate.JSONLD)) or negotiate.Choice(negotiate.HTML, "", {})
        ).media_type == "application/json"
        return await self.page("index", request, q=q, json=want_json)

    async def entity(self, request: Request) -> Response:
        return await self.suffixed(request, "entity", request.path_params["slug"], BASE + "id/")

    async def article(self, request: Request) -> Response:
        stem, suffix = split_suffix(request.path_params["stem"], extra=(".txt",))
        return await self.page("article", request, stem=stem, suffix=suffix)

    async def ontology(self, request: Request) -> Response:
        suffix = request.path_params.get("suffix") or None
        if suffix is not None and suffix not in negotiate.SUFFIXES:
            return await self.not_found(request, None)
        return await self.page("ontology", request, suffix=suffix)

    async def ontology_version(self, request: Request) -> Response:
        version, suffix = split_suffix(request.path_params["version"])
        return await self.page("ontology", request, suffix=suffix, version=version)

    async def graph(self, request: Request) -> Response:
        name, suffix = split_suffix(request.path_params["name"])
        return await self.page("graph", request, name=name, suffix=suffix)

    async def browse(self, request: Request) -> Response:
        return await self.page("browse", request, name=request.path_params["name"])

    async def timeline(self, request: Request) -> Response:
        return await self.page("timeline", request, **{k: request.query_params.get(k) for k in ("from", "to")})

    async def void(self, request: Request) -> Response:
        suffix = request.path_params.get("suffix") or None
        if suffix is not None and suffix not in negotiate.SUFFIXES:
            return await self.not_found(request, None)
        return await self.page("void", request, suffix=suffix)

    async def queries(self, request: Request) -> Response:
        return await self.page("queries", request)

    async def stored_query(self, request: Request) -> Response:
        return await self.page("queries", request, name=request.path_params["name"])

    async def context(self, request: Request) -> Response:
        return await self.page("context", request)

    async def suffixed(self, request: Request, kind: str, rest: str, base: str) -> Response:
        name, suffix = split_suffix(rest)
        return await self.page(kind, request, iri=base + name, suffix=suffix)

    async def dump(self, request: Request) -> Response:
        """The build's export file, streamed as it is (nothing is serialised per request)."""
        file = request.path_params["file"]
        names = [f for _n, f, _k, _m in DUMPS + DRAFT_DUMPS]
        if file not in names:
            return text(404, f"no dump {file}; there are: {', '.join(names)}")
        path = dump_file(self.project, file)
        if path is None:
            return text(404, f"no dump {file}: the build has not written it (run `wbkg build`)")
        media = next(m for _n, f, _k, m in DUMPS + DRAFT_DUMPS if f == file)
        return FileResponse(path, media_type=media + ("" if media.endswith("json") else "; charset=utf-8"),
                            filename=file, content_disposition_type="attachment")

    async def not_found(self, request: Request, exc) -> Response:
        accept = request.headers.get("accept")
        if negotiate.accepts_html(accept) and request.method in ("GET", "HEAD"):
            return await self.page("error", request, message=f"There is nothing at {request.url.path}.")
        return text(404, f"not found: {request.url.path}")


def split_suffix(name: str, extra: tuple[str, ...] = ()) -> tuple[str, str | None]:
    for suffix in tuple(negotiate.SUFFIXES) + extra:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], suffix
    return name, None


def create_app(config: ServerConfig, zygote: Zygote, project: Project) -> Starlette:
    server = Server(config, zygote, project)

    @asynccontextmanager
    async def lifespan(app):
        await server.pool.start()
        try:
            yield
        finally:
            server.pool.close()

    routes = [
        Route("/", server.index, methods=READ_METHODS),
        Route("/search", server.search, methods=READ_METHODS),
        Route("/articles", server.all_articles, methods=READ_METHODS),
        Route("/sparql", server.sparql, methods=SPARQL_METHODS),
        Route("/id/{slug:path}", server.entity, methods=READ_METHODS),
        Route("/article/{stem:path}", server.article, methods=READ_METHODS),
        Route("/ontology", server.ontology, methods=READ_METHODS),
        Route("/ontology/{version:path}", server.ontology_version, methods=READ_METHODS),
        Route("/ontology{suffix:str}", server.ontology, methods=READ_METHODS),
        Route("/graph/{name:path}", server.graph, methods=READ_METHODS),
        Route("/browse/{name}", server.browse, methods=READ_METHODS),
        Route("/timeline", server.timeline, methods=READ_METHODS),
        Route("/.well-known/void", server.void, methods=READ_METHODS),
        Route("/.well-known/void{suffix:str}", server.void, methods=READ_METHODS),
        Route("/queries", server.queries, methods=READ_METHODS),
        Route("/queries/{name}.rq", server.stored_query, methods=READ_METHODS),
        Route("/dump/{file}", server.dump, methods=READ_METHODS),
        Route("/context.jsonld", server.context, methods=READ_METHODS),
    ]
    middleware = [Middleware(Limits, config=config)]
    if config.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(config.cors),
                                     allow_methods=["GET", "HEAD", "POST"],
                                     allow_headers=["Accept", "Content-Type"], expose_headers=EXPOSED_HEADERS,
                                     max_age=600))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={404: server.not_found})
    app.state.server = server
    return app
