"""What keeps the review page (`wbkg review --serve`) from being driven by anyone but the person at the
browser, since unlike `wbkg serve` it writes files (docs/review.md, "In the browser"):

- it binds a loopback address unless told otherwise (``check_bind``);
- the Host header must name the bound address (a DNS-rebinding page cannot read or post through it): 400;
- a write is a POST whose Origin (else Referer) is the server's own origin: 403;
- and carries the CSRF token of its session (an HMAC of the session cookie under a per-process key,
  compared in constant time): 403;
- every answer carries a CSP without scripts, frame-ancestors 'none', nosniff and no-store.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..errors import UsageError

SESSION_COOKIE = "wbkg_review_session"
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"x-frame-options", b"DENY"), (b"referrer-policy", b"same-origin"), (b"cache-control", b"no-store"),
           (b"cross-origin-opener-policy", b"same-origin"), (b"cross-origin-resource-policy", b"same-origin")]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, allow_remote: bool) -> None:
    """Refuse a non-loopback address unless asked for explicitly: anyone who reaches the port can write."""
    if not is_loopback(host) and not allow_remote:
        raise UsageError(f"{host!r} is not a loopback address: the review page writes files, so it listens on "
                         "127.0.0.1 unless --allow-remote-host says otherwise", parameter="--host")


@dataclass
class Guard:
    """The bound address and this process's secret: which Host headers and origins are ours, and the CSRF
    token of a session."""
    host: str
    port: int
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    @property
    def hosts(self) -> frozenset[str]:
        name = f"[{self.host}]" if ":" in self.host else self.host
        names = {name}
        if is_loopback(self.host):
            names |= {"127.0.0.1", "localhost"} if ":" not in self.host else {"[::1]", "localhost"}
        return frozenset(f"{n}:{self.port}" for n in names)

    def host_ok(self, header: str | None) -> bool:
        return header is not None and header.lower() in self.hosts

    def origin_ok(self, host: str, origin: str | None, referer: str | None) -> bool:
        """The Origin header, else the Referer's origin, is http://<the Host we accepted>."""
        ours = f"http://{host.lower()}"
        if origin is not None:
            return origin.lower() == ours
        if referer:
            parts = urlsplit(referer)
            return f"{parts.scheme}://{parts.netloc}".lower() == ours
        return False

    def token(self, session: str) -> str:
        return hmac.new(self.key, session.encode(), hashlib.sha256).hexdigest()

    def token_ok(self, session: str | None, token: str | None) -> bool:
        if not session or not token:
            return False
        return hmac.compare_digest(self.token(session).encode(), token.encode())


def new_session() -> str:
    return secrets.token_urlsafe(32)


class Headers:
    """Pure ASGI middleware: the Host check before anything else, and the security headers on every answer."""

    def __init__(self, app, guard: Guard):
        self.app = app
        self.guard = guard

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        host = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"host"), None)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": list(message.get("headers", [])) + HEADERS}
            await send(message)
        if not self.guard.host_ok(host):
            body = b"bad Host header: this review server answers only to its own address\n"
            await send_with_headers({"type": "http.response.start", "status": 400, "headers": [
                (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
            return await send({"type": "http.response.body", "body": body})
        return await self.app(scope, receive, send_with_headers)


__all__ = ["Guard", "Headers", "check_bind", "is_loopback", "new_session", "SESSION_COOKIE", "CSP"]
