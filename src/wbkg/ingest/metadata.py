"""The metadata of an ingested article in corpus/articles.ttl (docs/ingest/intake.md): title, publication date,
url and publisher, from the options or read from the text, and ``wbkg:metadataSource`` saying which is which.

- Title: ``--title``, else the headline: the first non-empty line when it is short and not a sentence (a
  Markdown "#" is dropped), else the first words of the text (said so in the metadata source).
- Publication date: ``--published`` (a day, month or year, kept at that precision), else a date on a line that
  says so ("Published 26 July 2021", "Updated: 3 March 2020"), read by the dates block (dateparser); else none.
- Publisher: ``--publisher`` names a known organisation (a label of an entity of graph/entities.ttl that is
  not a person, state or post): ``wbkg:publisher`` links it; else the name is kept as ``wbkg:publisherName``.

The whole file is written once per run: the hand-written file with its comments, then one block per article,
checked to parse, written to a temporary file and renamed over the old one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ..errors import InputError
from ..fileio import atomic_write_text
from ..project import Project
from ..rdfio import parse_turtle
from ..vocab.namespaces import ARTICLE, ID, SCHEMA, WBKG
from .dates import find_dates
from .dates_resolve import PartialDate
from .draft_turtle import term_n3

HEADLINE_MAX = 200
_PUBLISHED_LINE = re.compile(r"^[ \t*_#>-]*(?:first\s+)?(?:published|updated|posted|last\s+updated|date)\b"
                             r"[ \t:]*(?:on\b)?", re.I | re.M)
_NOT_PUBLISHERS = (WBKG.Person, WBKG.State, WBKG.HistoricalState, WBKG.Post, WBKG.Place, WBKG.Settlement,
                   WBKG.Region)
NEEDED_PREFIXES = {"article": str(ARTICLE), "dcterms": "http://purl.org/dc/terms/", "id": str(ID),
                   "schema": str(SCHEMA), "wbkg": str(WBKG._NS), "xsd": "http://www.w3.org/2001/XMLSchema#"}


@dataclass
class Metadata:
    """One article's metadata and where each part came from."""
    stem: str
    title: str
    published: PartialDate | None = None
    headline: str | None = None
    url: str | None = None
    publisher: URIRef | None = None
    publisher_name: str | None = None
    sources: list[str] = field(default_factory=list)


def headline_of(text: str) -> tuple[str, int] | None:
    """The headline line and its 1-based line number: the first non-empty line, if short and not a sentence."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        heading = stripped.startswith("#")
        title = stripped.lstrip("#").strip().strip("*_").strip()
        if title and len(title) <= HEADLINE_MAX and (heading or not title.endswith((".", "!", "?", ":"))):
            return title, number
        return None
    return None


def published_in_text(text: str) -> tuple[PartialDate, str, int] | None:
    """A publication date the text states ("Published 26 July 2021"): the date, the line, its number."""
    for match in _PUBLISHED_LINE.finditer(text):
        end = text.find("\n", match.end())
        line = text[match.start():end if end >= 0 else len(text)]
        rest = line[match.end() - match.start():]
        for date in find_dates(rest, None):
            if date.value is not None and not date.relative and date.begin <= 3 \
                    and date.value.precision in ("day", "month", "year"):
                return date.value, line.strip(), text.count("\n", 0, match.start()) + 1
    return None


def first_words(text: str, limit: int = 80) -> str:
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0] + " ..."


def find_publisher(entities: Graph, name: str) -> URIRef | None:
    """The known organisation whose label is ``name`` (case and surrounding space ignored), if exactly one."""
    wanted = name.strip().casefold()
    found = set()
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for entity, label in entities.subject_objects(prop):
            if str(label).strip().casefold() == wanted and isinstance(entity, URIRef):
                types = set(entities.objects(entity, RDF.type))
                if types and not types & set(_NOT_PUBLISHERS):
                    found.add(entity)
    return found.pop() if len(found) == 1 else None


def describe(stem: str, text: str, entities: Graph, *, published: PartialDate | None = None,
             title: str | None = None, publisher: str | None = None, url: str | None = None) -> Metadata:
    """The metadata of one article from the options and, where they are silent, the text."""
    headline = headline_of(text)
    if title:
        meta = Metadata(stem, title.strip())
        meta.sources.append("title: --title")
        if headline and headline[0] != meta.title:
            meta.headline = headline[0]
            meta.sources.append(f"headline: line {headline[1]} of the text")
    elif headline:
        meta = Metadata(stem, headline[0], headline=headline[0])
        meta.sources.append(f"title: the headline, line {headline[1]} of the text")
    else:
        meta = Metadata(stem, first_words(text))
        meta.sources.append("title: the first words of the text (no headline line, no --title)")
    if published is not None:
        meta.published = published
        meta.sources.append(f"publication date: --published {published.lexical}")
    elif (stated := published_in_text(text)) is not None:
        meta.published = stated[0]
        meta.sources.append(f"publication date: read from the text, line {stated[2]} {stated[1]!r}")
    else:
        meta.sources.append("publication date: unknown (no --published, none stated in the text)")
    if publisher:
        meta.publisher = find_publisher(entities, publisher)
        if meta.publisher is None:
            meta.publisher_name = publisher.strip()
            meta.sources.append("publisher: --publisher (no known organisation has that name)")
        else:
            meta.sources.append(f"publisher: --publisher, the known {term_n3(meta.publisher)}")
    if url:
        meta.url = url.strip()
        meta.sources.append("url: --url")
    return meta


def metadata_block(meta: Metadata) -> str:
    """The Turtle block of one article, with the prefixes of corpus/articles.ttl."""
    rows = [("a", "wbkg:Article"), ("schema:name", term_n3(Literal(meta.title, lang="en")))]
    if meta.headline:
        rows.append(("schema:headline", term_n3(Literal(meta.headline, lang="en"))))
    if meta.published is not None:
        rows.append(("schema:datePublished", term_n3(meta.published.literal())))
    if meta.url:
        rows.append(("schema:url", term_n3(Literal(meta.url))))
    if meta.publisher is not None:
        rows.append(("wbkg:publisher", term_n3(meta.publisher)))
    if meta.publisher_name:
        rows.append(("wbkg:publisherName", term_n3(Literal(meta.publisher_name))))
    rows += [("wbkg:textFile", term_n3(Literal(f"{meta.stem}.txt"))), ("dcterms:language", '"en"'),
             ("wbkg:metadataSource", term_n3(Literal("wbkg ingest; " + "; ".join(meta.sources), lang="en")))]
    subject = f"article:{meta.stem}" if re.match(r"^[A-Za-z_][A-Za-z0-9_-]*$", meta.stem) and \
        not meta.stem.endswith("-") else f"<{ARTICLE[meta.stem]}>"
    body = " ;\n    ".join(f"{p} {o}" for p, o in rows)
    return f"{subject} {body} .\n"


def append_metadata(project: Project, metas: list[Metadata]) -> None:
    """Append the blocks to corpus/articles.ttl in one write (temporary file, parse check, rename)."""
    path = project.corpus_metadata_file
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    declared = dict(re.findall(r"@prefix\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>", old))
    missing = [f"@prefix {name}: <{ns}> ." for name, ns in sorted(NEEDED_PREFIXES.items())
               if declared.get(name) != ns]
    parts = [old.rstrip("\n") + "\n"] if old.strip() else []
    if missing:
        parts.append("\n".join(missing) + "\n")
    parts += ["\n" + metadata_block(m) for m in metas]
    new = "".join(parts)
    try:
        parse_turtle(path, text=new)
    except InputError as error:  # a bug here must not break the corpus: nothing is written
        raise InputError(f"the metadata ingest would write does not parse ({error.detail}); nothing written",
                         path) from error
    atomic_write_text(path, new)
