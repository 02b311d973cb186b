"""The draft writers of new entities and tenures (docs/ingest/drafts.md). A proposed entity is written as the
entities file would describe it (its most specific class, labels with a language tag, a state's ISO code)
with an evidence quoting the clause that names it; a class whose definitional facts the words do not give
(armed forces without their state) is proposed one level up rather than left failing a shape. A tenure
reuses the existing post, or proposes one (label, wbkg:postIn, wbkg:postKind), and the tenure IRI follows the
shared pattern ``id:tenure-<holder>-<post without "post-">``, so two articles attest one node."""
from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ..vocab.namespaces import ID, WBKG
from .draft import Draft, local_name, writer
from .extractor import Found
from .places import country_named, known_state

_ISO = URIRef(str(WBKG) + "iso3166Alpha2")


@writer("entities")
def write_entities(draft: Draft, found: list[Found]) -> int:
    """One node per proposal: class, skos:prefLabel and skos:altLabel (@en), a state's ISO code, an armed
    force's state; the evidence is restricted to those properties (other writers say the rest)."""
    written = 0
    for item in found:
        p = item.item
        cls, extra = p.cls, []
        if cls in draft.classes.get(WBKG.State, ()):
            country = country_named(p.pref_label)
            if country is None:
                draft.skipped.append(f"state {p.surface!r} at {p.begin}: no ISO 3166 code known, not proposed")
                continue
            extra.append((_ISO, Literal(country.alpha2)))
        if cls == WBKG.ArmedForces:
            state = _state_in(draft, p.pref_label)
            if state is None:
                cls = WBKG.Organisation  # its state is not in its name: a reviewer can make it armed forces
            else:
                extra.append((WBKG.ofState, state))
        iri = draft.fact_iri(p.slug)
        draft.propose(p.slug, iri, cls, p.occurrences or ((p.begin, p.end),), (p.pref_label, *p.alt_labels))
        draft.add(iri, RDF.type, cls)
        draft.add(iri, SKOS.prefLabel, Literal(p.pref_label, lang="en"))
        for label in p.alt_labels:
            draft.add(iri, SKOS.altLabel, Literal(label, lang="en"))
        for prop, value in extra:
            draft.add(iri, prop, value)
        ev = draft.evidence(iri, p.evidence_begin, p.evidence_end, item)
        for prop in (RDF.type, SKOS.prefLabel, *([SKOS.altLabel] if p.alt_labels else []),
                     *(prop for prop, _ in extra)):
            draft.add(ev, WBKG.supportsProperty, prop)
        draft.proposed.append(f"{local_name(iri)} ({local_name(cls)}): {p.pref_label!r}")
        written += 1
    return written


def _state_in(draft: Draft, name: str) -> URIRef | None:
    """The state a name's first word names as a demonym or country ("Serbian Armed Forces")."""
    country = country_named(name.split()[0]) if name.split() else None
    if country is None:
        return None
    known = known_state(draft.context.gazetteer, country)
    if known is not None:
        return known
    code = Literal(country.alpha2)
    return next((s for s, p, o in draft.triples if p == _ISO and o == code and s in draft.proposals.values()), None)


@writer("tenures")
def write_tenures(draft: Draft, found: list[Found]) -> int:
    """A wbkg:Tenure per title-and-name: holder, post (existing, or proposed with its state and kind) and
    wbkg:asOf (the article's date, or the year a "former" title gives); skipped without a date, since a
    tenure is attested at one."""
    written, seen = 0, set()
    for item in found:
        t = item.item
        holder = t.holder if isinstance(t.holder, URIRef) else draft.proposals.get(t.holder)
        if holder is None:
            draft.skipped.append(f"tenure at {t.begin}: holder {t.holder_label!r} was not proposed")
            continue
        as_of = t.as_of.literal() if t.as_of is not None else (None if t.past else draft.article_date())
        if as_of is None:
            draft.skipped.append(f"tenure at {t.begin}: {t.holder_label!r} has no date to attest it at")
            continue
        post = t.post if isinstance(t.post, URIRef) else _post(draft, t.post, item)
        if post is None:
            draft.skipped.append(f"tenure at {t.begin}: the post {t.post.label!r} has no state or organisation")
            continue
        node = ID[f"tenure-{local_name(holder)}-{local_name(post).removeprefix('post-')}"]
        if node in seen:
            continue  # named again: the first clause is its evidence
        seen.add(node)
        draft.kind_of[node] = draft.kind
        draft.add(node, RDF.type, WBKG.Tenure)
        if str(node) not in draft.taken:  # an existing tenure keeps the label its graph gave it
            draft.add(node, SKOS.prefLabel, Literal(f"{t.holder_label}, {draft.label(post)}", lang="en"))
        draft.add(node, WBKG.holder, holder)
        draft.add(node, WBKG.post, post)
        draft.add(node, WBKG.asOf, as_of)
        draft.evidence(node, t.evidence_begin, t.evidence_end, item)
        written += 1
    return written


def _post(draft: Draft, proposal, item: Found) -> URIRef | None:
    """The IRI of a proposed post, written once per draft with its label, state and kind."""
    state = proposal.state if isinstance(proposal.state, URIRef) else draft.proposals.get(proposal.state or "")
    if state is None:
        return None
    if proposal.slug in draft.proposals:
        return draft.proposals[proposal.slug]
    iri = draft.fact_iri(proposal.slug)
    draft.propose(proposal.slug, iri, WBKG.Post, ())
    draft.add(iri, RDF.type, WBKG.Post)
    draft.add(iri, SKOS.prefLabel, Literal(proposal.label, lang="en"))
    if proposal.title != proposal.label and re.search(rf"(?<!\w){re.escape(proposal.title)}(?!\w)", draft.text):
        # the words the article uses ("Defence Secretary"): once accepted into the entities file, the build
        # finds the post's mentions by its labels, and "... of United Kingdom" is not in the text
        draft.add(iri, SKOS.altLabel, Literal(proposal.title, lang="en"))
    draft.add(iri, WBKG.postIn, state)
    if proposal.kind is not None:
        draft.add(iri, WBKG.postKind, proposal.kind)
    t = item.item
    draft.evidence(iri, t.evidence_begin, t.evidence_end, item)
    draft.proposed.append(f"{local_name(iri)} (Post): {proposal.label!r}")
    return iri

