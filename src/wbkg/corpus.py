"""The articles: their texts and the editorial metadata in corpus/articles.ttl."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .errors import InputError
from .vocab.namespaces import ARTICLE, GRAPH, WBKG
from .project import Project
from .rdfio import parse_turtle, read_text


#: the build's unit of work is an article's graph: its reviewed graph (unit ``<stem>``, graph/articles/) or
#: its draft (unit ``draft/<stem>``, graph/drafts/); the unit is also the local name of its named graph
DRAFT_UNIT = "draft/"


def is_draft(unit: str) -> bool:
    return unit.startswith(DRAFT_UNIT)


def unit_stem(unit: str) -> str:
    return unit[len(DRAFT_UNIT):] if is_draft(unit) else unit


def unit_graph_file(project: Project, unit: str) -> Path:
    return project.draft_file(unit_stem(unit)) if is_draft(unit) else project.article_graph_file(unit)


def unit_article(project: Project, unit: str) -> "Article":
    stem = unit_stem(unit)
    return Article(stem, project.article_text_file(stem), unit_graph_file(project, unit), is_draft(unit))


@dataclass(frozen=True)
class Article:
    stem: str
    text_path: Path
    graph_path: Path
    draft: bool = False

    @property
    def iri(self) -> URIRef:
        return ARTICLE[self.stem]

    @property
    def unit(self) -> str:
        return DRAFT_UNIT + self.stem if self.draft else self.stem

    @property
    def graph_iri(self) -> URIRef:
        return GRAPH[self.unit]

    @cached_property
    def raw(self) -> bytes:
        try:
            return self.text_path.read_bytes()
        except FileNotFoundError as exc:
            raise InputError(f"article text missing for article {self.stem}", self.text_path) from exc

    @cached_property
    def text(self) -> str:
        return read_text(self.text_path)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def stem_of(iri: URIRef) -> str | None:
    """The file stem of an article IRI, or None when the IRI is not an article's."""
    value = str(iri)
    base = str(ARTICLE)
    if not value.startswith(base):
        return None
    rest = value[len(base):]
    return rest.split("#", 1)[0] or None


def load_metadata(project: Project) -> Graph:
    return parse_turtle(project.corpus_metadata_file)


def discover(project: Project, metadata: Graph) -> list[Article]:
    """The articles' graphs: one per file in graph/articles/ (reviewed), then one per file in graph/drafts/
    (drafts), each with its text and metadata. An article may have both while it is being reviewed.

    A graph file without a text file, a text file with neither graph nor draft, or an article without
    metadata is an input error naming the file.
    """
    described = {stem_of(s) for s in metadata.subjects(RDF.type, WBKG.Article)}
    articles = []
    for folder, draft in ((project.articles_graph_dir, False), (project.drafts_dir, True)):
        for graph_path in sorted(folder.glob("*.ttl")):
            stem = graph_path.stem
            text_path = project.article_text_file(stem)
            if not text_path.is_file():
                raise InputError(f"the graph refers to article {stem}, whose text {text_path} is missing",
                                 graph_path)
            if stem not in described:
                raise InputError(f"article {stem} has no metadata (a wbkg:Article) in "
                                 f"{project.corpus_metadata_file.name}", graph_path)
            articles.append(Article(stem, text_path, graph_path, draft))
    stems = {a.stem for a in articles}
    for text_path in sorted(project.corpus_dir.glob("*.txt")):
        if text_path.stem not in stems:
            raise InputError(f"article text has no graph file {project.article_graph_file(text_path.stem)} "
                             f"nor draft {project.draft_file(text_path.stem)}", text_path)
    for stem in sorted(s for s in described if s not in stems):
        raise InputError(f"metadata describes article {stem}, which has no text or graph file",
                         project.corpus_metadata_file)
    return articles


def computed_metadata(article: Article) -> list[tuple]:
    """Triples the pipeline adds to the corpus graph: digest and length of the text."""
    return [
        (article.iri, WBKG.sha256, Literal(article.sha256)),
        (article.iri, WBKG.charCount, Literal(len(article.text), datatype=XSD.nonNegativeInteger)),
    ]
