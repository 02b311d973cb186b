"""From an unseen article to a draft the build checks and every reader sees, flagged as unreviewed: `wbkg
ingest`, `wbkg build`, then query, show, export and coverage (the server's side: tests/serve)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from wbkg.cli import main

pytestmark = pytest.mark.slow

# the invented example article of the README (docs/ingest/examples/)
ARTICLE = (Path(__file__).resolve().parents[2] / "docs" / "ingest" / "examples" / "kfor_2024.txt").read_text(
    encoding="utf-8")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, copy_of_project):
    project = copy_of_project(tmp_path_factory.mktemp("ingest") / "project")
    source = tmp_path_factory.mktemp("news") / "kfor_2024.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["--root", str(project.root), "ingest", str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    built = runner.invoke(main, ["--root", str(project.root), "build"], catch_exceptions=False)
    return project, result.output, built


def run(project, *args):
    return CliRunner().invoke(main, ["--root", str(project.root), *args], catch_exceptions=False)


def test_the_draft_passes_every_gate(ingested):
    project, report, built = ingested
    assert "published: 2024-03-14 (day)" in report
    assert built.exit_code == 0, built.output
    assert "verdict: PASS" in built.output
    stats = run(project, "stats")
    assert "drafts (not reviewed): 1" in stats.output


def test_queries_see_the_draft_only_on_request_and_flagged(ingested):
    project, _, _ = ingested
    holders = run(project, "query", "post-holders", "--format", "csv")
    assert "Lindqvist" not in holders.output
    with_drafts = run(project, "query", "post-holders", "--format", "csv", "--include-drafts")
    rows = [line for line in with_drafts.output.splitlines() if "Marta Lindqvist" in line]
    assert rows and all("kfor_2024" in row and "Defence Secretary" in row for row in rows)
    show = run(project, "show", "id:marta-lindqvist", "--include-drafts")
    assert show.exit_code == 0 and "DRAFT: not reviewed" in show.output
    assert "Defence Secretary Marta Lindqvist visited Pristina on Tuesday" in show.output


def test_exports_keep_drafts_apart(ingested):
    project, _, _ = ingested
    plain = run(project, "export", "--format", "nquads")
    assert "marta-lindqvist" not in plain.output
    with_drafts = run(project, "export", "--format", "nquads", "--include-drafts")
    lines = [line for line in with_drafts.output.splitlines() if "marta-lindqvist" in line]
    assert lines and all(line.endswith("<https://w3id.org/wbkg/graph/draft/kfor_2024> .") for line in lines)
    evidence = [line for line in with_drafts.output.splitlines()
                if "reviewStatus" in line and "kfor_2024" in line]
    assert evidence and all("ontology#Unreviewed>" in line for line in evidence)


def test_coverage_lists_the_sentences_ingest_could_not_place(ingested):
    project, report, _ = ingested
    coverage = run(project, "coverage", "--uncited")
    assert "draft/kfor_2024:" in coverage.output
    assert "'Published 14 March 2024'" in report and "Published 14 March 2024" in coverage.output
