"""Dated background an article states in passing: a founding ("KFOR was established in 1999", "the Forum,
set up by Jan Novak in 2014", "an agreement was signed today ..., establishing the Cell", "Ruritania set up
the Zenda Fund in 2019"), an accession ("Ruritania joined ATLO in March 2020", "ATLO's newest member,
which joined in 2020"), a period of service ("he served there in 1999-2000") and the date of a known event
("Wednesday's summit", "the War in the 1990s", "the Wednesday summit") (docs/ingest/drafts.md).

Why a block of its own: these dates belong to no event the events block drafts (nothing happens in the
article's present), so without it a date the dates block finds never reaches the draft. Each rule needs the
date attached to the phrase by syntax (a passive or reduced participle then "in DATE", a possessive before
the event's name, "in DATE" right after it); a date merely in the same sentence is not taken."""
from __future__ import annotations

import re
from dataclasses import dataclass

from wbkg.ingest.clauses import (
    AGENT_TYPES,
    LOCATION_TYPES,
    ClauseView,
    Participant,
    lower_words,
    participant,
    split_clauses,
    tokenize,
)
from wbkg.ingest.dates import DateMention, PartialDate
from wbkg.ingest.gazetteer import Gazetteer
from wbkg.ingest.mentions import Mention
from wbkg.ingest.sentences import Sentence
from wbkg.vocab.namespaces import WBKG

__all__ = ["HistoryMention", "find_histories"]


@dataclass(frozen=True)
class HistoryMention:
    """``kind``: "founding" (``subject`` set up, by ``agent``), "accession" (``subject`` the state joined
    ``other`` the organisation), "service" (``agent`` served in ``other`` the place) or "event-date"
    (``subject`` a known event, dated). ``date`` is the date (a start, for a service with ``end_date``).
    text[begin:end] is the evidence: the phrase from the name to the date."""
    kind: str
    subject: Participant | None
    agent: Participant | None
    other: Participant | None
    date: DateMention
    end_date: DateMention | None
    begin: int
    end: int
    rule: str
    confidence: float


_FOUNDED = {"established", "founded", "created", "launched", "formed", "inaugurated", "instituted"}
_PASSIVE = {"was", "were", "been", "is", "are", "being"}
_ADVERBS = {"first", "originally", "formally", "officially", "only", "initially", "has", "have", "had"}
_JOINED = {"joined", "acceded"}
_RELATIVES = {"which", "who", "that"}
_AT_DATE = {"in", "on", "during"}
_POSSESSIVE = {"'s", "’s"}
_RANGE = re.compile(r"^\s*(?:-|–|—|to|and|until)\s*$")


def find_histories(text: str, mentions: list[Mention], dates: list[DateMention], gazetteer: Gazetteer, *,
                   sentences: list[Sentence] | None = None,
                   published: PartialDate | None = None) -> list[HistoryMention]:
    """Every founding, accession, service and known-event date in ``text``, in text order. With ``published``,
    a founding dated after it (a plan) is not one."""
    doc = tokenize(text)
    common = lower_words(doc)
    resolved = [d for d in dates if d.value is not None]
    found: list[HistoryMention] = []
    for clause in split_clauses(text, sentences):
        view = ClauseView(clause, doc, mentions, gazetteer, common)
        found += _foundings(view, resolved) + _accessions(view, resolved) + _services(view, resolved)
        found += _establishings(view, resolved, published)
    found += _event_dates(text, mentions, resolved, gazetteer)
    return sorted(set(found), key=lambda h: (h.begin, h.kind))


def _date_at(view: ClauseView, k: int, dates: list[DateMention]) -> DateMention | None:
    """The date that token k introduces: "in/on/during DATE" (k the preposition), or DATE itself at k."""
    if k >= len(view.tokens):
        return None
    start = view.tokens[k + 1].idx if view.words[k] in _AT_DATE and k + 1 < len(view.tokens) else None
    return next((d for d in dates if d.begin == start), None) if start is not None else None


def _name_ending(view: ClauseView, j: int) -> Participant | None:
    """The linked name or capitalised run whose last token is token j."""
    if j < 0:
        return None
    end = view.tokens[j].idx + len(view.tokens[j].text)
    for m in view.mentions:
        if m.end == end and m.entity is not None:
            return participant(m)
    runs = [r for r in view.capitalised_runs(0, j + 1) if r.end == end]
    return Participant(runs[-1].begin, runs[-1].end, runs[-1].text, None) if runs else None


def _last_name(view: ClauseView, lo: int, hi: int, places: bool = True) -> Participant | None:
    """The last linked name or capitalised run between token indexes lo and hi: the person after any titles
    ("former chancellor Jan Novak"); linked places left out unless ``places``."""
    if lo >= hi:
        return None
    b, e = view.tokens[lo].idx, view.tokens[hi - 1].idx + len(view.tokens[hi - 1].text)
    linked = [m for m in view.mentions if b <= m.begin and m.end <= e and m.entity is not None]
    names = [participant(m) for m in linked if places or not view.is_location(m)]
    names += [Participant(r.begin, r.end, r.text, None) for r in view.capitalised_runs(lo, hi)
              if not any(n.begin <= r.begin < n.end for n in linked)]
    return max(names, key=lambda n: n.begin, default=None)


def _foundings(view: ClauseView, dates: list[DateMention]) -> list[HistoryMention]:
    """"X was established in DATE", "X, set up by Y in DATE", "X set up by Y in DATE": a participle of
    founding after its subject (passive, or reduced with "by" or after a comma), then "in/on DATE"."""
    out, words = [], view.words
    for i, w in enumerate(words):
        if w in _FOUNDED:
            last = i
        elif w == "set" and i + 1 < len(words) and words[i + 1] == "up":
            last = i + 1
        else:
            continue
        j, passive = i - 1, False
        while j >= 0 and (words[j] in _PASSIVE or words[j] in _ADVERBS):
            passive = passive or words[j] in _PASSIVE
            j -= 1
        comma = j >= 0 and words[j] == ","
        subject = _name_ending(view, j - 1 if comma else j)
        k, agent = last + 1, None
        if k < len(words) and words[k] == "by":
            stop = next((n for n in range(k + 1, min(len(words), k + 10)) if _date_at(view, n, dates)), None)
            if stop is None or "," in words[k + 1:stop]:
                continue
            agent, k = _last_name(view, k + 1, stop), stop
        elif not (passive or comma):
            continue  # "Ruritania launched in 2020 ...": an active verb, not the founding of its subject
        date = _date_at(view, k, dates)
        if subject is None or date is None or (agent is None and k != last + 1):
            continue
        out.append(HistoryMention("founding", subject, agent, None, date, None, subject.begin, date.end,
                                  "founding-passive" if passive else "founding-participle",
                                  0.75 if passive else 0.7))
    return out


# --- a signing, agreement or decision that sets something up; an active founding verb with its object ------

# what sets something up when it is signed, adopted or decided: "an agreement establishing", "the decree, which
# creates"; and the verbs that report its signing or adoption
_INSTRUMENTS = {"agreement", "agreements", "deal", "memorandum", "treaty", "accord", "protocol", "mou", "pact",
                "arrangement", "charter", "convention", "declaration", "decision", "decree", "resolution", "law"}
_ENACTED = {"signed", "signs", "signing", "adopted", "adopts", "approved", "approves", "ratified", "ratifies",
            "decided", "decides"}
_ING = {"establishing", "creating", "founding", "launching", "forming", "instituting"}
_PRESENT = {"establishes", "creates", "founds", "launches", "forms", "institutes"}
_PAST = {"established", "created", "founded", "launched", "formed", "instituted"}
# between the verb and the name of what it sets up: determiners and a few adjectives, nothing else (so that
# "established contacts with NATO" sets up nothing)
_BEFORE_NAME = {"a", "an", "the", "its", "their", "his", "her", "our", "this", "new", "joint", "permanent",
                "first", "regional", "special", "dedicated", "small", "bilateral", "multinational"}
_VERB_ADVERBS = {"formally", "officially", "jointly", "also", "thereby", "effectively", "thus", "today", "now",
                 "recently", "has", "have", "had"}
# a founding spoken of as to come, wished, possible or denied is none ("plans to establish", "will set up",
# "did not create"); the infinitive is refused at the verb ("an agreement to set up": what it is for)
_NOT_DONE = {"will", "would", "shall", "could", "may", "might", "should", "'ll", "’ll", "plans", "plan",
             "planned", "planning", "intends", "intend", "expected", "due", "aims", "hopes", "proposed", "proposes",
             "propose", "proposal", "seeks", "wants", "considering", "considers", "discussed", "discussing", "if",
             "unless", "not", "n't", "never", "no", "refused", "declined", "failed", "rejected", "postponed"}
_SUBJECT_PRONOUNS = {"it", "they", "we", "he", "she"}
# what may stand between the signing (or the name set up) and its date: "signed today", "signed an agreement
# on 3 May", "the Decision of 22 March 2021", "established the Fund in 2019"
_DATE_GLUE = {"on", "in", "of", "dated", "during", "a", "an", "the"} | _INSTRUMENTS
_BEFORE_VERB = {"has", "have", "had", "formally", "officially", "jointly", "also"}


def _establishings(view: ClauseView, dates: list[DateMention], published: PartialDate | None) -> list[HistoryMention]:
    """"<a signing, agreement or decision> ..., establishing / creating / setting up <Name>" (also "an
    agreement establishing", "the decree, which creates", "the treaty establishes") and "<founder>
    established / set up / created / launched / founded <Name>": the name set up gets the date the clause
    attaches to the signing, to the verb or to the name; a founder is named only by the active verb."""
    out, words = [], view.words
    for i, w in enumerate(words):
        if w == "setting" or w in {"set", "sets"}:
            if i + 1 >= len(words) or words[i + 1] != "up":
                continue
            last, form = i + 1, "ing" if w == "setting" else "present" if w == "sets" else "past"
        elif w in _ING or w in _PRESENT or w in _PAST:
            last, form = i, "ing" if w in _ING else "present" if w in _PRESENT else "past"
        else:
            continue
        if _NOT_DONE & {words[k] for k in range(i) if not any(d.begin <= view.tokens[k].idx < d.end for d in dates)}:
            continue  # a date's words are not modal ("3 May")
        j = i - 1
        while j >= 0 and words[j] in _VERB_ADVERBS:
            j -= 1
        prev = words[j] if j >= 0 else ""
        if prev == "to":
            continue  # "plans to establish", "an agreement to set up": what is wanted, not what was done
        enacting = [k for k in range(j + 1) if words[k] in _INSTRUMENTS or words[k] in _ENACTED]
        agent = None
        if prev in _INSTRUMENTS or (prev in {",", "which", "that"} and enacting):
            rule = "founding-instrument"
            if not enacting:
                continue
        elif form == "past" and prev not in _PASSIVE and (prev in _SUBJECT_PRONOUNS or _name_ending(view, j)):
            rule, agent = "founding-active", _name_ending(view, j)
            if agent is not None and view.is_oblique(agent.begin):
                if not enacting:
                    continue
                rule, agent = "founding-instrument", None  # "the treaty signed by Ruritania established"
        else:
            continue  # "the newly established cell", "proposed creating", "was established by": not this rule
        thing = _named_object(view, last + 1)
        if thing is None:
            continue
        anchors = [view.tokens[k].idx + len(view.tokens[k].text) for k in enacting]
        anchors += [view.tokens[last].idx + len(view.tokens[last].text), thing.end]
        date = _attached_date(view, dates, anchors, view.tokens[i].idx, thing, published)
        if date is None:
            continue
        if rule == "founding-instrument":
            first = enacting[0] - (enacting[0] > 0 and words[enacting[0] - 1] in {"a", "an", "the"})
            opener = view.tokens[first].idx
        else:
            opener = agent.begin if agent is not None else view.tokens[j].idx
        begin, end = min(opener, date.begin), max(thing.end, date.end)
        out.append(HistoryMention("founding", thing, agent, None, date, None, begin, end, rule,
                                  0.7 if rule == "founding-instrument" or agent is not None else 0.65))
    return out


def _named_object(view: ClauseView, k: int) -> Participant | None:
    """The name that token k begins, after determiners and a few adjectives: the longest of the linked
    mention and the capitalised run starting there (a run longer than the known name it begins is another
    name, the one a proposal carries)."""
    n = 0
    while k < len(view.words) and view.words[k] in _BEFORE_NAME and n < 4:
        k, n = k + 1, n + 1
    if k >= len(view.tokens) or not view.tokens[k].text[:1].isupper():
        return None
    at = view.tokens[k].idx
    runs = [r for r in view.capitalised_runs(k, len(view.tokens)) if r.begin == at]
    linked = [m for m in view.mentions if m.begin == at and m.entity is not None]
    if linked and (not runs or linked[0].end >= runs[0].end):
        return participant(linked[0])
    return Participant(runs[0].begin, runs[0].end, runs[0].text, None) if runs else None


def _attached_date(view: ClauseView, dates: list[DateMention], anchors: list[int], verb: int, thing: Participant,
                   published: PartialDate | None) -> DateMention | None:
    """The one date the clause attaches to an anchor (the end of the signing verb or instrument noun, of the
    founding verb, of the name set up) by at most three glue words ("signed today", "signed an agreement on
    3 May", "established the Fund in 2019"), that stands right before the founding verb ("Ruritania today
    established"), or that opens the clause ("On 3 May ...", "Today, ..."); none when two differ, or when it
    is later than the publication (a plan)."""
    found = []
    for d in dates:
        if not (view.clause.begin <= d.begin and d.end <= view.clause.end) or thing.begin <= d.begin < thing.end:
            continue
        if published is not None and d.value.earliest > published.latest:
            continue
        between = [t.lower_ for t in view.tokens if t.idx < d.begin]
        opens = between in (["on"], ["in"]) or (not between and view.clause_text(d.end, d.end + 1) == ",")
        glued = any(a <= d.begin and len(g := [t.lower_ for t in view.tokens if a <= t.idx < d.begin]) <= 3
                    and set(g) <= _DATE_GLUE for a in anchors)
        adverb = d.end <= verb and {t.lower_ for t in view.tokens if d.end <= t.idx < verb} <= _BEFORE_VERB
        if opens or glued or adverb:
            found.append(d)
    values = {(d.value.lexical, d.value.precision) for d in found}
    return found[0] if len(values) == 1 else None


def _types(view: ClauseView, p: Participant | None):
    return view.gazetteer.entity_types(p.entity) if p is not None and p.entity is not None else frozenset()


def _accessions(view: ClauseView, dates: list[DateMention]) -> list[HistoryMention]:
    """"<state> joined <organisation> in DATE"; "<state>, <organisation>'s newest member which joined in DATE"
    (the state the clause names first, the organisation its possessive)."""
    out, words = [], view.words
    for i, w in enumerate(words):
        if w not in _JOINED:
            continue
        k = i + 1 + (w == "acceded" and i + 1 < len(words) and words[i + 1] == "to")
        org = None
        if k < len(words) and words[k] == "the":
            k += 1
        nxt = [m for m in view.mentions if k < len(view.tokens) and m.begin == view.tokens[k].idx]
        if nxt and nxt[0].entity is not None and not view.is_location(nxt[0]) and view.is_agent(nxt[0]):
            org = participant(nxt[0])
            k = view.index_at(nxt[0].end)
        date = _date_at(view, k, dates)
        if date is None:
            continue
        j = i - 1
        while j >= 0 and words[j] in _ADVERBS:
            j -= 1
        before = view.mentions if j >= 0 and words[j] in _RELATIVES else \
            [m for m in view.mentions if j >= 0 and m.end == view.tokens[j].idx + len(view.tokens[j].text)]
        states = [m for m in before if m.begin < view.tokens[i].idx and WBKG.State in view.types(m)]
        if not states:
            continue
        state = participant(states[0])
        if org is None:  # "NATO's newest ally which joined": the organisation is the possessive of the apposition
            owners = [m for m in view.mentions if state.end <= m.begin < view.tokens[i].idx and m.entity
                      and view.is_agent(m) and not view.is_location(m)
                      and view.words[view.index_at(m.end)] in _POSSESSIVE]
            org = participant(owners[0]) if owners else None
        if org is not None:
            out.append(HistoryMention("accession", state, None, org, date, None, state.begin, date.end,
                                      "accession-joined", 0.75))
    return out


def _services(view: ClauseView, dates: list[DateMention]) -> list[HistoryMention]:
    """"<person> served there / in <place> in DATE[-DATE]": a period of military service; "served as" (a post)
    is not one; "there" is the last place the clause named before."""
    out, words = [], view.words
    for i, w in enumerate(words):
        if w != "served" or i + 1 >= len(words) or words[i + 1] in {"as", "on", "under", "for"}:
            continue
        at = view.tokens[i].idx
        places = [m for m in view.mentions if view.types(m) & LOCATION_TYPES and m.entity is not None]
        k, place = i + 1, None
        if words[k] == "there":
            before = [m for m in places if m.end <= at]
            place, k = (participant(before[-1]) if before else None), k + 1
        elif words[k] == "in":
            here = [m for m in places if k + 1 < len(view.tokens) and m.begin == view.tokens[k + 1].idx]
            place, k = (participant(here[0]) if here else None), view.index_at(here[0].end) if here else k
        date = _date_at(view, k, dates)
        if place is None or date is None:
            continue
        end = next((d for d in dates if d.begin > date.end and _RANGE.match(view.clause_text(date.end, d.begin))),
                   None)
        agent = _last_name(view, 0, i, places=False)
        pronoun = next((t for t in reversed(view.tokens[:i]) if t.lower_ in {"he", "she"}), None)
        if agent is None or (agent.entity is not None and WBKG.Person not in view.types(agent)):
            continue
        begin = min(agent.begin, pronoun.idx if pronoun is not None else agent.begin)
        out.append(HistoryMention("service", None, agent, place, date, end, begin, (end or date).end,
                                  "service-served", 0.65))
    return out


def _event_dates(text: str, mentions: list[Mention], dates: list[DateMention],
                 gazetteer: Gazetteer) -> list[HistoryMention]:
    """A known entity's name with a date attached: "DATE's NAME", "NAME [in PLACE] in/on DATE" (or a relative date right after:
    "the summit next year"), and "the DATE
    NOUN" where NOUN ends the name of exactly one entity the text links elsewhere (an anaphor: "the Wednesday
    summit"). Places and agents are left out here; which of the rest are events is the writer's question (it
    knows the class tree)."""
    linked = [m for m in mentions if m.entity is not None]
    out = []
    for m in linked:
        if gazetteer.entity_types(m.entity) & (LOCATION_TYPES | AGENT_TYPES):
            continue  # a place or an agent is never an event: "Kosovo in 2023" dates nothing
        for d in dates:
            if re.fullmatch(r"\s*['’]s\s+", text[d.end:m.begin]):
                out.append(HistoryMention("event-date", participant(m), None, None, d, None, d.begin, m.end,
                                          "event-date-possessive", 0.7))
        tail = m.end
        place = next((p for p in linked if re.fullmatch(r"\s+in\s+", text[m.end:p.begin])
                      and p is not m), None)
        if place is not None:
            tail = place.end
        for d in dates:
            if re.fullmatch(r"\s+(?:in|on|during)\s+" if not d.relative else r"\s+(?:(?:in|on|during)\s+)?",
                            text[tail:d.begin]):
                out.append(HistoryMention("event-date", participant(m), None, None, d, None, m.begin, d.end,
                                          "event-date-after", 0.7))
    for d in dates:
        the = re.search(r"\bthe\s+$", text[max(0, d.begin - 8):d.begin], re.I)
        if the is None:
            continue
        noun = re.match(r"\s+([A-Za-z]+)\b", text[d.end:d.end + 40])
        if noun is None:
            continue
        named = {m.entity for m in linked if m.begin == d.end + noun.start(1)}  # "the Wednesday summit", linked
        heads = named or {m.entity for m in linked if m.surface.lower().split()[-1] == noun.group(1).lower()}
        if len(heads) == 1:
            at = d.end + noun.start(1)
            out.append(HistoryMention("event-date", Participant(at, at + len(noun.group(1)), noun.group(1),
                                                                heads.pop()),
                                      None, None, d, None, max(0, d.begin - 8) + the.start(), at + len(noun.group(1)),
                                      "event-date-anaphor", 0.6))
    return out
