"""`wbkg review --serve` in headless Chromium and over raw HTTP: a reviewer accepts, rejects and corrects facts
of an ingested invented article and the same files change as with the terminal (and the build passes); the
locks hold (CSRF, Origin, Host, ids never used as paths), HTML in an article stays text, and axe-core finds
no serious or critical violation. The screenshot is kept in the test's folder; with --update-golden it
replaces docs/images/review-page.png (docs/review.md)."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import XSD

import wbkg
from wbkg.cli import main
from wbkg.ingest.run import ingest
from wbkg.pipeline import build
from wbkg.project import Project
from wbkg.review.guard import Guard, check_bind
from wbkg.vocab.namespaces import ID, WBKG

pytestmark = pytest.mark.slow  # ingests, serves, drives a browser, builds

SRC = Path(wbkg.__file__).resolve().parents[1]
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "ingest" / "examples" / "kfor_2024.txt"
STEM = "kfor_2024"
HOSTILE = "hostile_html"
HOSTILE_TEXT = """<b>Bold</b> claims & "quotes" about Skopje

Published 2 May 2024

Defence Secretary Marta Lindqvist visited Skopje on Monday. The text printed <script>alert("wbkg")</script> and <img src=x onerror=alert(1)> as it was.
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory, copy_of_project) -> Project:
    project = copy_of_project(tmp_path_factory.mktemp("review-web") / "project")
    news = tmp_path_factory.mktemp("news")
    shutil.copy(EXAMPLE, news / f"{STEM}.txt")
    (news / f"{HOSTILE}.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    ingest(project, [news / f"{STEM}.txt", news / f"{HOSTILE}.txt"])
    return project


@pytest.fixture
def proj(template, tmp_path) -> Project:
    target = tmp_path / "project"
    shutil.copytree(template.root, target, ignore=shutil.ignore_patterns("build"))
    return Project(target)


class ReviewServer:
    """`wbkg review --serve --port 0` as a subprocess: ready once it prints the address it listens on (the
    socket is bound and listening before that line is written)."""

    def __init__(self, root: Path):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(SRC)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
        self.process = subprocess.Popen(
            [sys.executable, "-m", "wbkg.cli", "--root", str(root), "review", "--serve", "--port", "0",
             "--reviewer", "Web Reviewer"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=env, cwd=str(root), text=True)
        line = self.process.stdout.readline()
        found = re.search(r"open (http://127\.0\.0\.1:(\d+))/", line)
        if not found:
            self.stop()
            raise RuntimeError(f"wbkg review --serve did not start: {line}{self.process.stdout.read()}")
        self.url, self.port = found.group(1), int(found.group(2))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process.stdout.close()


@pytest.fixture
def server(proj):
    running = ReviewServer(proj.root)
    yield running
    running.stop()


@pytest.fixture
def page(browser, server):
    """A page whose every request is recorded (none may leave the server's origin) and whose dialogs are
    recorded (an article's <script> must never run). CSP is bypassed only so that axe can be injected."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(60_000)   # bounds on waiting for a condition, generous for a loaded machine
    from playwright.sync_api import expect
    expect.set_options(timeout=60_000)
    page.requests, page.dialogs = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']}, {len(v['nodes'])} nodes"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def turtle(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def tree_digest(project: Project) -> str:
    """Every file under graph/ and corpus/, by path and content: whether a request wrote anything."""
    digest = hashlib.sha256()
    for path in sorted(p for part in ("graph", "corpus") for p in (project.root / part).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(project.root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_accept_reject_correct_in_the_browser_and_the_build_passes(proj, server, page, checkout, tmp_path, request):
    from playwright.sync_api import expect

    page.goto(server.url + "/")
    assert serious_violations(page) == []
    page.get_by_role("link", name=STEM).click()
    expect(page.get_by_role("heading", name="UK troops to stay in Kosovo peacekeeping mission")).to_be_visible()
    assert serious_violations(page) == []
    page.screenshot(path=str(tmp_path / "review-page.png"))
    assert (tmp_path / "review-page.png").stat().st_size > 10_000
    if request.config.getoption("--update-golden"):  # the picture in docs/review.md: never rewritten otherwise
        images = checkout.root / "docs" / "images"
        images.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / "review-page.png", images / "review-page.png")

    date_mark = page.locator(".article-text mark.h-date").first
    coloured = date_mark.evaluate("e => getComputedStyle(e).backgroundColor")
    page.get_by_label("date", exact=True).uncheck()   # the legend switches a kind off
    assert date_mark.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)" != coloured
    page.get_by_label("date", exact=True).check()
    assert date_mark.evaluate("e => getComputedStyle(e).backgroundColor") == coloured

    page.get_by_role("button", name="Accept statement-marta-lindqvist-1").click()
    expect(page.locator("#outcome")).to_contain_text("accepted 1: statement-marta-lindqvist-1")
    expect(page.locator("#outcome")).to_contain_text("with the proposals they refer to: marta-lindqvist")
    assert page.url == f"{server.url}/article/{STEM}"
    article = turtle(proj.article_graph_file(STEM))
    statement = ID["statement-marta-lindqvist-kfor-2024-1"]
    assert article.value(statement, WBKG.text) == Literal("The UK will stay in KFOR until at least 2026", lang="en")
    assert Literal("Web Reviewer") in set(article.objects(None, WBKG.reviewedBy))
    assert statement not in set(turtle(proj.draft_file(STEM)).subjects())
    expect(page.locator("#fact-statement-marta-lindqvist-1")).to_have_count(0)

    page.get_by_label("Why").and_(page.locator("#why-quantity-soldiers-1")).fill("British soldiers only, not KFOR's")
    page.get_by_role("button", name="Reject quantity-soldiers-1").click()
    expect(page.locator("#outcome")).to_contain_text("rejected 1: quantity-soldiers-1")
    record = turtle(proj.rejected_file(STEM))
    evidence = record.value(None, WBKG.supports, ID["quantity-soldiers-kfor-2024-1"])
    assert record.value(evidence, WBKG.reviewStatus) == WBKG.Discarded
    assert record.value(evidence, WBKG.reviewNote) == Literal("British soldiers only, not KFOR's", lang="en")

    page.locator("#fact-visit-1 summary").click()
    page.locator("#month-visit-1-date").select_option(label="March")
    page.locator("#day-visit-1-date").fill("")
    page.get_by_role("button", name="Set date of visit-1").click()
    expect(page.locator("#outcome")).to_contain_text("visit-1: date 2024-03-12 (day) -> 2024-03 (month)")
    draft = turtle(proj.draft_file(STEM))
    assert draft.value(ID["visit-kfor-2024-1"], WBKG.date) == Literal("2024-03", datatype=XSD.gYearMonth)

    page.locator("#fact-dragan-petrovic summary").click()
    page.locator("#entity-dragan-petrovic").select_option("id:aleksandar-vulin")
    page.get_by_role("button", name="Link dragan-petrovic").click()
    expect(page.locator("#outcome")).to_contain_text("dragan-petrovic ('Dragan Petrovic') is <https://w3id.org/wbkg/id/aleksandar-vulin>")
    draft = turtle(proj.draft_file(STEM))
    assert draft.value(ID["statement-dragan-petrovic-kfor-2024-1"], WBKG.speaker) == ID["aleksandar-vulin"]

    page.get_by_role("button", name=re.compile(r"^Accept all")).click()
    expect(page.locator("#outcome")).to_contain_text("removed: nothing left")
    assert page.url == server.url + "/" and not proj.draft_file(STEM).exists()
    assert all(url.startswith(server.url + "/") for url in page.requests), page.requests
    result = build(proj)
    assert result.ok, result.checks.render()


def test_html_in_the_article_is_shown_as_text(server, page):
    from playwright.sync_api import expect

    page.goto(f"{server.url}/article/{HOSTILE}")
    expect(page.get_by_role("heading", level=1)).to_have_text('<b>Bold</b> claims & "quotes" about Skopje')
    text = page.locator(".article-text")
    expect(text).to_contain_text('<script>alert("wbkg")</script> and <img src=x onerror=alert(1)>')
    assert text.locator("script, img, b").count() == 0 and page.locator("h1 b").count() == 0
    assert page.dialogs == []
    assert serious_violations(page) == []


def token_of(client: httpx.Client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200
    return re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text).group(1)


def test_writes_without_token_origin_or_known_ids_are_refused_and_write_nothing(proj, server):
    article = f"{server.url}/article/{STEM}"
    with httpx.Client(timeout=120) as client:
        token = token_of(client, article)
        ours = {"Origin": server.url}
        before = tree_digest(proj)

        def post(path, data, headers=ours):
            return client.post(f"{server.url}{path}", data=data, headers=headers)
        accept = {"csrf": token, "fact": "visit-1"}
        assert post(f"/article/{STEM}/accept", {"fact": "visit-1"}).status_code == 403
        assert post(f"/article/{STEM}/accept", {**accept, "csrf": "0" * 64}).status_code == 403
        assert post(f"/article/{STEM}/accept", accept, {"Origin": "http://evil.example"}).status_code == 403
        assert post(f"/article/{STEM}/accept", accept, {"Origin": "null"}).status_code == 403
        assert post(f"/article/{STEM}/accept", accept, {"Referer": "http://evil.example/x"}).status_code == 403
        assert post(f"/article/{STEM}/accept", accept, {}).status_code == 403  # neither Origin nor Referer
        forged = {**ours, "Host": "evil.example"}
        assert post(f"/article/{STEM}/accept", accept, forged).status_code == 400
        assert client.get(f"{server.url}/", headers={"Host": f"rebound.example:{server.port}"}).status_code == 400
        assert post("/article/no_such_article/accept", accept).status_code == 404
        assert post("/article/..%2F..%2Fgraph%2Fentities/accept", accept).status_code == 404
        assert post(f"/article/{STEM}/accept", {**accept, "fact": "no-such-fact"}).status_code == 404
        assert post(f"/article/{STEM}/reject", {**accept, "fact": "../entities"}).status_code == 404
        assert post(f"/article/{STEM}/delete", accept).status_code == 404
        assert client.get(f"{server.url}/article/{STEM}/accept").status_code == 405  # a write is a POST
        assert client.get(f"{server.url}/article/no_such_article").status_code == 404
        with httpx.Client(timeout=120) as stranger:   # another session's token is not this session's
            assert stranger.post(f"{server.url}/article/{STEM}/accept", data=accept, headers=ours).status_code == 403
        assert tree_digest(proj) == before

        done = post(f"/article/{STEM}/accept", accept)   # the same request with all it needs goes through
        assert done.status_code == 303 and done.headers["location"] == f"/article/{STEM}"
        assert tree_digest(proj) != before
        assert ID["visit-kfor-2024-1"] in set(turtle(proj.article_graph_file(STEM)).subjects())


def test_every_answer_carries_the_security_headers(server):
    answer = httpx.get(f"{server.url}/article/{STEM}", timeout=120)
    csp = answer.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "form-action 'self'" in csp
    assert "script-src" not in csp and "unsafe-inline" not in csp   # no script may run at all
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "<script" not in answer.text
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    refused = httpx.get(f"{server.url}/", headers={"Host": "evil.example"}, timeout=120)
    assert refused.status_code == 400 and refused.headers["content-security-policy"] == csp


def test_a_host_that_is_not_loopback_is_refused_unless_allowed(proj):
    result = CliRunner().invoke(main, ["--root", str(proj.root), "review", "--serve", "--host", "0.0.0.0",
                                       "--reviewer", "R"])
    assert result.exit_code == 2 and "not a loopback address" in result.output
    check_bind("0.0.0.0", allow_remote=True)
    for host in ("127.0.0.1", "::1", "localhost"):
        check_bind(host, allow_remote=False)
    guard = Guard("127.0.0.1", 8765)
    assert guard.host_ok("127.0.0.1:8765") and guard.host_ok("localhost:8765")
    assert not guard.host_ok("127.0.0.1:8766") and not guard.host_ok("evil.example:8765") and not guard.host_ok(None)
    assert guard.origin_ok("127.0.0.1:8765", "http://127.0.0.1:8765", None)
    assert not guard.origin_ok("127.0.0.1:8765", "https://127.0.0.1:8765", None)
    assert guard.token_ok("s", guard.token("s")) and not guard.token_ok("t", guard.token("s"))


def test_the_templates_are_package_data():
    """An installed wbkg (not this checkout) must find the page's templates and stylesheet."""
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parents[2]
    patterns = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["wbkg"]
    package = root / "src" / "wbkg"
    files = [str(p.relative_to(package)) for p in (package / "review" / "templates").iterdir()]
    assert files and all(any(fnmatch.fnmatch(f, pat) for pat in patterns) for f in files), files
