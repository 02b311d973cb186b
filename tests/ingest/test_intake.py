"""The intake of `wbkg ingest` (library level): every refusal names the file and byte offset or rule and writes
nothing; ids; publication dates from the option (with its precision) or the text; metadata; atomicity. All on
invented article texts."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
import rdflib.namespace as namespace

from wbkg.errors import InputError, UsageError
from wbkg.ingest import run as run_module
from wbkg.ingest.intake import MAX_BYTES, suggested_id
from wbkg.ingest.metadata import headline_of, published_in_text
from wbkg.ingest.run import ingest
from wbkg.rdfio import parse_turtle
from wbkg.vocab.namespaces import ARTICLE, ID, SCHEMA, WBKG

DATE, YEAR_MONTH, YEAR = (str(namespace.XSD.date), str(namespace.XSD.gYearMonth), str(namespace.XSD.gYear))

PATROL = """# Engineers from Britain join a Kosovo bridge project

Published 14 March 2024

The UK will send around 200 troops to Kosovo this spring.

Mark Lancaster said that the bridge would open next year.
"""
OTHER = """Montenegro hosts a NATO exercise

Some 40 soldiers from Albania took part in the drill, James Heappey said on Friday.
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def snapshot(project) -> dict[str, bytes]:
    """Every file under corpus/ and graph/, with its bytes."""
    return {str(p.relative_to(project.root)): p.read_bytes()
            for part in ("corpus", "graph") for p in sorted((project.root / part).rglob("*")) if p.is_file()}


def test_ingest_copies_the_text_and_appends_metadata(project_copy, tmp_path):
    source = write(tmp_path / "in", "bridge_2024.txt", PATROL)
    before = project_copy.corpus_metadata_file.read_text(encoding="utf-8")
    result = ingest(project_copy, [source])
    assert [a.stem for a in result.articles] == ["bridge_2024"]
    assert project_copy.article_text_file("bridge_2024").read_bytes() == source.read_bytes()
    after = project_copy.corpus_metadata_file.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # the hand-written file, comments included, is kept
    metadata = parse_turtle(project_copy.corpus_metadata_file)
    article = ARTICLE["bridge_2024"]
    assert metadata.value(article, SCHEMA.name) == Literal("Engineers from Britain join a Kosovo bridge project",
                                                           lang="en")
    assert metadata.value(article, SCHEMA.datePublished) == Literal("2024-03-14", datatype=DATE)
    assert metadata.value(article, WBKG.textFile) == Literal("bridge_2024.txt")
    source_note = str(metadata.value(article, WBKG.metadataSource))
    assert "title: the headline, line 1 of the text" in source_note
    assert "publication date: read from the text, line 3 'Published 14 March 2024'" in source_note
    assert project_copy.draft_file("bridge_2024").is_file()


@pytest.mark.parametrize("option, lexical, datatype", [
    ("2021-03-19", "2021-03-19", DATE), ("2021-03", "2021-03", YEAR_MONTH), ("2021", "2021", YEAR)])
def test_published_option_keeps_its_precision(project_copy, tmp_path, option, lexical, datatype):
    source = write(tmp_path / "in", "exercise.txt", OTHER)
    ingest(project_copy, [source], published=option, title="A drill", publisher="GOV.UK",
           url="https://example.org/drill")
    metadata = parse_turtle(project_copy.corpus_metadata_file)
    article = ARTICLE["exercise"]
    assert metadata.value(article, SCHEMA.datePublished) == Literal(lexical, datatype=datatype)
    assert metadata.value(article, WBKG.publisher) == ID["gov-uk"]
    assert str(metadata.value(article, SCHEMA.url)) == "https://example.org/drill"
    assert f"publication date: --published {lexical}" in str(metadata.value(article, WBKG.metadataSource))


def test_unknown_publisher_is_kept_as_a_name(project_copy, tmp_path):
    source = write(tmp_path / "in", "exercise.txt", OTHER)
    ingest(project_copy, [source], publisher="The Balkan Herald")
    metadata = parse_turtle(project_copy.corpus_metadata_file)
    assert metadata.value(ARTICLE["exercise"], WBKG.publisherName) == Literal("The Balkan Herald")
    assert metadata.value(ARTICLE["exercise"], WBKG.publisher) is None


def test_without_any_date_the_article_has_none(project_copy, tmp_path):
    source = write(tmp_path / "in", "exercise.txt", OTHER)
    result = ingest(project_copy, [source])
    assert result.articles[0].metadata.published is None
    metadata = parse_turtle(project_copy.corpus_metadata_file)
    assert metadata.value(ARTICLE["exercise"], SCHEMA.datePublished) is None
    # "on Friday" stays unresolved, so the statement carries no date
    assert "wbkg:date" not in project_copy.draft_file("exercise").read_text(encoding="utf-8")


def test_bad_published_option_is_a_usage_error(project_copy, tmp_path):
    source = write(tmp_path / "in", "exercise.txt", OTHER)
    with pytest.raises(UsageError) as error:
        ingest(project_copy, [source], published="19/03/2021")
    assert error.value.parameter == "--published"


def test_headline_and_published_line_are_read_from_the_text():
    assert headline_of("\n\n## Troops arrive in Pristina\n\nText.") == ("Troops arrive in Pristina", 3)
    assert headline_of("The minister arrived in Pristina on Monday.\nMore.") is None
    date, line, number = published_in_text("Title\n\nUpdated: 3 March 2020\n\nBody.")
    assert (date.lexical, date.precision, line, number) == ("2020-03-03", "day", "Updated: 3 March 2020", 3)
    assert published_in_text("Title\nPublished in March 2019 by the ministry")[0].lexical == "2019-03"
    assert published_in_text("The report was published last year.") is None


@pytest.mark.parametrize("content, message", [
    (b"", "empty: no text to ingest"),
    (b"  \n\t\n", "empty: only white space"),
    (b"Troops\x00arrived", "binary, not text: NUL byte at byte offset 6"),
    (b"Troops \x1b[1m arrived", "binary, not text: control character U+001B at byte offset 7"),
    ("Pristina \u2013 troops".encode("utf-8") + b"\xff more", "not UTF-8: byte 0xff at byte offset 19 (line 1)"),
])
def test_bad_files_are_refused_and_nothing_is_written(project_copy, tmp_path, content, message):
    good = write(tmp_path / "in", "a_good.txt", OTHER)
    bad = write(tmp_path / "in", "b_bad.txt", content)
    before = snapshot(project_copy)
    with pytest.raises(InputError) as error:
        ingest(project_copy, [good, bad])
    assert error.value.path == bad
    assert message in str(error.value) and "nothing written" in str(error.value)
    assert snapshot(project_copy) == before


def test_too_large_file_is_refused(project_copy, tmp_path):
    big = write(tmp_path / "in", "big.txt", b"troops " * (MAX_BYTES // 7 + 1))
    before = snapshot(project_copy)
    with pytest.raises(InputError, match=r"too large: 1,000,\d+ bytes; the limit is 1,000,000 bytes"):
        ingest(project_copy, [big])
    assert snapshot(project_copy) == before


def test_same_text_twice_is_refused_naming_the_existing_article(project_copy, tmp_path):
    seed = sorted(project_copy.corpus_dir.glob("*.txt"))[2]
    copy = write(tmp_path / "in", "again.txt", seed.read_bytes())
    before = snapshot(project_copy)
    with pytest.raises(InputError, match=f"already in the corpus as article {seed.stem}"):
        ingest(project_copy, [copy])
    assert snapshot(project_copy) == before
    first = write(tmp_path / "in2", "first.txt", OTHER)
    ingest(project_copy, [first])
    with pytest.raises(InputError, match="already in the corpus as article first"):
        ingest(project_copy, [write(tmp_path / "in3", "second.txt", OTHER)])


def test_ids(project_copy, tmp_path):
    seed_stem = sorted(project_copy.corpus_dir.glob("*.txt"))[0].stem
    source = write(tmp_path / "in", "news item.txt", OTHER)
    with pytest.raises(InputError, match=r"article id 'news item' is not allowed: .*letters, digits, '_' and '-'.*"
                                         r"try --id news_item"):
        ingest(project_copy, [source])
    with pytest.raises(UsageError, match="try --id Pristina_visit") as error:
        ingest(project_copy, [source], article_id="Priština visit")
    assert error.value.parameter == "--id"
    with pytest.raises(InputError, match=f"article id '{seed_stem}' is already used"):
        ingest(project_copy, [source], article_id=seed_stem)
    result = ingest(project_copy, [source], article_id="news-item_1")
    assert result.articles[0].stem == "news-item_1"
    other = write(tmp_path / "in", "other.txt", PATROL)
    with pytest.raises(InputError, match="gives the same IRI slug as article 'news-item_1'"):
        ingest(project_copy, [other], article_id="news_item-1")
    with pytest.raises(UsageError, match="--id names one article, but 2 files were given"):
        ingest(project_copy, [source, other], article_id="x")
    assert suggested_id("Ça va? 2024") == "Ca_va_2024"


def test_folder_stops_at_the_first_bad_file_or_keeps_going(project_copy, tmp_path):
    folder = tmp_path / "folder"
    write(folder, "a_patrol.txt", PATROL)
    write(folder, "b_broken.txt", b"\xc3\x28 broken")
    write(folder, "c_exercise.txt", OTHER)
    write(folder, "c_empty.txt", b"")
    write(folder, "notes.md", "not a .txt: ignored")
    before = snapshot(project_copy)
    with pytest.raises(InputError) as error:
        ingest(project_copy, [folder])
    assert error.value.path == folder / "b_broken.txt" and "(2 files refused)" in str(error.value)
    assert snapshot(project_copy) == before
    result = ingest(project_copy, [folder], keep_going=True)
    assert [a.stem for a in result.articles] == ["a_patrol", "c_exercise"]
    assert [r.path.name for r in result.refusals] == ["b_broken.txt", "c_empty.txt"]
    assert "byte offset 0" in str(result.refusals[0])
    assert project_copy.article_text_file("c_exercise").is_file()
    assert not project_copy.article_text_file("b_broken").exists()


def test_failure_mid_way_leaves_the_project_as_it_was(project_copy, tmp_path, monkeypatch):
    folder = tmp_path / "folder"
    for n in range(3):
        write(folder, f"story_{n}.txt", PATROL.replace("200", str(300 + n)))
    before = snapshot(project_copy)
    real = run_module._draft_one
    calls = []

    def failing(work):
        calls.append(work[0])
        if len(calls) == 3:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C while the third article was drafted
        return real(work)

    monkeypatch.setattr(run_module, "_draft_one", failing)
    with pytest.raises(KeyboardInterrupt):
        ingest(project_copy, [folder], jobs=1)
    assert calls == ["story_0", "story_1", "story_2"]
    assert snapshot(project_copy) == before
    assert not list(project_copy.corpus_dir.glob(".*.tmp")) and not list(project_copy.graph_dir.rglob(".*.tmp"))


def test_metadata_is_written_once_per_run(project_copy, tmp_path, monkeypatch):
    folder = tmp_path / "folder"
    for n in range(4):
        write(folder, f"story_{n}.txt", PATROL.replace("200", str(300 + n)))
    writes = []
    real = run_module.append_metadata
    monkeypatch.setattr(run_module, "append_metadata", lambda project, metas: writes.append(len(metas)) or
                        real(project, metas))
    ingest(project_copy, [folder])
    assert writes == [4]
    metadata = parse_turtle(project_copy.corpus_metadata_file)
    assert {str(s) for s in metadata.subjects(None, WBKG.Article)} >= {str(ARTICLE[f"story_{n}"]) for n in range(4)}
    assert URIRef(ARTICLE["story_3"]) in set(metadata.subjects())


def test_an_id_that_names_a_shared_graph_is_refused():
    from wbkg.errors import UsageError
    from wbkg.ingest.intake import RESERVED_IDS, check_id
    assert {"entities", "corpus", "drafts"} <= RESERVED_IDS
    for name in ("entities", "Drafts", "schema-view", "entailments"):
        with pytest.raises(UsageError) as error:
            check_id(name, parameter="--id")
        assert "names a shared graph" in str(error.value) and "-article" in str(error.value)
    check_id("entities-2024")  # only the exact names are taken
