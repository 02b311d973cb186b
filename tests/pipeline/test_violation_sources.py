"""A fact without evidence, a dangling reference and an entity the article never names are reported with the
file and line where the node at fault is written and the fix the query's header gives (pipeline/sources.py,
report.py), as a SHACL violation or a failing quote is."""
from __future__ import annotations

import pytest

from wbkg.pipeline import build
from wbkg.query.stored import stored_queries

STEM = "000_85f3084a00737124"
NODE = "https://w3id.org/wbkg/id/kfor-extension-2025"
ANNOUNCEMENT = "https://w3id.org/wbkg/id/announcement-kfor-extension-2025"
FILE = f"graph/articles/{STEM}.ttl"


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line_with(text: str, fragment: str) -> int:
    [number] = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    return number


@pytest.fixture(scope="module")
def broken(project, tmp_path_factory, copy_of_project):
    """The seed corpus with three faults in one article graph, built once."""
    copy = copy_of_project(tmp_path_factory.mktemp("violations") / "project")
    graph = copy.article_graph_file(STEM)
    assert "vulin" not in copy.article_text_file(STEM).read_text(encoding="utf-8").lower()
    text = graph.read_text(encoding="utf-8")
    text = edit(text, "    wbkg:status wbkg:Announced ;\n",
                "    wbkg:status wbkg:Announced ;\n    wbkg:condition \"nothing in the article says this\"@en ;\n")
    text = edit(text, "wbkg:occasion id:london-western-balkans-summit-2025 .",
                "wbkg:occasion id:london-western-balkans-summitt-2025 .")
    text = edit(text, "    wbkg:concerns id:kfor ;\n", "    wbkg:concerns id:kfor, id:aleksandar-vulin ;\n")
    graph.write_text(text, encoding="utf-8")
    result = build(copy, reason=False, progress=False)
    assert not result.ok
    return copy, result, text


def test_each_failing_query_names_file_and_line(broken):
    copy, result, text = broken
    sources = result.checks.violation_sources
    condition = line_with(text, "wbkg:condition \"nothing")
    assert f"{FILE}:{condition}: {NODE} https://w3id.org/wbkg/ontology#condition" \
        in sources["unsupported-fact-violation"]
    occasion = line_with(text, "summitt-2025")
    assert sources["dangling-reference-violation"] == [
        f"{FILE}:{occasion}: {ANNOUNCEMENT} https://w3id.org/wbkg/id/london-western-balkans-summitt-2025"]
    assert sources["entity-without-mention-violation"] == [
        f"{FILE}:{line_with(text, 'id:aleksandar-vulin')}: https://w3id.org/wbkg/id/aleksandar-vulin"]


def test_the_report_shows_where_and_the_fix_under_each_query(broken, project):
    copy, result, text = broken
    report = (copy.build_dir / "check-report.txt").read_text(encoding="utf-8")
    queries = stored_queries(project.queries_dir)
    for name in ("unsupported-fact-violation", "dangling-reference-violation", "entity-without-mention-violation"):
        sources = result.checks.violation_sources[name]
        block = "  written at:\n" + "".join(f"    {line}\n" for line in sources) + f"  fix: {queries[name].fix}\n"
        assert block in report, name


def test_every_violation_query_says_how_to_fix_it(project):
    queries = [q for q in stored_queries(project.queries_dir).values() if q.is_violation_check]
    assert queries
    assert [q.name for q in queries if not q.fix] == []
    for q in queries:
        assert set(q.written_at) <= set(q.columns), q.name
