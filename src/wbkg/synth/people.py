"""Article blocks about people: visits (with a meeting), statements with the stance they express, and
appointments (a tenure with its start and end)."""
from __future__ import annotations

from .terms import TYPE, XSD, Lit, en, iri, wb, xsd_date, xsd_year


class PeopleBlocks:
    """Mixed into ArticleGenerator (which supplies ``w``, ``world``, ``rng``, ``day`` and the helpers)."""

    def visit(self):
        w, uk = self.w, self.world.uk
        post = self.rng.choice([uk.posts["DefenceMinister"], uk.posts["ForeignMinister"],
                                uk.posts["HeadOfGovernment"], uk.posts["DefenceMinister2"]])
        if self.rng.random() < 0.3:
            visitor_state = self.wb_state()
            post = visitor_state.posts[self.rng.choice(("DefenceMinister", "HeadOfGovernment", "ForeignMinister"))]
            host = uk if self.rng.random() < 0.6 else self.wb_state(exclude=(visitor_state,))
        else:
            host = self.wb_state()
        d, when = self.relative_day()
        city = host.capital if self.rng.random() < 0.7 or not host.towns else self.rng.choice(host.towns)
        term, who, tenure = self.tenure(post, d)
        city_name = w.name(city)
        country = f", {w.name(host.entity)}," if city is not host.capital else ""
        text = f"{who} visited {city_name}{country} {when}."
        begin = w.sentence(text)
        visit = w.node("visit")
        w.add(visit, TYPE, wb("Visit"))
        w.add(visit, wb("agent"), term.person.iri)
        w.add(visit, wb("place"), city.iri)
        w.add(visit, wb("date"), xsd_date(d))  # the city only: it is partOf the country (docs/MODEL.md)
        w.cite(text, begin, [visit])
        w.cite(who, begin, [tenure])
        self.headline = self.headline or f"{post.short if post.alt else post.label} visits {host.entity.label}"
        # a meeting during the visit
        other_post = host.posts.get("DefenceMinister") if host is not uk else uk.posts["HeadOfGovernment"]
        if other_post is None or other_post is post:
            return
        other, other_words, other_tenure = self.tenure(other_post, d)
        if other.person is term.person:
            return
        topic = self.rng.choice(self.world.topics)
        meeting_text = (f"{w.name(term.person)} met {other_words} to discuss {w.name(topic)}.")
        mbegin = w.sentence(meeting_text)
        meeting = w.node("meeting")
        w.add(meeting, TYPE, wb("Meeting"))
        w.add(meeting, wb("participant"), term.person.iri)
        w.add(meeting, wb("participant"), other.person.iri)
        w.add(meeting, wb("concerns"), topic.iri)
        w.add(meeting, wb("occasion"), visit)
        w.add(meeting, wb("date"), xsd_date(d))
        w.cite(meeting_text, mbegin, [meeting])
        w.cite(other_words, mbegin + meeting_text.index(other_words), [other_tenure])

    def statement(self):
        w = self.w
        state = self.wb_state() if self.rng.random() < 0.75 else self.state()
        kind = self.rng.choice(("HeadOfGovernment", "ForeignMinister", "DefenceMinister", "HeadOfState"))
        post = state.posts.get(kind) or state.posts["HeadOfGovernment"]
        term, who, tenure = self.tenure(post, self.day)
        policy = self.rng.choice(self.world.policies)
        position = self.rng.choice(("Supports", "Opposes", "Conditional"))
        state_name = w.name(state.entity)
        policy_name = w.name(policy)
        if position == "Supports":
            quote = f"{state_name} is ready to work with the United Kingdom on the {policy_name}."
            if state is self.world.uk:
                quote = f"Britain is ready to lead on the {policy_name}."
        elif position == "Opposes":
            quote = f"{state_name} will not take part in the {policy_name}."
        else:
            condition = f"if the {self.rng.choice(self.world.topics).label} talks succeed"
            quote = f"{state_name} could join the {policy_name} {condition}."
        direct = self.rng.random() < 0.7
        if direct:
            text = f"{who} said: “{quote}”"
        else:
            quote = quote.replace("is ready", "was ready").replace("will not", "would not").replace(
                "could join", "might join")
            text = f"{who} said that {quote}"
        begin = w.sentence(text)
        statement, stance = w.node("statement"), w.node("stance")
        w.add(statement, TYPE, wb("Statement"))
        w.add(statement, wb("speaker"), term.person.iri)
        w.add(statement, wb("speakingAs"), post.iri)
        w.add(statement, wb("date"), xsd_date(self.day))
        w.add(statement, wb("text"), en(quote))
        w.add(statement, wb("directQuote"), Lit("true" if direct else "false", XSD + "boolean"))
        w.add(statement, wb("concerns"), policy.iri)
        w.add(stance, TYPE, wb("Stance"))
        w.add(stance, wb("stanceHolder"), term.person.iri)
        w.add(stance, wb("onBehalfOfState"), state.entity.iri)
        w.add(stance, wb("stanceOn"), policy.iri)
        w.add(stance, wb("position"), wb(position))
        w.add(stance, wb("expressedIn"), statement)
        w.add(stance, wb("date"), xsd_date(self.day))
        if position == "Conditional":
            w.add(stance, wb("condition"), en(condition))
        w.cite(text, begin, [statement, stance])
        w.cite(who, begin, [tenure])
        self.headline = self.headline or f"{term.person.label} on the {policy.label}"

    def appointment(self):
        """"X became P in YEAR" (a current holder), or "X served as P from Y1 to Y2" (a former one)."""
        w = self.w
        state = self.wb_state() if self.rng.random() < 0.6 else self.state()
        post = state.posts[self.rng.choice(sorted(state.posts))]
        terms = self.world.terms[post.slug]
        term = self.world.holder(post, self.day)
        index = terms.index(term)
        former = index > 0 and self.rng.random() < 0.4
        if former:
            term = terms[index - 1]
        node = iri(f"tenure-{term.person.slug}-{post.slug}")
        w.add(node, TYPE, wb("Tenure"))
        w.add(node, wb("holder"), term.person.iri)
        w.add(node, wb("post"), post.iri)
        w.add(node, wb("startDate"), xsd_year(term.start.year))
        if former:
            w.add(node, wb("endDate"), xsd_year(term.end.year))
            w.add(node, wb("asOf"), xsd_year(term.end.year))
            text = (f"{w.name(term.person)} served as {w.name(post)} from {term.start.year} "
                    f"to {term.end.year}.")
        else:
            w.add(node, wb("asOf"), xsd_date(self.day))
            text = f"{w.name(term.person)} became {w.name(post)} in {term.start.year}."
        begin = w.sentence(text)
        w.cite(text, begin, [node])
