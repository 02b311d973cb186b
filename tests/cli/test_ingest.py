"""`wbkg ingest` on the command line: the report, exit codes (0 ok; 2 a refusal, nothing written; 2 with
--keep-going when any file was refused, the others ingested), messages naming the file and byte offset."""
from __future__ import annotations

from click.testing import CliRunner

from wbkg.cli import main

STORY = """# UK trainers arrive in Skopje

Published 2 February 2023

About 60 troops arrived in North Macedonia on Wednesday.

James Heappey said on Thursday that the team would stay.
"""


def invoke(project, *args):
    return CliRunner().invoke(main, ["--root", str(project.root), "ingest", *args],
                                              catch_exceptions=False)


def test_ingest_reports_what_it_drafted(project_copy, tmp_path):
    source = tmp_path / "skopje_trainers.txt"
    source.write_text(STORY, encoding="utf-8")
    result = invoke(project_copy, str(source))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "article skopje_trainers" in out and "'UK trainers arrive in Skopje'" in out
    assert "published: 2023-02-02 (day)" in out
    assert "drafted: 1 events, 1 quantities, 1 statements; found" in out  # the headline is a visit
    assert "new entities proposed: none" in out
    assert "visit at 75 ('arrived in'): missing visitor" in out  # "About 60 troops arrived": no one named
    assert "id:north-macedonia 'North Macedonia'" in out  # named, used by no fact
    assert "sentences with no extracted fact (1):" in out and "'Published 2 February 2023'" in out
    draft = project_copy.draft_file("skopje_trainers").read_text(encoding="utf-8")
    assert "id:statement-james-heappey-skopje-trainers-1 a wbkg:Statement" in draft
    assert 'wbkg:date "2023-02-02"^^xsd:date' in draft  # "said on Thursday": 2 February 2023 was a Thursday
    again = invoke(project_copy, str(source), "--id", "skopje_again")
    assert again.exit_code == 2
    assert f"{source}: already in the corpus as article skopje_trainers" in again.stderr


def test_refusal_exits_2_naming_file_and_offset(project_copy, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Peć and Đakovica".encode("cp1250"))
    before = project_copy.corpus_metadata_file.read_bytes()
    result = invoke(project_copy, str(bad))
    assert result.exit_code == 2
    assert f"{bad}: not UTF-8: byte 0xe6 at byte offset 2" in result.stderr
    assert project_copy.corpus_metadata_file.read_bytes() == before
    assert not project_copy.article_text_file("latin1").exists()


def test_keep_going_ingests_the_rest_and_exits_2(project_copy, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a_story.txt").write_text(STORY, encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    result = invoke(project_copy, str(folder), "--keep-going", "--published", "2023-02")
    assert result.exit_code == 2
    assert "ingested 1 article" in result.stdout and "published: 2023-02 (month)" in result.stdout
    assert "refused 1 file (not ingested):" in result.stdout and "b_empty.txt: empty: no text to ingest" in result.stdout
    assert project_copy.article_text_file("a_story").read_text(encoding="utf-8") == STORY


def test_usage_errors(project_copy, tmp_path):
    source = tmp_path / "x.txt"
    source.write_text(STORY, encoding="utf-8")
    other = tmp_path / "y.txt"
    other.write_text(STORY.replace("60", "70"), encoding="utf-8")
    result = invoke(project_copy, str(source), str(other), "--title", "One title")
    assert result.exit_code == 2 and "--title describes one article, but 2 files were given" in result.stderr
    result = invoke(project_copy, str(source), "--published", "March 2021")
    assert result.exit_code == 2 and "--published 'March 2021'" in result.stderr
    result = invoke(project_copy, str(tmp_path / "missing.txt"))
    assert result.exit_code == 2 and "no such file or folder" in result.stderr
