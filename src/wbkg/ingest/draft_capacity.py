"""People a draft puts in an official capacity hold a post (docs/MODEL.md, Person and post; the shape
wbsh:OfficialCapacity). When the draft gives such a person no tenure, and no reviewed graph does (tenure IRIs
are ``id:tenure-<person>-<post>``), the draft writes the exemption a curator would write for an article that
gives no post: it quotes where the text names them and says that the post is to be reviewed. So a draft
passes the build's gates, and the reviewer sees the post the extractor could not draft ("Serbian President
Dragan Petrovic": a post the ontology does not know)."""
from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from ..vocab.namespaces import ID, WBKG
from .draft import CONTEXT_CHARS, FINISHERS, Draft, local_name

ROLES = frozenset({WBKG.agent, WBKG.participant, WBKG.host, WBKG.speaker, WBKG.signatory})
OFFICIAL = frozenset({WBKG.Visit, WBKG.Meeting, WBKG.Summit, WBKG.Negotiation, WBKG.Signing, WBKG.Announcement,
                      WBKG.Commemoration, WBKG.Address, WBKG.Founding, WBKG.Statement, WBKG.Signature})
REASON = "drafted: the text names this person in an official capacity, but no post was drafted; add the tenure the article gives, or keep this exemption"


@FINISHERS.append
def capacity_exemptions(draft: Draft, triples: list[tuple]) -> list[tuple]:
    """The exemption triples for the persons in ``triples`` in an official role with no tenure anywhere."""
    types: dict[URIRef, set] = {}
    for s, p, o in triples:
        if p == RDF.type:
            types.setdefault(s, set()).add(o)
    held = {o for _, p, o in triples if p == WBKG.holder}
    persons = draft.classes.get(WBKG.Person, frozenset()) | {WBKG.Person}
    out, done = [], set()
    for s, p, person in triples:
        if p not in ROLES or person in held or person in done or not types.get(s, set()) & OFFICIAL:
            continue
        if not (types.get(person, set()) | draft.context.gazetteer.entity_types(person)) & persons:
            continue
        if person not in types and _holds_in_graph(draft, person):
            continue
        span = _named_at(draft, person)
        if span is None:
            continue
        done.add(person)
        begin, end = span
        exact = draft.text[begin:end]
        node = URIRef(f"{draft.base}ex-post-{local_name(person)}")
        out += [(node, RDF.type, WBKG.Exemption), (node, WBKG.exact, Literal(exact)),
                (node, WBKG.exempts, person), (node, WBKG.reason, Literal(REASON, lang=draft.context.language))]
        if draft.text.count(exact) > 1:
            out.append((node, WBKG.prefix, Literal(draft.text[max(0, begin - CONTEXT_CHARS):begin])))
    return out


def _holds_in_graph(draft: Draft, person: URIRef) -> bool:
    prefix = str(ID[f"tenure-{local_name(person)}-"])
    return any(iri.startswith(prefix) for iri in draft.taken)


def _named_at(draft: Draft, person: URIRef) -> tuple[int, int] | None:
    """Where the text first names ``person``: a linked mention, else a name of the person the draft proposes."""
    spans = [(m.begin, m.end) for m in draft._linked if m.entity == person]
    spans += [(b, e) for b, e, iri, _ in draft._proposed_at if iri == person]
    return min(spans) if spans else None
