"""HTTP plumbing of the server that is not about SPARQL or pages: size limits (a pure ASGI middleware),
reading a bounded body, noticing a client that went away, Link headers and conditional GET."""
from __future__ import annotations

import asyncio
from email.utils import parsedate_to_datetime

from starlette.requests import Request
from starlette.responses import PlainTextResponse

from .config import ServerConfig
from .replies import FORMAT_LINKS


class TooLarge(Exception):
    pass


class Limits:
    """Pure ASGI middleware: 414 for an over-long URL, 413 for a body over the limit (by Content-Length, or
    while it streams in), and headers every answer carries."""

    def __init__(self, app, config: ServerConfig):
        self.app = app
        self.config = config

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        size = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b""))
        if size > self.config.max_url:
            return await PlainTextResponse(
                f"URI too long: {size} bytes; the limit is {self.config.max_url} (wbkg serve --max-url). "
                f"Send long queries with POST.\n", status_code=414)(scope, receive, send)
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    return await PlainTextResponse("bad Content-Length\n", status_code=400)(scope, receive, send)
                if length > self.config.max_body:
                    return await PlainTextResponse(
                        f"request body too large: {length} bytes; the limit is {self.config.max_body} "
                        f"(wbkg serve --max-body)\n", status_code=413)(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)
        return await self.app(scope, receive, send_with_headers)


async def read_body(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def document_links(path: str, suffix: str | None) -> str:
    """The Link header of a document (RFC 8288): its other formats, and the dataset description."""
    base = path[: -len(suffix)] if suffix and path.endswith(suffix) else path
    links = [f'<{base}>; rel="alternate"; type="text/html"'] if suffix else []
    links += [f'<{base}{ext}>; rel="alternate"; type="{media}"' for _n, ext, media in FORMAT_LINKS
              if ext != suffix]
    links.append('</.well-known/void>; rel="describedby"; type="text/turtle"')
    return ", ".join(links)


def not_after(last_modified: str, since: str) -> bool:
    try:
        return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


class ClientGone(Exception):
    """The client closed the connection before its answer was ready."""


async def until_disconnect(request: Request, work):
    """Await ``work`` unless the client disconnects first: then cancel it (the pool replaces a worker that was
    mid-job) and raise ClientGone. Starlette does not cancel a handler whose client left, so without this a
    query nobody waits for kept its worker until the timeout."""
    job = asyncio.ensure_future(work)
    watch = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait({job, watch}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        if not job.done():
            job.cancel()
            try:
                await job
            except asyncio.CancelledError:
                pass
            except Exception:   # it failed while being cancelled: nobody is waiting for the answer
                pass
        watch.cancel()
    if job.cancelled():
        raise ClientGone()
    return job.result()


async def _disconnected(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass
