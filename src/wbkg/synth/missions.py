"""Article blocks about missions and agreements: a mission's strength and founding, a state's
contribution, an agreement proposed, under negotiation, signed (with signatures and the signing) or
rejected."""
from __future__ import annotations

from datetime import timedelta

from .names import MONTHS
from .terms import TYPE, iri, wb, integer, xsd_date, xsd_month, xsd_year
from .writer import day_text, number_text


class MissionBlocks:
    """Mixed into ArticleGenerator (which supplies ``w``, ``world``, ``rng``, ``day`` and the helpers)."""

    def mission(self):
        w = self.w
        entity, leader, year, strength = self.rng.choice(self.world.missions)
        quantity = w.node("quantity")
        vague = self.rng.random() < 0.15
        name = w.name(entity)
        if vague:
            text = f"{name} has several hundred personnel deployed."
            w.add(quantity, wb("lowerBound"), integer(200))
            w.add(quantity, wb("upperBound"), integer(999))
            w.add(quantity, wb("approximation"), wb("Vague"))
        else:
            value = max(10, int(round(strength * (0.8 + 0.4 * self.rng.random()), -1)))
            text = f"{name} currently numbers around {number_text(value)} troops."
            w.add(quantity, wb("value"), integer(value))
            w.add(quantity, wb("approximation"), wb("Approximately"))
        w.add(quantity, TYPE, wb("Quantity"))
        w.add(quantity, wb("unit"), wb("Troops"))
        w.add(quantity, wb("date"), xsd_date(self.day))
        w.add(entity.iri, wb("strength"), quantity)
        begin = w.sentence(text)
        w.cite(text, begin, [quantity])
        w.cite(text, begin, [entity.iri], [wb("strength")])
        self.headline = self.headline or f"{entity.label} strength"

    def founding(self):
        w = self.w
        entity, leader, year, _ = self.rng.choice(self.world.missions)
        leader_entity = self.world.by_iri[leader]
        text = f"{w.name(entity)}, led by {w.name(leader_entity)}, was established in {year}."
        begin = w.sentence(text)
        w.add(entity.iri, wb("ledBy"), leader)
        w.add(entity.iri, wb("startDate"), xsd_year(year))
        w.cite(text, begin, [entity.iri], [wb("ledBy"), wb("startDate")])

    def contribution(self):
        w = self.w
        entity, _, year, strength = self.rng.choice(self.world.missions[:3])
        state = self.state()
        value = max(5, int(round(strength / 20 * (0.3 + self.rng.random()), -1))) or 10
        node = iri(f"contribution-{state.entity.slug}-{entity.slug}")
        quantity = w.node("quantity")
        extend = self.rng.random() < 0.3
        until_year = self.day.year + self.rng.randrange(1, 4)
        until_month = self.rng.randrange(1, 13)
        text = f"{w.name(state.entity)} contributes {number_text(value)} troops to {w.name(entity)}"
        if extend:
            text += f" and has extended its commitment until {MONTHS[until_month - 1]} {until_year}"
            w.add(node, wb("validUntil"), xsd_month(until_year, until_month))
        text += "."
        begin = w.sentence(text)
        w.add(node, TYPE, wb("Contribution"))
        w.add(node, wb("contributor"), state.entity.iri)
        w.add(node, wb("mission"), entity.iri)
        w.add(node, wb("strength"), quantity)
        w.add(quantity, TYPE, wb("Quantity"))
        w.add(quantity, wb("value"), integer(value))
        w.add(quantity, wb("unit"), wb("Troops"))
        w.add(quantity, wb("approximation"), wb("Exact"))
        w.add(quantity, wb("date"), xsd_date(self.day))
        w.cite(text, begin, [node, quantity])
        self.headline = self.headline or f"{state.entity.label} commits troops to {entity.label}"

    def agreement(self):
        w = self.w
        known = [a for a in self.world.agreements if a.proposed <= self.day]
        if not known:
            return self.summit()
        agreement = known[-1 - min(int(self.rng.expovariate(0.15)), len(known) - 1)]
        a, b = agreement.parties
        name = w.name(agreement.entity)
        node = agreement.entity.iri
        if agreement.signed and agreement.signed <= self.day:
            pa, pb = a.posts.get("DefenceMinister"), b.posts.get("DefenceMinister")
            ta, wa, tena = self.tenure(pa, agreement.signed)
            tb, wb_, tenb = self.tenure(pb, agreement.signed)
            text = (f"{w.name(a.entity)} and {w.name(b.entity)} signed the {name} in "
                    f"{w.name(agreement.place)} on {day_text(agreement.signed)}.")
            begin = w.sentence(text)
            w.add(node, wb("party"), a.entity.iri)
            w.add(node, wb("party"), b.entity.iri)
            w.add(node, wb("status"), wb("Signed"))
            w.add(node, wb("asOf"), xsd_date(self.day))
            signing = iri(f"signing-{agreement.entity.slug}")
            w.add(signing, TYPE, wb("Signing"))
            w.add(signing, wb("agreement"), node)
            w.add(signing, wb("date"), xsd_date(agreement.signed))
            w.add(signing, wb("place"), agreement.place.iri)
            w.cite(text, begin, [node], [wb("party"), wb("status"), wb("asOf")])
            sign_text = f"It was signed by {wa} and {wb_}."
            sbegin = w.sentence(sign_text)
            sigs = []
            for state, term in ((a, ta), (b, tb)):
                sig = iri(f"signature-{agreement.entity.slug}-{state.entity.slug}")
                w.add(sig, TYPE, wb("Signature"))
                w.add(sig, wb("signatory"), term.person.iri)
                w.add(sig, wb("onBehalfOf"), state.entity.iri)
                w.add(node, wb("signature"), sig)
                w.add(signing, wb("participant"), term.person.iri)
                sigs.append(sig)
            w.cite(sign_text, sbegin, sigs)
            w.cite(sign_text, sbegin, [node], [wb("signature")])
            w.cite(sign_text, sbegin, [signing], [wb("participant")])
            w.cite(text, begin, [signing], [TYPE, wb("agreement"), wb("date"), wb("place")])
            w.cite(wa, sbegin + sign_text.index(wa), [tena])
            w.cite(wb_, sbegin + sign_text.index(wb_), [tenb])
            self.headline = self.headline or f"{a.entity.label} and {b.entity.label} sign agreement"
        elif agreement.rejected and agreement.rejected <= self.day:
            text = f"{w.name(b.entity)} rejected the proposed {name}."
            begin = w.sentence(text)
            w.add(node, wb("party"), a.entity.iri)
            w.add(node, wb("party"), b.entity.iri)
            w.add(node, wb("status"), wb("Rejected"))
            w.add(node, wb("asOf"), xsd_date(self.day))
            w.cite(text, begin, [node], [wb("status"), wb("asOf")])
            ptext = f"The agreement had been proposed by {w.name(a.entity)}."
            pbegin = w.sentence(ptext)
            w.cite(ptext, pbegin, [node], [wb("party")])
        else:
            status = "UnderNegotiation" if self.day - agreement.proposed > timedelta(days=60) else "Proposed"
            words = "are negotiating" if status == "UnderNegotiation" else "have proposed"
            text = f"{w.name(a.entity)} and {w.name(b.entity)} {words} the {name}."
            begin = w.sentence(text)
            w.add(node, wb("party"), a.entity.iri)
            w.add(node, wb("party"), b.entity.iri)
            w.add(node, wb("status"), wb(status))
            w.add(node, wb("asOf"), xsd_date(self.day))
            topic = self.rng.choice(self.world.topics)
            ctext = f"The agreement covers {w.name(topic)}."
            cbegin = w.sentence(ctext)
            w.add(node, wb("concerns"), topic.iri)
            w.cite(text, begin, [node], [wb("party"), wb("status"), wb("asOf")])
            w.cite(ctext, cbegin, [node], [wb("concerns")])
