"""Events an article reports (visits, meetings, summits, announcements, signings, deployments), found from a
trigger verb or noun in a clause, with who did it, with whom, where and when, as drafts of the event patterns
of docs/MODEL.md for a person to review (docs/ingest/events.md).

The rules are general English news patterns over spaCy's blank tokenizer, the linked names of
wbkg.ingest.mentions and the dates of wbkg.ingest.dates: a negated event ("did not meet") is not drafted, and
a future or reported-future one ("will visit", "would sign") is kept with ``planned`` set, since a plan is not
a fact that happened."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from wbkg.ingest.clauses import (
    PLACE_PREPOSITIONS,
    PRONOUNS,
    ClauseView,
    Participant,
    TextSpan,
    drop_titles,
    lower_words,
    overlaps,
    participant,
    split_clauses,
    tokenize,
)
from wbkg.ingest.dates import DateMention
from wbkg.ingest.gazetteer import Gazetteer
from wbkg.ingest.mentions import Mention
from wbkg.ingest.sentences import Sentence
from wbkg.vocab.namespaces import WBKG

__all__ = ["EventMention", "find_events"]


@dataclass(frozen=True)
class EventMention:
    """One event: ``event_class`` (a wbkg: IRI), its ``trigger`` and the ``clause`` text[begin:end] that is the
    evidence. ``modality``: "actual", "planned" (will, would, is to, ahead of) or "possible" (could, may,
    or inside an if-clause); ``planned`` is True for both of the latter. ``entity``: a known event the clause
    names (a summit of the gazetteer)."""
    event_class: URIRef
    trigger: TextSpan
    agent: Participant | None
    participants: tuple[Participant, ...]
    places: tuple[Participant, ...]
    date: DateMention | None
    planned: bool
    modality: str
    entity: URIRef | None
    begin: int
    end: int
    clause: str
    rule: str
    confidence: float


_VISIT_VERBS = {"visit", "visits", "visited", "visiting", "toured", "tours", "tour"}
_VISIT_NOUNS = {"visit", "visits", "trip", "tour"}
_TRAVEL = {"travelled", "traveled", "travels", "travel", "travelling", "traveling", "went", "flew", "arrived",
           "arrives", "arrive", "been"}
_MEET = {"met", "meet", "meets"}
_HOLD = {"held", "hold", "holds", "holding"}
_TALKS = {"talks", "discussions", "consultations"}
_ANNOUNCE = {"announced", "announces", "announce", "announcing", "unveiled", "unveils", "unveil", "unveiling"}
_CONFIRM = {"confirmed", "confirms"}  # "confirmed [earlier this year] that ...": an announcement, not a quote
_SIGN = {"signed", "signs", "sign", "signing"}
_DOCUMENTS = {"agreement", "agreements", "deal", "memorandum", "treaty", "accord", "contract", "declaration",
              "protocol", "mou", "pact", "arrangement", "letter", "charter", "convention"}
_DEPLOY = {"deployed", "deploy", "deploys", "deploying"}
_DEPLOYMENT = {"deployment", "deployments"}
_SEND = {"send", "sends", "sent", "sending"}
_FORCES = {"troops", "soldiers", "forces", "personnel", "marines", "jets", "aircraft", "ships", "warships",
           "contingent", "battalion", "company", "platoon", "team", "unit", "units", "peacekeepers"}
_HOST = {"host", "hosts", "hosted", "hosting"}
_SUMMIT_NOUNS = {"summit", "conference", "forum"}
_MEETING_NOUNS = {"talks", "meeting", "leaders", "counterparts", "counterpart", "delegation", "ministers",
                  "discussions"}
_AUXILIARIES = {"will", "would", "to", "'ll", "’ll", "shall", "could", "may", "might", "did", "does", "do",
                "not", "n't", "never", "has", "have", "had", "is", "are", "was", "were", "be", "been", "can",
                "must", "should"}
_NEGATIONS = {"not", "n't", "never", "no", "nor", "neither"}
_NEGATING_VERBS = {"refused", "declined", "failed", "refuses", "declines", "fails", "refuse", "decline"}
_FUTURE = {"will", "'ll", "’ll", "shall", "would", "'d", "’d"}
_POSSIBLE = {"could", "may", "might", "can"}
_TO_FUTURE = {"plans", "plan", "planned", "planning", "due", "set", "expected", "going", "intends", "intend",
              "hopes", "hope", "wants", "want", "will", "is", "are", "agreed", "agree", "aims", "scheduled",
              "ready", "prepared", "would", "be", "likely", "invited", "seeks", "seeking", "seek"}
_NOUN_FUTURE = {"upcoming", "forthcoming", "planned", "proposed", "next", "future"}
_DETERMINERS = {"a", "an", "the", "his", "her", "their", "its", "our", "this", "that", "first", "recent",
                "official", "state", "working", "two-day", "three-day", "one-day", "brief", "'s", "’s"}
_DATE_EXCLUDED = {"since", "until", "till", "before", "after", "from", "by"}
_CAPABLE = {"ready", "able", "prepared", "willing", "poised"}
# words that open another clause inside a clause: a date or name beyond them belongs to another verb
_SUBORDINATORS = {"since", "when", "after", "before", "because", "following", "which", "who", "whose", "where",
                  "although", "though", "while", "but", "that", "whereas", "until"}
_PARTICIPLES = {"met", "held", "sent", "made", "given", "signed", "been", "done", "seen", "chosen"}
_PLACE_WINDOW = 12  # tokens between a verb trigger and its place
_NOUN_WINDOW = 5  # tokens between a noun trigger and its place ("a visit to the capital, Pristina")
_EVENT_TYPES = {WBKG.Summit, WBKG.Meeting, WBKG.Visit, WBKG.Signing, WBKG.Deployment, WBKG.Announcement}


def find_events(text: str, mentions: list[Mention], dates: list[DateMention], gazetteer: Gazetteer, *,
                sentences: list[Sentence] | None = None) -> list[EventMention]:
    """Every event a trigger in ``text`` reports, not negated, in text order; one per class and clause."""
    doc = tokenize(text)
    common = lower_words(doc)
    found: dict[tuple, EventMention] = {}
    for clause in split_clauses(text, sentences):
        view = ClauseView(clause, doc, mentions, gazetteer, common)
        for i in range(len(view.tokens)):
            hit = _trigger(view, i)
            if hit is None:
                continue
            event = _event(view, i, *hit, dates)
            if event is None:
                continue
            key = (event.event_class, clause.begin, tuple(p.entity or p.surface for p in event.places))
            if key not in found or found[key].confidence < event.confidence:
                found[key] = event
    return sorted(found.values(), key=lambda e: (e.begin, e.trigger.begin))


def _trigger(view: ClauseView, i: int) -> tuple[URIRef, int, str, bool] | None:
    """(class, index of the trigger's last token, rule, is a noun) when token i begins a trigger."""
    w, words = view.words[i], view.words
    nxt = words[i + 1] if i + 1 < len(words) else ""
    prev = words[i - 1] if i else ""
    rest = words[i + 1:]
    if w in _VISIT_NOUNS and prev not in _AUXILIARIES and (prev in _DETERMINERS or nxt in {"to", "by"}):
        return WBKG.Visit, i, "visit-noun", True
    if w in _VISIT_VERBS and (w != "tour" or prev in _AUXILIARIES):
        return WBKG.Visit, i, "visit-verb", False
    if w in _TRAVEL and nxt == "to" and (w != "been" or prev in {"has", "have", "had"}):
        return WBKG.Visit, i + 1, "travel-to", False
    if w in {"arrived", "arrives", "arrive"} and nxt == "in":
        return WBKG.Visit, i + 1, "travel-to", False
    if w in _MEET:
        return WBKG.Meeting, i + 1 if nxt == "with" else i, "meet-verb", False
    if w == "meeting" and (nxt == "with" or prev in {"is", "was", "were", "are", "be"}):
        return WBKG.Meeting, i + 1 if nxt == "with" else i, "meeting-with", prev not in {"is", "was", "were"}
    if w in _HOLD and nxt in _TALKS:
        return WBKG.Meeting, i + 1, "held-talks", False
    if w in _TALKS and nxt in _HOLD:
        return WBKG.Meeting, i + 1, "talks-held", False
    if w in _ANNOUNCE:
        return WBKG.Announcement, i, "announce-verb", False
    if w in _CONFIRM and "that" in rest[:6] and not {",", ".", ";"} & set(rest[:rest.index("that")]):
        return WBKG.Announcement, i, "confirm-that", False
    if w == "event" and prev in {"a", "an"} and nxt in {"at", "in", "on", "hosted"}:
        return WBKG.Event, i, "event-noun", True
    if w == "announcement" and nxt in {"of", "by", "that"}:
        return WBKG.Announcement, i, "announcement-noun", True
    if w in _SIGN and any(x in _DOCUMENTS for x in words[max(0, i - 4):i + 6]):
        return WBKG.Signing, i, "sign-document", False
    if w in _DEPLOY:
        return WBKG.Deployment, i, "deploy-verb", False
    if w in _DEPLOYMENT and nxt in {"of", "to", "in"}:
        return WBKG.Deployment, i, "deployment-noun", True
    if w in _SEND and any(x in _FORCES for x in rest[:6]):
        return WBKG.Deployment, i, "send-troops", False
    if w in _HOST:
        phrase = _until_break(rest[:10])
        if any(x in _SUMMIT_NOUNS for x in phrase):
            return WBKG.Summit, i, "host-summit", False
        if any(x in _MEETING_NOUNS for x in phrase[:6]):
            return WBKG.Meeting, i, "host-meeting", False
    return None


def _event(view: ClauseView, first: int, cls: URIRef, last: int, rule: str, noun: bool,
           dates: list[DateMention]) -> EventMention | None:
    if _negated(view, first):
        return None
    start_tok, end_tok = view.tokens[first], view.tokens[last]
    trigger = TextSpan(start_tok.idx, end_tok.idx + len(end_tok.text),
                       view.clause_text(start_tok.idx, end_tok.idx + len(end_tok.text)))
    word = view.words[first]
    passive = not noun and first >= 1 and view.words[first - 1] in {"was", "were", "been", "be", "is", "are"} \
        and (word.endswith("ed") or word in _PARTICIPLES) and rule != "meeting-with" or rule == "talks-held"
    by_agents = _after_by(view, last, _NOUN_WINDOW + 2 if noun else len(view.tokens))
    agent = _noun_agent(view, first) if noun else _subject(view, first)
    others: list[Participant] = []
    if (noun or passive) and by_agents:
        agent, others = by_agents[0], by_agents[1:]
    places = _places(view, first, trigger, cls, agent, _NOUN_WINDOW if noun else _PLACE_WINDOW)
    participants = []
    for p in others + _objects(view, last, cls):
        if p not in places and p != agent and (p.entity is None or p.entity not in {q.entity for q in participants}):
            participants.append(p)
    if noun and agent is None and not places and not participants:
        return None  # "the visit comes ahead of ...": a later reference to an event already drafted
    modality = _modality(view, first, noun)
    date = _date(view, trigger, dates, noun)
    if rule == "event-noun" and date is None:
        return None  # "an event at ...": a bare noun is worth drafting only with its own date
    entity = next((m.entity for m in view.mentions if view.types(m) & _EVENT_TYPES and cls in _EVENT_TYPES
                   and (cls in view.types(m) or (cls == WBKG.Summit and WBKG.Summit in view.types(m)))), None)
    confidence = 0.55 if noun else 0.65
    confidence += 0.15 if agent is not None and agent.entity is not None else 0.05 if agent is not None else 0
    confidence += 0.1 if places or participants else 0
    confidence += 0.05 if date is not None else 0
    confidence -= 0.2 if modality == "possible" else 0
    return EventMention(cls, trigger, agent, tuple(participants), tuple(places), date, modality != "actual",
                        modality, entity, view.clause.begin, view.clause.end, view.clause.text, rule,
                        round(min(confidence, 0.95), 2))


def _negated(view: ClauseView, i: int) -> bool:
    """A negation up to six words before the trigger, in the same stretch of the clause."""
    for j in range(i - 1, max(-1, i - 7), -1):
        w = view.words[j]
        if w in {",", ";", "but", "and", "while", "which", "who"}:
            return False
        if w in _NEGATIONS or w in _NEGATING_VERBS:
            return True
    return False


def _modality(view: ClauseView, i: int, noun: bool) -> str:
    words = view.words
    if "if" in words[:i] or "unless" in words[:i]:
        return "possible"
    for j in range(i - 1, max(-1, i - 6), -1):
        w = words[j]
        if w in {",", ";"} or (not noun and w not in _AUXILIARIES and j < i - 1 and w not in _TO_FUTURE
                                and w not in {"also", "then", "now", "soon", "later", "first", "jointly"}):
            break
        if noun and (w in _NOUN_FUTURE or (w == "of" and j and words[j - 1] == "ahead")):
            return "planned"
        if not noun and w in _FUTURE:
            return "planned"
        if not noun and w in _POSSIBLE:
            return "possible"
        if not noun and w == "to" and j and words[j - 1] in _CAPABLE:
            return "possible"
        if not noun and w == "to" and j and words[j - 1] in _TO_FUTURE:
            return "planned"
    return "actual"


def _subject(view: ClauseView, i: int) -> Participant | None:
    """The nearest name before the verb that is not after a preposition: a linked agent, a capitalised name
    or title, or a pronoun."""
    trigger_at = view.tokens[i].idx
    best: Participant | None = None
    for m in view.mentions:
        if m.end <= trigger_at and view.is_agent(m) and not view.is_oblique(m.begin) and not _possessive(view, m.end):
            best = participant(m)
    for run in view.capitalised_runs(0, i):
        covered = overlaps(run, [m for m in view.mentions if m.entity is not None])
        if not covered and not view.is_oblique(run.begin) and (best is None or run.begin >= best.end) \
                and not _possessive(view, run.end):
            best = Participant(run.begin, run.end, run.text, None)
    for j in range(i - 1, -1, -1):
        if view.words[j] in PRONOUNS and (best is None or view.tokens[j].idx > best.end):
            tok = view.tokens[j]
            return Participant(tok.idx, tok.idx + len(tok.text), tok.text, None)
    return best


def _possessive(view: ClauseView, end: int) -> bool:
    j = view.index_at(end)
    return j < len(view.tokens) and view.words[j] in {"'s", "’s"}


def _noun_agent(view: ClauseView, i: int) -> Participant | None:
    """The owner of a noun trigger: "Mr Lancaster's visit" (a name right before "'s" and its modifiers)."""
    j = i - 1
    while j >= 0 and view.words[j] in {"first", "recent", "official", "state", "planned", "upcoming"}:
        j -= 1
    if j >= 1 and view.words[j] in {"'s", "’s"}:
        owner_end = view.tokens[j].idx
        for m in view.mentions:
            if m.end == owner_end and view.is_agent(m):
                return participant(m)
        runs = [r for r in view.capitalised_runs(0, j) if r.end == owner_end]
        if runs:
            return Participant(runs[-1].begin, runs[-1].end, runs[-1].text, None)
    return None


def _after_by(view: ClauseView, last: int, window: int) -> list[Participant]:
    """The names of a "by" phrase after the trigger ("was signed ... by X and Y", "a visit to Z by X")."""
    for j in range(last + 1, min(len(view.tokens), last + 1 + window)):
        if view.words[j] == "by":
            start = view.tokens[j].idx
            names = [participant(m) for m in view.mentions
                     if m.begin > start and view.is_agent(m) and not view.is_location(m)]
            names = [p for p in names if not _after_place_prep(view, p.begin)]
            if not names:
                runs = view.capitalised_runs(j + 1)
                names = [Participant(r.begin, r.end, r.text, None) for r in runs[:1]]
            return drop_titles(names, view)
    return []


def _after_place_prep(view: ClauseView, begin: int) -> bool:
    return view.word_before(begin, frozenset({"the"})) in PLACE_PREPOSITIONS


def _places(view: ClauseView, i: int, trigger: TextSpan, cls: URIRef, agent: Participant | None,
            window: int) -> list[Participant]:
    """Locations after a place preposition (or the object of a visit verb), linked or capitalised, within
    ``window`` tokens of the trigger (after it only, for a noun: "a visit to Kosovo")."""
    verbs = frozenset({view.words[i]}) if cls == WBKG.Visit else frozenset()
    low = i + 1 if window == _NOUN_WINDOW else max(0, i - window)
    high = min(len(view.tokens), i + window + 1)
    if low >= high:
        return []
    lo = view.tokens[low].idx
    hi = view.tokens[high - 1].idx + len(view.tokens[high - 1].text)
    out = [participant(m) for m in view.mentions if view.is_location(m) and view.place_marked(m.begin, verbs)
           and (agent is None or m.begin != agent.begin) and lo <= m.begin < hi]
    for run in view.capitalised_runs(max(low, i + 1), high):
        if overlaps(run, view.mentions) or _is_date_word(run.text):
            continue
        if view.word_before(run.begin, frozenset({"the"})) in PLACE_PREPOSITIONS | verbs:
            out.append(Participant(run.begin, run.end, run.text, None))
    return sorted(set(out), key=lambda p: p.begin)


def _is_date_word(text: str) -> bool:
    first = text.split()[0].lower()
    return first in {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
                     "friday", "saturday", "sunday"}


def _objects(view: ClauseView, last: int, cls: URIRef) -> list[Participant]:
    """Who else took part: for meetings and hosting, the names after the trigger that are not places."""
    if cls not in {WBKG.Meeting, WBKG.Summit}:
        return []
    after = view.tokens[last].idx + len(view.tokens[last].text)
    stop = _break_after(view, last)
    found = [participant(m) for m in view.mentions if after <= m.begin < stop and view.is_agent(m)
             and not view.is_location(m) and view.word_before(m.begin, frozenset({"the"})) not in
             PLACE_PREPOSITIONS | {"by", "of", "for", "on", "about"}]
    for run in view.capitalised_runs(last + 1):
        if run.begin < stop and not overlaps(run, view.mentions) and not _is_date_word(run.text) \
                and view.word_before(run.begin, frozenset({"the"})) not in PLACE_PREPOSITIONS | {"by", "of"}:
            found.append(Participant(run.begin, run.end, run.text, None))
    return drop_titles(sorted(set(found), key=lambda p: p.begin), view)


def _date(view: ClauseView, trigger: TextSpan, dates: list[DateMention], noun: bool) -> DateMention | None:
    """The resolved date in the clause nearest the trigger, not a bound ("since 1999", "until 2028"); for a
    noun, one after it ("a visit to Kosovo last week") or its owner ("Wednesday's summit")."""
    i = view.index_at(trigger.begin)
    start, stop = _break_before(view, i), _break_after(view, i)
    if noun:
        owner = [d for d in dates if _possessive(view, d.end) and 0 <= trigger.begin - d.end <= 12]
        start = owner[0].begin if owner else trigger.begin
    inside = [d for d in dates if start <= d.begin and d.end <= stop
              and d.value is not None and view.word_before(d.begin) not in _DATE_EXCLUDED]
    return min(inside, key=lambda d: abs(d.begin - trigger.begin), default=None)


def _until_break(words: list[str]) -> list[str]:
    for k, w in enumerate(words):
        if w in {",", ";", "."} or w in _SUBORDINATORS:
            return words[:k]
    return words


def _break_before(view: ClauseView, i: int) -> int:
    """Where the stretch of the clause that holds token i begins (after the last subordinator before it)."""
    for j in range(i - 1, -1, -1):
        if view.words[j] in _SUBORDINATORS:
            return view.tokens[j].idx
    return view.clause.begin


def _break_after(view: ClauseView, i: int) -> int:
    for j in range(i + 1, len(view.tokens)):
        if view.words[j] in _SUBORDINATORS:
            return view.tokens[j].idx
    return view.clause.end
