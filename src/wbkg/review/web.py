"""`wbkg review --serve`: the review page, a small local web app over the same functions as the terminal
commands (drafts, actions, corrections), so it writes the same files (docs/review.md, "In the browser").

It is not `wbkg serve`, which stays read-only. Because this one writes, guard.py locks it down (loopback,
Host, Origin, CSRF, headers); here, no request value reaches a path: an article id must be one that
``list_drafts`` lists and a fact id one that its draft has, or the answer is 404 and nothing is read or
written under that name. Every write is a POST answered by a redirect to the article (Post/Redirect/Get),
which then shows what happened."""
from __future__ import annotations

import asyncio
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import InputError, UsageError
from ..project import Project
from . import actions, corrections, drafts
from .corrections import DATES, NUMBERS
from .drafts import local
from .guard import SESSION_COOKIE, Guard, Headers, check_bind, new_session
from .page import KINDS, MONTHS, cards_of, date_value

TEMPLATES = Path(__file__).resolve().parent / "templates"
SERVE_CSS = Path(__file__).resolve().parents[1] / "serve" / "templates" / "style.css"
MAX_BODY = 64 * 1024
VERBS = {"accept": "accepted", "reject": "rejected", "set": "corrected", "link": "linked"}


class Refused(Exception):
    """An answer that is not a redirect: status and text."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class Flash:
    level: str      # "ok" or "error"
    text: str


def environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), auto_reload=False,
                       autoescape=select_autoescape(enabled_extensions=("html",), default=True,
                                                    default_for_string=True))


def said(outcome: actions.Outcome, root: Path) -> str:
    """What an action did, in the words the terminal uses."""
    lines = [f"{VERBS[outcome.action]} {len(outcome.facts)}: {', '.join(outcome.facts)}"]
    if outcome.along:
        lines.append(f"with the proposals they refer to: {', '.join(outcome.along)}")
    lines += outcome.notes
    files = [str(p.relative_to(root)) for p in outcome.written]
    files += [f"{p.relative_to(root)} (removed: nothing left)" for p in outcome.removed]
    lines.append(f"wrote {', '.join(files)}; {outcome.left} facts left in the draft")
    return "\n".join(lines)


class ReviewApp:
    def __init__(self, project: Project, reviewer: str, guard: Guard):
        self.project = project
        self.reviewer = reviewer
        self.guard = guard
        self.env = environment()
        self.css = SERVE_CSS.read_text(encoding="utf-8") + (TEMPLATES / "review.css").read_text(encoding="utf-8")
        self.flashes: dict[str, Flash] = {}
        self.lock = asyncio.Lock()   # one action at a time: each reads the draft afresh and rewrites it

    # -- pages ---------------------------------------------------------------------------------------------
    def html(self, request: Request, template: str, status: int = 200, **context) -> Response:
        session = request.cookies.get(SESSION_COOKIE)
        fresh = not session or len(session) > 64
        if fresh:
            session = new_session()
        flash = self.flashes.pop(session, None) if not fresh else None
        body = self.env.get_template(template).render(reviewer=self.reviewer, csrf=self.guard.token(session),
                                                      flash=flash, **context)
        response = HTMLResponse(body, status_code=status)
        if fresh:
            response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", path="/")
        return response

    async def index(self, request: Request) -> Response:
        summaries = await run_in_threadpool(drafts.list_drafts, self.project)
        return self.html(request, "index.html", title="Drafts to review", drafts=summaries)

    async def article(self, request: Request) -> Response:
        stem = request.path_params["stem"]
        try:
            view, groups, segments, present = await run_in_threadpool(self._article, stem)
        except Refused as refused:
            return self.html(request, "message.html", status=refused.status, title="Not found", message=str(refused))
        entities = sum(f.new_entity for f in view.facts)
        return self.html(request, "article.html", title=view.title, view=view, groups=groups, segments=segments,
                         present=present, kinds=KINDS, months=MONTHS, entities=entities,
                         facts=len(view.facts) - entities)

    def _known(self, stem: str) -> str:
        """The article id, if a draft of that id is listed: the only ids that reach a file name."""
        for summary in drafts.list_drafts(self.project):
            if summary.stem == stem:
                return summary.stem
        raise Refused(404, f"no draft to review for article {stem!r}")

    def _article(self, stem: str):
        view = drafts.read_draft(self.project, self._known(stem), check=False)
        groups, segments, present = cards_of(self.project, view)
        return view, groups, segments, present

    async def css_file(self, request: Request) -> Response:
        return Response(self.css, media_type="text/css; charset=utf-8")

    async def no_icon(self, request: Request) -> Response:
        return Response(status_code=204)  # browsers ask; an empty answer keeps their consoles quiet

    # -- writes --------------------------------------------------------------------------------------------
    async def act(self, request: Request) -> Response:
        session = request.cookies.get(SESSION_COOKIE)
        if not self.guard.origin_ok(request.headers["host"], request.headers.get("origin"),
                                    request.headers.get("referer")):
            return PlainTextResponse("refused: a write must come from this review page (Origin or Referer)\n",
                                     status_code=403)
        try:
            form = await read_form(request)
        except Refused as refused:
            return PlainTextResponse(f"{refused}\n", status_code=refused.status)
        if not self.guard.token_ok(session, one(form, "csrf")):
            return PlainTextResponse("refused: missing or wrong CSRF token; reload the review page\n",
                                     status_code=403)
        action, stem = request.path_params["action"], request.path_params["stem"]
        async with self.lock:
            try:
                stem, flash = await run_in_threadpool(self._act, action, stem, form)
            except Refused as refused:
                return self.html(request, "message.html", status=refused.status, title="Refused",
                                 message=str(refused))
        self.flashes[session] = flash
        left = any(s.stem == stem for s in await run_in_threadpool(drafts.list_drafts, self.project))
        return RedirectResponse(f"/article/{stem}" if left else "/", status_code=303)

    def _act(self, action: str, stem: str, form: dict[str, list[str]]) -> tuple[str, Flash]:
        if action not in VERBS:
            raise Refused(404, f"no action {action!r}")
        stem = self._known(stem)
        view = drafts.read_draft(self.project, stem, check=False)
        ids = {f.id: f for f in view.facts}
        named = form.get("fact", [])
        unknown = [i for i in named if i not in ids]
        if unknown:
            raise Refused(404, f"article {stem} has no draft fact {', '.join(map(repr, unknown))}")
        try:
            outcome = self._run(action, stem, named, form, ids)
        except (UsageError, InputError, ValueError) as error:
            return stem, Flash("error", f"nothing written: {error}")
        return stem, Flash("ok", said(outcome, self.project.root))

    def _run(self, action: str, stem: str, named: list[str], form: dict, ids: dict) -> actions.Outcome:
        if action == "accept":
            everything = one(form, "all") == "1"
            if not everything and not named:
                raise ValueError("pick a fact to accept")
            return actions.accept(self.project, stem, None if everything else named, reviewer=self.reviewer)
        if not named:
            raise ValueError(f"pick a fact to {action}")
        if action == "reject":
            return actions.reject(self.project, stem, named, reviewer=self.reviewer, why=one(form, "why") or None)
        fact = named[0]
        if action == "set":
            prop = one(form, "property")
            if prop not in {local(line.predicate) for line in ids[fact].says}:
                raise ValueError(f"{fact} has no {prop or 'property'} to correct")
            if prop in {local(p) for p in DATES}:
                value = date_value(one(form, "year"), one(form, "month"), one(form, "day"))
            elif prop in {local(p) for p in NUMBERS}:
                value = one(form, "value").strip()
            else:
                raise ValueError("only a date or a number is corrected here (the terminal's --set does the rest)")
            return corrections.set_value(self.project, stem, fact, f"{prop}={value}")
        entity = one(form, "entity") or one(form, "other").strip()
        if not ids[fact].new_entity:
            raise ValueError(f"{fact} is not a proposed entity: only a proposal is linked to a known one")
        if not entity:
            raise ValueError("pick the known entity it is")
        return corrections.link(self.project, stem, fact, entity)


def one(form: dict[str, list[str]], name: str) -> str:
    values = form.get(name) or [""]
    return values[0]


async def read_form(request: Request) -> dict[str, list[str]]:
    """An urlencoded form of at most MAX_BODY bytes (what the page's forms send; nothing else is read)."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        raise Refused(415, "a write is an urlencoded form")
    body, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise Refused(413, f"form over {MAX_BODY} bytes")
        body.append(chunk)
    try:
        return parse_qs(b"".join(body).decode("utf-8"), keep_blank_values=True, max_num_fields=100)
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "the form is not UTF-8 urlencoded text") from None


def create_app(project: Project, reviewer: str, guard: Guard):
    app = ReviewApp(project, reviewer, guard)

    async def not_found(request, exc):
        return PlainTextResponse(f"{exc.detail}\n", status_code=exc.status_code)
    routes = [Route("/", app.index, methods=["GET", "HEAD"]),
              Route("/review.css", app.css_file, methods=["GET", "HEAD"]),
              Route("/favicon.ico", app.no_icon, methods=["GET", "HEAD"]),
              Route("/article/{stem}", app.article, methods=["GET", "HEAD"]),
              Route("/article/{stem}/{action}", app.act, methods=["POST"])]
    return Headers(Starlette(routes=routes, exception_handlers={404: not_found, 405: not_found}), guard)


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound before the address is announced (so a client may connect at once)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(64)
    return sock


def warm_up() -> None:
    """Load the extractor's date, quantity and sentence pipelines now, so the first page is not the slow one."""
    from ..ingest.dates import find_dates
    from ..ingest.quantities import find_quantities
    from ..ingest.sentences import split_sentences

    sample = "On 12 March 2024, 400 soldiers arrived."
    find_dates(sample, None), find_quantities(sample), split_sentences(sample)


def serve(project: Project, *, host: str = "127.0.0.1", port: int = 8765, reviewer: str | None = None,
          allow_remote: bool = False, log=None) -> None:
    """Bind, say where, and serve the review page until interrupted."""
    import uvicorn

    log = log or (lambda message: print(message, flush=True))
    check_bind(host, allow_remote)
    name = actions.reviewer_name(reviewer, project.root)
    try:
        sock = bind(host, port)
    except OSError as error:
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror}", parameter="--port") from None
    bound = sock.getsockname()[1]
    warm_up()
    app = create_app(project, name, Guard(host, bound))
    shown = f"[{host}]" if ":" in host else host
    log(f"wbkg review: reviewing as {name}; open http://{shown}:{bound}/ (Ctrl-C stops)")
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
        print("wbkg review: stopped", file=sys.stderr, flush=True)


__all__ = ["create_app", "serve", "said", "ReviewApp"]
