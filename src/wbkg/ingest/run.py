"""`wbkg ingest` as a library function: validate every file, draft each article, then write texts, drafts and
the metadata as one transaction (docs/ingest/intake.md).

Nothing is written until every file has been checked. Then, per article in order, the text goes to
corpus/<id>.txt (byte-identical) and the draft to graph/drafts/<id>.ttl, each written to a temporary file and
renamed; corpus/articles.ttl is written once, last. If anything fails or the run is interrupted, the files
this run created are removed again, so the project is as it was. Extraction runs in a pool of worker
processes (forked, sharing the gazetteer built once) when there are enough articles to pay for it.
"""
from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Callable

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from ..corpus import stem_of
from ..errors import InputError, UsageError
from ..fileio import atomic_write_bytes, atomic_write_text
from ..project import Project
from ..rdfio import parse_turtle
from ..review.rejections import keys_for, load_rejections
from ..vocab.hierarchy import reachable
from ..vocab.namespaces import ARTICLE, ID, WBKG
from . import writers  # noqa: F401  (registers the draft writers)
from .dates_resolve import PartialDate
from .draft import DraftResult, write_draft
from .extractor import Context, Extractor, RuleExtractor
from .gazetteer import Gazetteer, rule_forms
from .intake import Candidate, Known, Refusal, expand, validate
from .metadata import Metadata, append_metadata, describe

POOL_FROM = 16  # articles: below this, starting workers costs more than it saves
WARM_UP = 'Some 12 troops arrived on 1 May 2020. "We are ready," the minister said on Friday.'
_IRI = re.compile(r"(?:\bid:([A-Za-z0-9_][A-Za-z0-9_.-]*)|<" + re.escape(str(ID)) + r"([^>]+)>)")


@dataclass
class ArticleReport:
    stem: str
    source: Path
    metadata: Metadata
    draft: DraftResult
    mentions: int = 0
    linked: int = 0
    dates: int = 0
    resolved: int = 0


@dataclass
class IngestResult:
    articles: list[ArticleReport] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)


@dataclass(frozen=True)
class Shared:
    """What every article's extraction reads: built once per run, inherited by forked workers."""
    extractor: Extractor
    gazetteer: Gazetteer
    entities: Graph
    taken: frozenset[str]
    classes: dict[URIRef, frozenset[URIRef]]
    drafts_dir: Path
    rejections: dict[str, frozenset] = field(default_factory=dict)  # wbkg.review.rejections.load_rejections


_SHARED: Shared | None = None


def ingest(project: Project, paths: list[Path], *, published: str | None = None, title: str | None = None,
           publisher: str | None = None, url: str | None = None, article_id: str | None = None,
           keep_going: bool = False, jobs: int | None = None, extractor: Extractor | None = None,
           progress: Callable[[int, int], None] | None = None) -> IngestResult:
    """Ingest the files; raise InputError (nothing written) on the first refusal unless ``keep_going``."""
    date = _published_option(published)
    files = expand(paths)
    for name, value in (("--title", title), ("--url", url)):
        if value is not None and len(files) != 1:
            raise UsageError(f"{name} describes one article, but {len(files)} files were given", parameter=name)
    entities = parse_turtle(project.entities_file)
    metadata = parse_turtle(project.corpus_metadata_file) if project.corpus_metadata_file.exists() else Graph()
    candidates, refusals = validate(files, Known(project, described_ids(metadata)), article_id)
    result = IngestResult(refusals=refusals)
    if refusals and not keep_going:
        first = refusals[0].error
        more = f" ({len(refusals)} files refused)" if len(refusals) > 1 else ""
        raise InputError(f"{first.detail}; nothing written{more}; --keep-going ingests the other files",
                         first.path, first.line, first.column)
    if not candidates:
        return result
    global _SHARED
    contextual = rule_forms(sorted(project.articles_graph_dir.glob("*.ttl")))  # reviewed graphs' mention rules
    _SHARED = Shared(extractor or RuleExtractor(), Gazetteer.from_graph(entities, contextual), entities,
                     frozenset(existing_iris(project)), class_tree(project), project.drafts_dir,
                     load_rejections(project.rejected_dir))
    metas = [describe(c.stem, c.text, entities, published=date, title=title, publisher=publisher, url=url)
             for c in candidates]
    jobs = jobs or (min(2, os.cpu_count() or 1) if len(candidates) >= POOL_FROM else 1)
    if jobs > 1:  # load the blocks' lazy models once, in the parent, so forked workers inherit them
        _SHARED.extractor.extract(WARM_UP, Context("warm-up", PartialDate.parse("2020-05-01"), _SHARED.gazetteer))
    _transaction(project, candidates, metas, jobs, result, progress)
    return result


def _published_option(published: str | None) -> PartialDate | None:
    if published is None:
        return None
    try:
        return PartialDate.parse(published)
    except ValueError as exc:
        raise UsageError(f"--published {published!r}: expected a day, month or year (2021-03-19, 2021-03, 2021): "
                         f"{exc}", parameter="--published") from exc


def _transaction(project: Project, candidates: list[Candidate], metas: list[Metadata], jobs: int,
                 result: IngestResult, progress) -> None:
    """Draft and write each article, then the metadata; on any failure remove what this run created."""
    created: list[Path] = []
    work = [(c.stem, c.text, str(c.path), m.published) for c, m in zip(candidates, metas)]
    try:
        if jobs > 1:
            with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
                drafted = pool.map(_draft_one, work, chunksize=8)
                _write_all(project, candidates, metas, drafted, created, result, progress)
        else:
            _write_all(project, candidates, metas, map(_draft_one, work), created, result, progress)
        append_metadata(project, metas)
    except BaseException:
        for path in reversed(created):
            try:
                path.unlink()
            except OSError:
                pass
        raise


def _write_all(project, candidates, metas, drafted, created, result, progress) -> None:
    for n, (candidate, meta, (draft, counts)) in enumerate(zip(candidates, metas, drafted), 1):
        text_path, draft_path = project.article_text_file(candidate.stem), project.draft_file(candidate.stem)
        for path in (text_path, draft_path):
            if path.exists():  # appeared since validation: another process is ingesting
                raise InputError("appeared while ingesting; nothing written", path)
        atomic_write_bytes(text_path, candidate.data)
        created.append(text_path)
        atomic_write_text(draft_path, draft.turtle)
        created.append(draft_path)
        result.articles.append(ArticleReport(candidate.stem, candidate.path, meta, draft, *counts))
        if progress:
            progress(n, len(candidates))


def _draft_one(work: tuple) -> tuple[DraftResult, tuple[int, int, int, int]]:
    stem, text, source, published = work
    shared = _SHARED
    assert shared is not None, "ingest() sets the shared state before drafting"
    context = Context(stem, published, shared.gazetteer)
    extraction = shared.extractor.extract(text, context)
    rejected = keys_for(shared.rejections, stem, hashlib.sha256(text.encode("utf-8")).hexdigest())
    draft = write_draft(stem, text, extraction, context, entities=shared.entities, text_path=Path(source),
                        draft_path=shared.drafts_dir / f"{stem}.ttl", taken=shared.taken,
                        classes=shared.classes, rejected=rejected)
    mentions = extraction.of("mentions")
    dates = extraction.of("dates")
    counts = (len(mentions), sum(f.item.linked for f in mentions), len(dates),
              sum(f.item.value is not None for f in dates))
    return draft, counts


def described_ids(metadata: Graph) -> set[str]:
    """The ids of the articles corpus/articles.ttl describes."""
    return {stem for s in metadata.subjects(RDF.type, WBKG.Article) if (stem := stem_of(s))}


def existing_iris(project: Project) -> set[str]:
    """Every ``id:`` IRI written in graph/ (entities, article graphs, drafts): what a new fact IRI must not be."""
    found: set[str] = set()
    files = [project.entities_file, *sorted(project.articles_graph_dir.glob("*.ttl"))]
    if project.drafts_dir.is_dir():
        files += sorted(project.drafts_dir.glob("*.ttl"))
    for path in files:
        if path.is_file():
            for a, b in _IRI.findall(path.read_text(encoding="utf-8", errors="replace")):
                found.add(str(ID) + (a or b).rstrip("."))
    return found


def agent_classes(project: Project) -> frozenset[URIRef]:
    """wbkg:Agent and every class below it: what a statement's speaker may be."""
    return class_tree(project)[WBKG.Agent]


#: the classes the draft writers test a participant against (each with every class below it)
TREE_ROOTS = (WBKG.Agent, WBKG.Person, WBKG.Place, WBKG.State, WBKG.Mission, WBKG.Event)


def class_tree(project: Project) -> dict[URIRef, frozenset[URIRef]]:
    """Each of TREE_ROOTS with every class below it in the ontology."""
    ontology = parse_turtle(project.ontology_file)
    closure = reachable(ontology.subject_objects(RDFS.subClassOf))
    return {root: frozenset({root} | {c for c, above in closure.items() if root in above}) for root in TREE_ROOTS}


__all__ = ["ArticleReport", "IngestResult", "ingest", "existing_iris", "agent_classes", "class_tree", "ARTICLE"]
