"""The draft writers of events and mission contributions (docs/ingest/drafts.md). Written only with what the
shapes ask of them, so that a draft passes the build's gates: a visit has its visitor and destination, every
event a time (its own date, else the article's date as a bound: a past event happened no later than the
article, a planned one no earlier), a signing the agreement signed with two parties; a contribution one
contributor and one mission. The rest is reported for the reviewer, never guessed."""
from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ..vocab.namespaces import ID, WBKG
from .draft import Draft, local_name, writer
from .extractor import Found

PLANNED = "planned: the article speaks of it in the future"


def _who(draft: Draft, participant, classes) -> URIRef | None:
    """The entity (known or proposed) a participant names, when it is of ``classes``."""
    if participant is None:
        return None
    if participant.entity is not None and draft.context.gazetteer.entity_types(participant.entity) & classes:
        return participant.entity
    return draft.agent_at(participant.begin, participant.end, classes)


@writer("events")
def write_events(draft: Draft, found: list[Found]) -> int:
    """A node per event of its class: wbkg:agent, wbkg:participant, wbkg:place, and wbkg:date (or the article's
    date as wbkg:latestDate / wbkg:earliestDate); a signing also gets the agreement it signs."""
    agents, places = draft.classes.get(WBKG.Agent, frozenset()), draft.classes.get(WBKG.Place, frozenset())
    written, counter = 0, {}
    for item in found:
        e = item.item
        name = local_name(e.event_class).lower()
        if e.entity is not None:
            draft.skipped.append(f"{name} at {e.trigger.begin}: names the known event {local_name(e.entity)}; "
                                 "its facts are the reviewer's to add")
            continue
        agent = _who(draft, e.agent, agents)
        others = [w for w in (_who(draft, p, agents) for p in e.participants) if w is not None and w != agent]
        where = _most_specific(draft, dict.fromkeys(w for w in (_who(draft, p, places) for p in e.places)
                                                    if w is not None))
        when = _time(draft, e)
        missing = [what for what, ok in (("time", when), ("visitor", agent or e.event_class != WBKG.Visit),
                                         ("destination", where or e.event_class != WBKG.Visit)) if not ok]
        if e.event_class == WBKG.Signing and len({agent, *others} - {None}) < 2:
            missing.append("two parties")
        if missing:
            draft.skipped.append(f"{name} at {e.trigger.begin} ({e.trigger.text!r}): missing {', '.join(missing)}")
            continue
        counter[name] = counter.get(name, 0) + 1
        node = draft.fact_iri(name, draft.dashed, str(counter[name]))
        draft.add(node, RDF.type, e.event_class)
        if agent is not None:
            draft.add(node, WBKG.agent, agent)
        for other in dict.fromkeys(others):
            draft.add(node, WBKG.participant, other)
        for place in where:
            draft.add(node, WBKG.place, place)
        draft.add(node, *when)
        if e.planned:
            draft.add(node, WBKG.description, draft.words(PLANNED))
        if e.event_class == WBKG.Signing:
            draft.add(node, WBKG.agreement, _agreement(draft, node, [agent, *others], when, e, item))
        draft.evidence(node, e.begin, e.end, item)
        written += 1
    return written


def _most_specific(draft: Draft, where) -> list[URIRef]:
    """The places not containing another of them (wbkg:partOf, transitively, in the entities or this draft):
    "in Skopje, North Macedonia" is Skopje; the country follows from its partOf chain (docs/MODEL.md)."""
    def containers(place: URIRef) -> set[URIRef]:
        out, stack = set(), [place]
        while stack:
            node = stack.pop()
            ups = set(draft.entities.objects(node, WBKG.partOf))
            ups |= {o for s, p, o in draft.triples if s == node and p == WBKG.partOf}
            stack.extend(ups - out)
            out |= ups
        return out
    where = list(where)
    inside = set().union(*(containers(w) for w in where)) if where else set()
    return [w for w in where if w not in inside]


def _time(draft: Draft, e) -> tuple[URIRef, Literal] | None:
    if e.date is not None and e.date.value is not None:
        return WBKG.date, e.date.value.literal()
    article = draft.article_date()
    if article is None:
        return None
    return (WBKG.earliestDate if e.planned else WBKG.latestDate), article


def _agreement(draft: Draft, signing: URIRef, parties, when, e, item: Found) -> URIRef:
    """The agreement a signing signs: its parties, wbkg:Signed as of the signing's time."""
    node = draft.fact_iri("agreement", local_name(signing))
    names = [draft.label(p) for p in dict.fromkeys(parties) if p is not None]
    draft.add(node, RDF.type, WBKG.Agreement)
    draft.add(node, SKOS.prefLabel, Literal(f"Agreement signed by {' and '.join(names)} ({when[1]})", lang="en"))
    for party in dict.fromkeys(parties):
        if party is not None:
            draft.add(node, WBKG.party, party)
    draft.add(node, WBKG.status, WBKG.Signed)
    draft.add(node, WBKG.asOf, when[1])
    draft.evidence(node, e.begin, e.end, item)
    return node


@writer("contributions")
def write_contributions(draft: Draft, found: list[Found]) -> int:
    """A wbkg:Contribution per state and mission (the shared IRI ``id:contribution-<state>-<mission>``):
    strength, start, wbkg:validUntil or, for "until at least", wbkg:validAtLeastUntil, and wbkg:asOf the
    article's date; a count of contributing states is the mission's wbkg:contributorCount."""
    agents = draft.classes.get(WBKG.Agent, frozenset())
    missions = draft.classes.get(WBKG.Mission, frozenset())
    written, seen = 0, set()
    for item in found:
        c = item.item
        mission = _who(draft, c.mission, missions)
        if mission is None:
            draft.skipped.append(f"{c.kind} at {c.begin}: no known mission named")
            continue
        if c.kind == "contributor-count":
            count = c.contributor_count and draft.quantity_at.get((c.contributor_count.begin, c.contributor_count.end))
            if count is None:
                draft.skipped.append(f"contributor count at {c.begin}: its number was not drafted")
                continue
            draft.add(mission, WBKG.contributorCount, count)
            ev = draft.evidence(mission, c.begin, c.end, item)
            draft.add(ev, WBKG.supportsProperty, WBKG.contributorCount)
            written += 1
            continue
        contributor = _who(draft, c.contributor, agents)
        if contributor is None:
            draft.skipped.append(f"{c.kind} at {c.begin}: no known or proposed contributor")
            continue
        node = ID[f"contribution-{local_name(contributor)}-{local_name(mission)}"]
        facts = []
        if node not in seen:
            facts += [(RDF.type, WBKG.Contribution), (WBKG.contributor, contributor), (WBKG.mission, mission)]
            if str(node) not in draft.taken:
                label = f"{draft.label(contributor)} contribution to {draft.label(mission)}"
                facts.append((SKOS.prefLabel, Literal(label, lang="en")))
            if (date := draft.article_date()) is not None:
                facts.append((WBKG.asOf, date))
        for quantity, prop in ((c.strength, WBKG.strength), (c.duration, WBKG.duration)):
            if quantity is not None and (q := draft.quantity_at.get((quantity.begin, quantity.end))) is not None:
                facts.append((prop, q))
        if c.start is not None and c.start.value is not None:
            facts.append((WBKG.startDate, c.start.value.literal()))
        if c.until is not None and c.until.value is not None:
            prop = WBKG.validAtLeastUntil if c.until_kind == "lower-bound" else WBKG.validUntil
            facts.append((prop, c.until.value.literal()))
        if c.planned and node not in seen:
            facts.append((WBKG.description, draft.words(PLANNED)))
        written_already = set(draft.triples)
        facts = [(p, o) for p, o in facts if (node, p, o) not in written_already]
        if not facts:
            continue
        for p, o in facts:
            draft.add(node, p, o)
        ev = draft.evidence(node, c.begin, c.end, item)
        if node in seen:  # said again with more: this quote supports what it adds
            for p in dict.fromkeys(p for p, _ in facts):
                draft.add(ev, WBKG.supportsProperty, p)
        else:
            draft.kind_of[node] = draft.kind
            seen.add(node)
            written += 1
    return written
