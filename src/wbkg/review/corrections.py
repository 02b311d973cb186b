"""Correcting a draft before accepting it, without editing Turtle (docs/review.md): a value (``set_value``: a
date with its precision, a quantity, a unit, a text) and which known entity a proposal or a name denotes
(``link``). Each rewrites the draft only, atomically, and leaves a wbkg:reviewNote on the evidence saying what
the reviewer changed, so the accepted fact shows it was corrected."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from ..errors import UsageError
from ..ingest.dates_resolve import PartialDate
from ..ingest.draft_turtle import number_literal
from ..project import Project
from ..rdfio import parse_turtle
from ..vocab.namespaces import ID, WBKG
from . import writeback
from .actions import Outcome, _outcome
from .drafts import DraftView, Fact, Labels, entities_and_articles, literal_label, local, read_draft

DATES = frozenset({WBKG.date, WBKG.startDate, WBKG.endDate, WBKG.asOf, WBKG.validUntil, WBKG.validAtLeastUntil,
                   WBKG.earliestDate, WBKG.latestDate})
NUMBERS = frozenset({WBKG.value, WBKG.lowerBound, WBKG.upperBound})


def parse_property(name: str) -> URIRef:
    """``wbkg:date`` or ``date``: a term of the ontology (a misspelling is an error, not a new term)."""
    local_name = name.removeprefix("wbkg:")
    try:
        return getattr(WBKG, local_name)
    except AttributeError:
        raise UsageError(f"{name!r} is not a property of the wbkg ontology", parameter="--set") from None


def parse_value(prop: URIRef, value: str, current: list) -> Literal | URIRef:
    """The RDF term for ``value``: a date keeps the precision written (2024-03-12, 2024-03, 2024), a number is
    an xsd:decimal (an xsd:integer where it replaces one: a count), ``wbkg:Term`` / ``id:slug`` an IRI, anything else a string (tagged as the old value was)."""
    if prop in DATES:
        try:
            return PartialDate.parse(value).literal()
        except ValueError as error:
            raise UsageError(f"{value!r}: a date is a day, month or year (2024-03-12, 2024-03, 2024): {error}",
                             parameter="--set") from None
    if prop in NUMBERS:
        try:
            count = any(isinstance(o, Literal) and o.datatype == XSD.integer for o in current)
            return number_literal(Decimal(value.replace(",", "")), count)  # a count stays an integer
        except InvalidOperation:
            raise UsageError(f"{value!r} is not a number", parameter="--set") from None
    if value.startswith("wbkg:"):
        return parse_property(value)
    if value.startswith("id:"):
        return ID[value[3:]]
    language = next((o.language for o in current if isinstance(o, Literal) and o.language), None)
    return Literal(value, lang=language)


def _note(view: DraftView, fact: Fact, text: str) -> list[tuple]:
    return [(e.iri, WBKG.reviewNote, Literal(text, lang="en")) for e in fact.evidence]


def set_value(project: Project, stem: str, fact_id: str, assignment: str) -> Outcome:
    """``PROPERTY=VALUE`` on a draft fact: every old value of the property is replaced by the new one."""
    name, sep, value = assignment.partition("=")
    if not sep or not name or not value:
        raise UsageError(f"{assignment!r}: expected PROPERTY=VALUE (date=2024-03-12, value=450)", parameter="--set")
    view = read_draft(project, stem)
    fact = view.fact(fact_id)
    prop = parse_property(name.strip())
    current = [o for s, p, o in view.triples if s == fact.node and p == prop]
    term = parse_value(prop, value.strip(), current)
    if isinstance(term, URIRef) and str(term).startswith(str(ID)):
        _require_known(project, view, term)
    triples = [t for t in view.triples if not (t[0] == fact.node and t[1] == prop)]
    triples.append((fact.node, prop, term))
    restricted = [e for e in fact.evidence if e.properties]
    if restricted and len(restricted) == len(fact.evidence) and not any(prop in e.properties for e in restricted):
        triples.append((restricted[0].iri, WBKG.supportsProperty, prop))  # the quote now vouches for it too
    was = ", ".join(literal_label(o) if isinstance(o, Literal) else local(o) for o in current) or "none"
    shown = literal_label(term) if isinstance(term, Literal) else local(term)
    triples += _note(view, fact, f"{local(prop)} set by the reviewer to {shown} (drafted: {was})")
    _write(view, triples)
    outcome = _outcome(view, "set", [fact.id], {view.path: "written"})
    outcome.left = len(view.facts)
    outcome.notes.append(f"{fact.id}: {local(prop)} {was} -> {shown}")
    return outcome


def _require_known(project: Project, view: DraftView, term: URIRef) -> None:
    if term not in entities_and_articles(project, parse_turtle(project.entities_file), view.stem) \
            and not any(s == term for s, _, _ in view.triples):
        raise UsageError(f"{term.n3()} is not a known entity (not in graph/entities.ttl, an article or this "
                         "draft)", parameter="ENTITY")


def resolve_entity(project: Project, name: str) -> URIRef:
    """A known entity from ``id:slug``, its slug, or one of its labels (which must name only it)."""
    entities = parse_turtle(project.entities_file)
    slug = name.removeprefix("id:")
    if re.fullmatch(r"[a-z0-9-]+", slug) and (ID[slug], None, None) in entities:
        return ID[slug]
    found = {s for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
             for s, o in entities.subject_objects(p) if str(o) == name}
    if len(found) == 1:
        return found.pop()
    if found:
        raise UsageError(f"{name!r} names {len(found)} entities ({', '.join(sorted(local(f) for f in found))}): "
                         "give the id", parameter="ENTITY")
    raise UsageError(f"{name!r} is not a known entity of graph/entities.ttl (an id such as id:kosovo, or a label)",
                     parameter="ENTITY")


def _proposal(view: DraftView, target: str) -> Fact:
    """The proposed entity a fact id or a name (one of its labels in the draft) designates."""
    for fact in view.facts:
        if fact.new_entity and target in (fact.id, f"id:{fact.id}"):
            return fact
    named = [f for f in view.facts if f.new_entity and any(
        line.predicate in (SKOS.prefLabel, SKOS.altLabel) and str(line.value) == target for line in f.says)]
    if len(named) == 1:
        return named[0]
    proposals = ", ".join(f"{f.id} ({f.label!r})" for f in view.facts if f.new_entity) or "none"
    raise UsageError(f"{target!r} is neither a proposed entity of article {view.stem} nor one of their names; "
                     f"proposals: {proposals}", parameter="--link")


def link(project: Project, stem: str, target: str, entity_name: str) -> Outcome:
    """Say that the entity the draft proposes (``target``) is the known ``entity``: every reference is replaced,
    the proposal dropped, its names kept as the entity's altLabels (the build finds mentions by labels), and a
    tenure renamed to the shared ``id:tenure-<holder>-<post>`` so it joins the other articles' node."""
    view = read_draft(project, stem)
    proposal = _proposal(view, target)
    entity = resolve_entity(project, entity_name)
    entities = parse_turtle(project.entities_file)
    names = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for o in entities.objects(entity, p)}
    evidence = {e.iri for e in proposal.evidence}
    triples = []
    for s, p, o in view.triples:
        if s == proposal.node or s in evidence:
            continue
        triples.append((s, p, entity if o == proposal.node else o))
    new_names = [o for s, p, o in proposal.triples if p in (SKOS.prefLabel, SKOS.altLabel) and str(o) not in names]
    for o in new_names:
        triples.append((entity, SKOS.altLabel, o))
    for ev in proposal.evidence if new_names else ():  # the quote that names it now vouches for the altLabels
        for s, p, o in view.triples:
            if s == ev.iri and p != WBKG.supportsProperty:
                triples.append((s, p, entity if o == proposal.node else o))
        triples.append((ev.iri, WBKG.supportsProperty, SKOS.altLabel))
    triples = _rename_tenures(project, view, triples, Labels(project, parse_turtle(view.path), entities))
    _write(view, triples)
    outcome = _outcome(view, "link", [proposal.id], {view.path: "written"})
    outcome.left = len(read_draft(project, stem).facts)
    outcome.notes.append(f"{proposal.id} ({proposal.label!r}) is {entity.n3()}"
                         + (f"; its names become altLabels: {', '.join(str(n) for n in new_names)}"
                            if new_names else ""))
    return outcome


def _rename_tenures(project: Project, view: DraftView, triples: list[tuple], labels: Labels) -> list[tuple]:
    """Give each tenure the IRI its holder and post call for; one that exists elsewhere loses the draft's
    label (it keeps the one its first article gave it)."""
    known = entities_and_articles(project, parse_turtle(project.entities_file), view.stem)
    renames = {}
    for s, p, o in triples:
        if p == RDF.type and o == WBKG.Tenure:
            holder = next((o2 for s2, p2, o2 in triples if s2 == s and p2 == WBKG.holder), None)
            post = next((o2 for s2, p2, o2 in triples if s2 == s and p2 == WBKG.post), None)
            if holder is not None and post is not None:
                wanted = ID[f"tenure-{local(holder)}-{local(post).removeprefix('post-')}"]
                if wanted != s:
                    renames[s] = wanted
    if not renames:
        return triples
    out = []
    for s, p, o in triples:
        s, o = renames.get(s, s), renames.get(o, o)
        if p == SKOS.prefLabel and s in renames.values():
            if s in known:
                continue
            holder = next(o2 for s2, p2, o2 in triples if renames.get(s2, s2) == s and p2 == WBKG.holder)
            post = next(o2 for s2, p2, o2 in triples if renames.get(s2, s2) == s and p2 == WBKG.post)
            o = Literal(f"{labels(holder)}, {labels(post)}", lang="en")
        out.append((s, p, o))
    return out


def _write(view: DraftView, triples: list[tuple]) -> None:
    writeback.commit({view.path: writeback.draft_text(view.header, view.base, triples)})


__all__ = ["set_value", "link", "resolve_entity", "parse_property", "parse_value"]
