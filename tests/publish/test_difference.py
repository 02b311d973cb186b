"""The merge sent as a difference (wbkg.publish.difference): only additions go as a POST; anything removed,
or a file out of order, sends the merge whole."""
from __future__ import annotations

from wbkg.publish.difference import additions, copy_path, keep
from wbkg.publish.graphs import default_graph


def nt(path, *subjects):
    path.write_bytes(b"".join(f"<urn:{s}> <urn:p> <urn:o> .\n".encode() for s in subjects))
    return path


def test_lines_only_in_the_new_merge_are_the_additions(tmp_path):
    old, new = nt(tmp_path / "old.nt", "b", "d"), nt(tmp_path / "new.nt", "a", "b", "c", "d", "e")
    assert additions(old, new) == b"".join(f"<urn:{s}> <urn:p> <urn:o> .\n".encode() for s in "ace")


def test_no_change_adds_nothing(tmp_path):
    old, new = nt(tmp_path / "old.nt", "a", "b"), nt(tmp_path / "new.nt", "a", "b")
    assert additions(old, new) == b""


def test_a_removed_line_means_the_whole_merge(tmp_path):
    assert additions(nt(tmp_path / "old.nt", "a", "b"), nt(tmp_path / "new.nt", "a", "c")) is None
    assert additions(nt(tmp_path / "old2.nt", "a", "z"), nt(tmp_path / "new2.nt", "a")) is None


def test_a_file_out_of_order_means_the_whole_merge(tmp_path):
    assert additions(nt(tmp_path / "old.nt", "a", "c"), nt(tmp_path / "new.nt", "c", "a", "d")) is None


def test_the_kept_merge_is_the_last_published_one_only(tmp_path):
    record = tmp_path / "publish" / "abc.jsonl"
    record.parent.mkdir()
    first = default_graph(nt(tmp_path / "one.nt", "a"))
    keep(record, first)
    assert copy_path(record, first.sha256).read_bytes() == (tmp_path / "one.nt").read_bytes()
    second = default_graph(nt(tmp_path / "two.nt", "a", "b"))
    keep(record, second)
    assert sorted(p.name for p in record.parent.iterdir()) == [copy_path(record, second.sha256).name]
