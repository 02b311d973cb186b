"""Article blocks of historical background, as the real articles give it (docs/MODEL.md): a war with its years
(the war is an entity; its dates are the article's facts, on restricted evidence), a state's NATO accession
(the canonical pattern: a Membership with the month as its startDate; no Accession event, which would say
nothing more), an officer's service in a peace
support operation (a MilitaryService event: the officer as agent, the state as place, the years).

These blocks draw from their own random stream (``hrng``), so that adding them left every other block of
every article as it was."""
from __future__ import annotations

import random

from .names import MONTHS, NATO_ACCESSIONS, SERVICE_PLACES
from .terms import PREF, TYPE, en, iri, wb, xsd_month, xsd_year


class HistoryBlocks:
    """Mixed into ArticleGenerator (which supplies ``w``, ``world``, ``day`` and ``headline``)."""

    def history(self, hrng: random.Random):
        kind = hrng.choice(("war", "accession", "service"))
        getattr(self, f"history_{kind}")(hrng)

    def history_war(self, hrng: random.Random):
        w = self.w
        war, first, last = hrng.choice(self.world.wars)
        if first == last:
            text = f"The {w.name(war)} was fought in {first}."
        else:
            text = f"The {w.name(war)} lasted from {first} to {last}."
        w.add(war.iri, wb("startDate"), xsd_year(first))
        w.add(war.iri, wb("endDate"), xsd_year(last))
        begin = w.sentence(text)
        w.cite(text, begin, [war.iri], [wb("startDate"), wb("endDate")])

    def history_accession(self, hrng: random.Random):
        w = self.w
        joined = [(name, year, month) for name, year, month in NATO_ACCESSIONS
                  if (year, month) < (self.day.year, self.day.month)]
        name, year, month = hrng.choice(joined)
        state = next(s for s in self.world.states if s.entity.label == name)
        nato = self.world.orgs["nato"]
        when = f"{MONTHS[month - 1]} {year}"
        text = f"{w.name(state.entity)} joined {w.name(nato)} in {when}."
        begin = w.sentence(text)
        node = iri(f"membership-{state.entity.slug}-nato")
        w.add(node, TYPE, wb("Membership"))
        w.add(node, PREF, en(f"{name}'s membership of NATO"))
        w.add(node, wb("member"), state.entity.iri)
        w.add(node, wb("organisation"), nato.iri)
        w.add(node, wb("startDate"), xsd_month(year, month))
        w.cite(text, begin, [node])

    def history_service(self, hrng: random.Random):
        w = self.w
        officer = hrng.choice(self.world.officers)
        # the officer's one tour: the same in every article that mentions it (its own stream, by name)
        tour = random.Random(f"service:{officer.slug}")
        place_name, opened = tour.choice(SERVICE_PLACES)
        first = tour.randrange(opened, 2009)
        last = first + tour.randrange(1, 3)
        if last >= self.day.year:
            return self.history_war(hrng)
        state = next(s for s in self.world.states if s.entity.label == place_name)
        rank = next(str(o.value) for p, o in officer.facts if p == wb("rank"))
        w.named.add(officer.slug)
        text = f"{rank} {officer.label} served in {w.name(state.entity)} from {first} to {last}."
        begin = w.sentence(text)
        node = iri(f"military-service-{officer.slug}-{state.entity.slug}")
        w.add(node, TYPE, wb("MilitaryService"))
        w.add(node, PREF, en(f"{officer.label}'s service in {place_name} ({first}-{last})"))
        w.add(node, wb("agent"), officer.iri)
        w.add(node, wb("place"), state.entity.iri)
        w.add(node, wb("startDate"), xsd_year(first))
        w.add(node, wb("endDate"), xsd_year(last))
        w.cite(text, begin, [node])
