"""Article blocks about events: summits with their attendees, exercises (a unit's deployment), and
pledges (an announcement with an amount)."""
from __future__ import annotations

from datetime import timedelta

from .terms import TYPE, wb, decimal, xsd_date, xsd_month
from .writer import day_text, month_text


class EventBlocks:
    """Mixed into ArticleGenerator (which supplies ``w``, ``world``, ``rng``, ``day`` and the helpers)."""

    def summit(self):
        w = self.w
        summit = min(self.world.summits, key=lambda s: (abs((s.day - self.day).days), s.entity.slug))
        if self.rng.random() < 0.4:
            summit = self.rng.choice(self.world.summits)
        node = summit.entity.iri
        if summit.day <= self.day:
            text = f"The {w.name(summit.entity)} was held in {w.name(summit.place)} on {day_text(summit.day)}."
        else:
            text = f"{w.name(summit.place)} will host the {w.name(summit.entity)} on {day_text(summit.day)}."
        begin = w.sentence(text)
        w.add(node, wb("date"), xsd_date(summit.day))
        w.add(node, wb("place"), summit.place.iri)
        w.cite(text, begin, [node], [wb("date"), wb("place")])
        attendees = summit.attendees[:3]
        names = [w.name(s.entity) for s in attendees]
        verb = "attended" if summit.day <= self.day else "are expected to attend"
        atext = f"Leaders from {names[0]}, {names[1]} and {names[2]} {verb}."
        abegin = w.sentence(atext)
        for s in attendees:
            w.add(node, wb("participant"), s.entity.iri)
        w.cite(atext, abegin, [node], [wb("participant")])
        self.headline = self.headline or f"{summit.entity.label}"

    def exercise(self):
        w = self.w
        unit = self.rng.choice(self.world.units)
        exercise = self.rng.choice(self.world.exercises)
        state = self.wb_state()
        place = self.rng.choice(state.towns or [state.capital])
        month = self.day - timedelta(days=self.rng.randrange(0, 120))
        text = (f"The {w.name(unit)} took part in {w.name(exercise)} near {w.name(place)} in "
                f"{month_text(month)}.")
        begin = w.sentence(text)
        node = w.node("deployment")
        w.add(node, TYPE, wb("Deployment"))
        w.add(node, wb("agent"), unit.iri)
        w.add(node, wb("occasion"), exercise.iri)
        w.add(node, wb("place"), place.iri)
        w.add(node, wb("date"), xsd_month(month.year, month.month))
        w.cite(text, begin, [node])
        self.headline = self.headline or f"{exercise.label} in {state.entity.label}"

    def pledge(self):
        w = self.w
        state = self.state() if self.rng.random() < 0.5 else self.world.uk
        policy = self.rng.choice(self.world.policies)
        millions = self.rng.choice((1, 2, 3, 5, 8, 10, 12, 15, 20, 25, 40))
        more = self.rng.random() < 0.4
        amount = f"{'more than ' if more else ''}€{millions} million"
        d, when = self.relative_day()
        text = f"{w.name(state.entity)} {when} announced {amount} for the {w.name(policy)}."
        begin = w.sentence(text)
        node, quantity = w.node("announcement"), w.node("quantity")
        w.add(node, TYPE, wb("Announcement"))
        w.add(node, wb("agent"), state.entity.iri)
        w.add(node, wb("concerns"), policy.iri)
        w.add(node, wb("date"), xsd_date(d))
        w.add(node, wb("amount"), quantity)
        w.add(quantity, TYPE, wb("Quantity"))
        w.add(quantity, wb("value"), decimal(millions * 1_000_000))
        w.add(quantity, wb("unit"), wb("Euros"))
        w.add(quantity, wb("approximation"), wb("MoreThan" if more else "Exact"))
        w.add(quantity, wb("date"), xsd_date(d))
        w.cite(text, begin, [node, quantity])
