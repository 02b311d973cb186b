"""The intake of `wbkg ingest`: which files, under which ids, and every refusal before anything is written
(docs/ingest/intake.md).

A FILE is a UTF-8 text file; a folder stands for every ``*.txt`` in it, sorted by name. The article id is the
file's stem (or ``--id`` for a single file): letters, digits, '_' and '-'. A file is refused, naming the file
and the byte offset or the rule, when it is empty, binary (a NUL or another control character), not UTF-8,
larger than MAX_BYTES, already in the corpus (same SHA-256) or named by an id already used (a text, metadata,
an article graph or a draft; or an id whose IRI slug another article has: "a_b" and "a-b" both give
"a-b").
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, UsageError
from ..project import Project
from .draft import slug

MAX_BYTES = 1_000_000  # a news article is 2-20 kB; a megabyte of text is a book or a mistake
ID_RULE = re.compile(r"^[A-Za-z0-9_-]+$")
ID_RULE_TEXT = "an article id is letters, digits, '_' and '-' (it names corpus/<id>.txt and the article's IRI)"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # tab, LF, FF and CR are text


@dataclass(frozen=True)
class Candidate:
    """A file that passed every check: its id, bytes, text and digest."""
    path: Path
    stem: str
    data: bytes
    text: str
    sha256: str


@dataclass(frozen=True)
class Refusal:
    path: Path
    error: InputError

    def __str__(self) -> str:
        return str(self.error)


def expand(paths: list[Path]) -> list[Path]:
    """The files to ingest: each FILE, and every ``*.txt`` of each folder (sorted); a folder without any is a
    usage error, as is a path that does not exist."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not found:
                raise UsageError(f"{path}: no .txt files in this folder", parameter="FILE")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder", parameter="FILE")
    return files


def suggested_id(stem: str) -> str:
    """An id that follows the rule: other characters become '_' (accents dropped first)."""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_stem).strip("_") or "article"


#: local names of the shared named graphs under https://w3id.org/wbkg/graph/ (vocab.namespaces)
RESERVED_IDS = frozenset({"ontology", "entities", "corpus", "schema-view", "entailments", "inferred", "drafts",
                          "draft"})


def check_id(article_id: str, parameter: str | None = None, path: Path | None = None) -> None:
    """Refuse an id that breaks the rule, or names one of the shared graphs (the article's graph would be
    https://w3id.org/wbkg/graph/<id>), with the rule and a suggested id."""
    if ID_RULE.match(article_id) and article_id.lower() not in RESERVED_IDS:
        return
    if article_id.lower() in RESERVED_IDS:
        message = (f"article id {article_id!r} is not allowed: it names a shared graph ({', '.join(sorted(RESERVED_IDS))}"
                   f" are reserved); try --id {article_id}-article")
    else:
        message = f"article id {article_id!r} is not allowed: {ID_RULE_TEXT}; try --id {suggested_id(article_id)}"
    if parameter:
        raise UsageError(message, parameter=parameter)
    raise InputError(message, path)


def decode(path: Path, data: bytes) -> str:
    """The text of a file, refused (naming the byte offset) when empty, binary, not UTF-8 or too large."""
    if len(data) > MAX_BYTES:
        raise InputError(f"too large: {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes (a news article is "
                         f"a few kB)", path)
    if not data.strip():
        raise InputError("empty: no text to ingest" if not data else "empty: only white space", path)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary, not text: NUL byte at byte offset {nul}", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start} (line {line}) "
                         f"cannot be decoded", path) from exc
    control = _CONTROL.search(text)
    if control:
        offset = len(text[:control.start()].encode("utf-8"))
        raise InputError(f"binary, not text: control character U+{ord(control.group()):04X} at byte offset "
                         f"{offset}", path)
    return text


class Known:
    """What the project already has: ids in use (and their IRI slugs) and the digests of the corpus texts."""

    def __init__(self, project: Project, described: set[str]):
        self.project = project
        self.ids: set[str] = set(described)
        for folder, pattern in ((project.corpus_dir, "*.txt"), (project.articles_graph_dir, "*.ttl"),
                                (project.drafts_dir, "*.ttl")):
            if folder.is_dir():
                self.ids.update(p.stem for p in folder.glob(pattern))
        self.slugs = {slug(i): i for i in sorted(self.ids)}
        self.digests: dict[str, str] = {}
        for path in sorted(project.corpus_dir.glob("*.txt")):
            self.digests.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path.stem)

    def claim(self, candidate: Candidate) -> None:
        """Refuse a text or id already in use (the project's or one earlier in this run); else record it."""
        existing = self.digests.get(candidate.sha256)
        if existing is not None:
            raise InputError(f"already in the corpus as article {existing} (same SHA-256 "
                             f"{candidate.sha256[:12]}...)", candidate.path)
        if candidate.stem in self.ids:
            raise InputError(f"article id {candidate.stem!r} is already used; choose another with --id",
                             candidate.path)
        other = self.slugs.get(slug(candidate.stem))
        if other is not None:
            raise InputError(f"article id {candidate.stem!r} gives the same IRI slug as article {other!r}; "
                             f"choose another with --id", candidate.path)
        self.digests[candidate.sha256] = candidate.stem
        self.ids.add(candidate.stem)
        self.slugs[slug(candidate.stem)] = candidate.stem


def validate(files: list[Path], known: Known, article_id: str | None = None
             ) -> tuple[list[Candidate], list[Refusal]]:
    """Every file checked before anything is written: the candidates and the refusals, in file order."""
    if article_id is not None and len(files) != 1:
        raise UsageError(f"--id names one article, but {len(files)} files were given", parameter="--id")
    if article_id is not None:
        check_id(article_id, parameter="--id")
    candidates, refusals = [], []
    for path in files:
        try:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror}", path) from exc
            stem = article_id or path.stem
            check_id(stem, path=path)
            text = decode(path, data)
            candidate = Candidate(path, stem, data, text, hashlib.sha256(data).hexdigest())
            known.claim(candidate)
            candidates.append(candidate)
        except InputError as error:
            refusals.append(Refusal(path, error))
    return candidates, refusals
