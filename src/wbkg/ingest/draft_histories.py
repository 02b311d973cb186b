"""The draft writer of dated background (wbkg.ingest.histories, docs/ingest/drafts.md): a founding gives what
was set up its wbkg:startDate (and, when the text names who set it up, a wbkg:Founding), an accession a
wbkg:Membership with its wbkg:startDate (the canonical pattern, docs/MODEL.md: an Accession event would say
nothing more), a service a wbkg:MilitaryService, and a known event the wbkg:date its phrase gives it.

A date written on a node this draft does not describe alone (a known mission, event or proposal) goes on an
evidence restricted (wbkg:supportsProperty) to that date: the quote says when, not what the node is."""
from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ..vocab.namespaces import ID, WBKG
from .draft import Draft, local_name, writer
from .extractor import Found

_NONE: frozenset[URIRef] = frozenset()
# the rules that find what a signing, an agreement or an active verb sets up by its name (histories.py)
_SET_UP_BY_NAME = {"founding-instrument", "founding-active"}
_PROCESSES = frozenset({WBKG.Policy, WBKG.Initiative})


@writer("histories")
def write_histories(draft: Draft, found: list[Found]) -> int:
    """Each founding, accession, service and known-event date the block found, as its facts; what cannot be
    written is reported with why."""
    kinds = {"founding": _founding, "accession": _accession, "service": _service, "event-date": _event_date}
    written = 0
    for item in found:
        why = kinds[item.item.kind](draft, item)
        if why:
            draft.skipped.append(f"{item.item.kind} at {item.item.begin}: {why}")
        else:
            written += 1
    return written


def _restricted(draft: Draft, node: URIRef, prop: URIRef, value: Literal, item: Found) -> None:
    h = item.item
    draft.add(node, prop, value)
    ev = draft.evidence(node, h.begin, h.end, item)
    draft.add(ev, WBKG.supportsProperty, prop)


def _entity(draft: Draft, p, classes: frozenset[URIRef] | None) -> URIRef | None:
    """The known entity a participant names (of ``classes``), else the one this draft proposes there."""
    if p is None:
        return None
    if p.entity is not None:
        types = draft.context.gazetteer.entity_types(p.entity)
        return p.entity if classes is None or types & classes else None
    return draft.agent_at(p.begin, p.end, classes)


def _founding(draft: Draft, item: Found) -> str | None:
    h = item.item
    people_places = draft.classes.get(WBKG.Person, _NONE) | draft.classes.get(WBKG.Place, _NONE)
    if _entity(draft, h.subject, people_places) is not None:
        return f"{h.subject.surface!r} is a person or a place: not something set up"
    if h.rule in _SET_UP_BY_NAME:
        # only a body, unit, mission or process is set up by a signing or an active verb ("launched the
        # Summit" starts an event, "created the Agreement" nothing the model dates this way)
        foundable = (draft.classes.get(WBKG.Agent, _NONE) - draft.classes.get(WBKG.Person, _NONE)
                     - draft.classes.get(WBKG.State, _NONE)) | draft.classes.get(WBKG.Mission, _NONE) | _PROCESSES
        thing = _entity(draft, h.subject, foundable)
        if thing is None:
            return f"{h.subject.surface!r} is not a body, unit, mission or process known or proposed"
    else:
        thing = _entity(draft, h.subject, None)
    if thing is None:
        return f"{h.subject.surface!r} is neither a known entity nor one this draft proposes"
    when = h.date.value.literal()
    other = {o for s, p, o in draft.triples if s == thing and p == WBKG.startDate} - {when}
    if other:
        return f"{local_name(thing)} already starts {min(other)} in this draft"
    _restricted(draft, thing, WBKG.startDate, when, item)
    founder = _entity(draft, h.agent, draft.classes.get(WBKG.Agent, _NONE))
    if founder is not None:
        node = draft.fact_iri("founding", local_name(thing), draft.dashed)
        draft.add(node, RDF.type, WBKG.Founding)
        draft.add(node, WBKG.agent, founder)
        draft.add(node, WBKG.establishes, thing)
        draft.add(node, WBKG.date, when)
        draft.evidence(node, h.begin, h.end, item)
    return None


def _accession(draft: Draft, item: Found) -> str | None:
    h = item.item
    state = _entity(draft, h.subject, draft.classes.get(WBKG.State, _NONE))
    organisation = _entity(draft, h.other, draft.classes.get(WBKG.Agent, _NONE))
    if state is None or organisation is None or organisation == state:
        return "no state and organisation"
    # one membership per state and organisation, shared with the graphs that already hold it (as tenures)
    node = ID[f"membership-{local_name(state)}-{local_name(organisation)}"]
    draft.kind_of[node] = draft.kind
    draft.add(node, RDF.type, WBKG.Membership)
    if str(node) not in draft.taken:
        draft.add(node, SKOS.prefLabel, Literal(f"{draft.label(state)}'s membership of {draft.label(organisation)}",
                                                lang="en"))
    draft.add(node, WBKG.member, state)
    draft.add(node, WBKG.organisation, organisation)
    draft.add(node, WBKG.startDate, h.date.value.literal())
    draft.evidence(node, h.begin, h.end, item)
    return None


def _service(draft: Draft, item: Found) -> str | None:
    h = item.item
    person = _entity(draft, h.agent, draft.classes.get(WBKG.Person, _NONE))
    place = _entity(draft, h.other, draft.classes.get(WBKG.Place, _NONE))
    if person is None or place is None:
        return f"no person ({h.agent.surface!r}) or place known or proposed"
    node = draft.fact_iri("military-service", local_name(person), draft.dashed)
    draft.add(node, RDF.type, WBKG.MilitaryService)
    draft.add(node, WBKG.agent, person)
    draft.add(node, WBKG.place, place)
    if h.end_date is not None and h.end_date.value is not None:
        draft.add(node, WBKG.startDate, h.date.value.literal())
        draft.add(node, WBKG.endDate, h.end_date.value.literal())
    else:
        draft.add(node, WBKG.date, h.date.value.literal())
    draft.evidence(node, h.begin, h.end, item)
    return None


def _event_date(draft: Draft, item: Found) -> str | None:
    """A known event's date, unless it is a mission (a standing operation, not a dated event), a year in its
    labels says otherwise (the name was linked to another edition: "the Summit in London next year"), or
    this draft already dated it differently."""
    h = item.item
    events = draft.classes.get(WBKG.Event, _NONE) - draft.classes.get(WBKG.Mission, _NONE)
    event = _entity(draft, h.subject, events)
    if event is None:
        return f"{h.subject.surface!r} is not a known event"
    when = h.date.value
    years = {int(y) for label in draft.context.gazetteer.labels_of(event) for y in re.findall(r"\b(?:19|20)\d\d\b",
                                                                                              label)}
    if years and when.value.year not in years:
        return f"{local_name(event)}'s name gives the year {min(years)}, not {when.lexical}: the link is doubtful"
    other = {o for s, p, o in draft.triples if s == event and p == WBKG.date} - {when.literal()}
    if other:
        return f"{local_name(event)} is already dated {min(other)} in this draft"
    _restricted(draft, event, WBKG.date, when.literal(), item)
    return None
