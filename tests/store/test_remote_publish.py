"""`wbkg publish` against real stores: only what changed is sent (counted on the wire), a store stopped midway
gives a clear error and a rerun completes, Virtuoso's authenticated graph store takes the password from the
environment, and no credential is printed or written to build/."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from wbkg.cli import main
from wbkg.publish import PublishFailed, publish
from wbkg.publish.graphs import DEFAULT, named_graphs
from wbkg.synth import add_article

from remotekit import CountingTransport, client, publish_to

pytestmark = pytest.mark.slow
KINDS = ["oxigraph-server", "virtuoso"]



def blocks(project) -> dict[str, str]:
    return {p.graph: p.sha256 for p in named_graphs(project.build_dir / "wbkg.nq")}


@pytest.mark.parametrize("kind", KINDS)
def test_a_publish_after_one_more_article_sends_only_its_graphs(kind, fresh_store, built_copy):
    from wbkg.pipeline import build
    server = fresh_store(kind)
    first = publish_to(server, built_copy)
    assert first.verified > 8
    before = blocks(built_copy)
    add_article(built_copy.root, 3, 8, 8)
    assert build(built_copy, reason=False, progress=False).ok
    after = blocks(built_copy)
    changed = {g for g in after if before.get(g) != after[g]}
    # the new article's graph and the shared graphs it touched (corpus, entities, schema view, entailments)
    assert 1 <= len(changed) <= 5 < len(after)
    wire = CountingTransport()
    report = publish(built_copy, server.graph_store, endpoint=server.endpoint, client=client(wire, server.auth()),
                     **server.options)
    default = server.options.get("merge_graph", "default")
    # the merge only gained triples: they go as one POST (an RDF merge), not the whole merge as a PUT
    assert sorted(wire.writes()) == sorted([("PUT", g) for g in changed] + [("POST", default)])
    assert sorted(report.sent) == sorted(changed | {DEFAULT}) and report.verified == len(after) + 1
    assert 0 < report.difference < first.triples
    again = CountingTransport()
    publish(built_copy, server.graph_store, endpoint=server.endpoint, client=client(again, server.auth()),
            **server.options)
    assert again.writes() == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_merge_that_lost_triples_is_sent_whole(kind, fresh_store, built_copy):
    """The store holds a triple the new merge lacks (here: written into the kept copy of what was published):
    the Graph Store Protocol cannot remove some triples of a graph, so the merge goes as a PUT."""
    from wbkg.publish.record import record_path
    server = fresh_store(kind)
    publish_to(server, built_copy)
    path = record_path(built_copy, server.graph_store, server.options.get("merge_graph"), False)
    kept = next(path.parent.glob(f"{path.stem}.*.nt"))
    lines = kept.read_bytes().splitlines(keepends=True)
    extra = b"<https://w3id.org/wbkg/id/zz-gone> <https://w3id.org/wbkg/ontology#note> \"gone\" .\n"
    kept.unlink()   # a new file: the kept copy is a hard link to the build's export
    kept.write_bytes(b"".join(sorted(lines + [extra])))
    add_article(built_copy.root, 3, 8, 8)
    from wbkg.pipeline import build
    assert build(built_copy, reason=False, progress=False).ok
    wire = CountingTransport()
    report = publish(built_copy, server.graph_store, endpoint=server.endpoint, client=client(wire, server.auth()),
                     **server.options)
    default = server.options.get("merge_graph", "default")
    assert ("PUT", default) in wire.writes() and ("POST", default) not in wire.writes()
    assert report.difference is None and report.verified > 8


@pytest.mark.parametrize("kind", KINDS)
def test_a_store_stopped_midway_is_reported_and_a_rerun_completes(kind, fresh_store, built_copy):
    server = fresh_store(kind)
    puts = set()

    def stop_at_the_fourth_put(request):
        if request.method == "PUT":    # digest auth sends the first one twice: count graphs, not requests
            puts.add(str(request.url))
            if len(puts) == 4 and server.process is not None:
                server.stop()
    total = len(list(named_graphs(built_copy.build_dir / "wbkg.nq"))) + 1
    with pytest.raises(PublishFailed) as failed:
        publish(built_copy, server.graph_store, endpoint=server.endpoint, bulk=False,
                client=client(CountingTransport(stop_at_the_fourth_put), server.auth()), **server.options)
    message = str(failed.value)
    assert "did not answer" in message and f"Published 3 of {total} changed graphs" in message
    assert f"not published: {total - 3}" in message and "again" in message
    server.start()
    wire = CountingTransport()
    report = publish(built_copy, server.graph_store, endpoint=server.endpoint, client=client(wire, server.auth()),
                     **server.options)
    assert len(wire.writes()) == total - 3 and report.verified == total


def test_virtuoso_takes_the_password_from_the_environment_and_never_shows_it(virtuoso, built_copy, monkeypatch):
    secret = "not-the-password-3141"
    monkeypatch.setenv("WBKG_STORE_PASSWORD", secret)
    args = ["--root", str(built_copy.root), "publish", "--graph-store", virtuoso.graph_store,
            "--merge-graph", virtuoso.options["merge_graph"], "--user", "dba", "--password-env", "WBKG_STORE_PASSWORD"]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 2 and "HTTP 401" in refused.output and secret not in refused.output
    monkeypatch.setenv("WBKG_STORE_PASSWORD", virtuoso.password)
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    assert "verified" in done.output
    for path in (built_copy.build_dir / "publish").iterdir():
        assert secret not in path.read_text() and f'"{virtuoso.password}"' not in path.read_text()


def test_credentials_in_the_url_are_refused(built_copy):
    result = CliRunner().invoke(main, ["--root", str(built_copy.root), "publish",
                                       "--graph-store", "http://dba:dba@127.0.0.1:9/store"])
    assert result.exit_code == 2 and "--graph-store" in result.output and "dba:dba" not in result.output


def test_wbkg_query_on_a_remote_endpoint(seed_remote, built):
    server, _ = seed_remote
    args = ["--root", str(built.project.root), "query", "mission-contributors", "--param", "mission=id:kfor",
            "--endpoint", server.endpoint, "--format", "csv"]
    if server.options.get("merge_graph"):
        args += ["--merge-graph", server.options["merge_graph"]]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "https://w3id.org/wbkg/id/united-kingdom" in result.output
