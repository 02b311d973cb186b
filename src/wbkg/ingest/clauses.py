"""Clauses and the token-level reading of them that the event and contribution rules share
(docs/ingest/events.md): a clause is the evidence a drafted fact quotes, so it must be shorter than a sentence
where the sentence has several parts, and each rule looks at the words and linked names of one clause only.

spaCy's blank English tokenizer gives the tokens (no statistical model: nothing is downloaded); the linked
names come from wbkg.ingest.mentions and their types from the gazetteer."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from rdflib import URIRef
from spacy.tokens import Doc, Token

from wbkg.ingest.gazetteer import Gazetteer
from wbkg.ingest.mentions import Mention
from wbkg.ingest.sentences import Sentence, split_sentences
from wbkg.vocab.namespaces import WBKG

# where one clause ends and the next begins inside a sentence: semicolons, colons, dashes set off by spaces
_CLAUSE_BREAK = re.compile(r"\s*(?:;|:(?=\s)|\s[–—-]\s)\s*")
LOCATION_TYPES = frozenset({WBKG.State, WBKG.HistoricalState, WBKG.Place, WBKG.Region, WBKG.Settlement,
                            WBKG.Site})
MISSION_TYPES = frozenset({WBKG.Mission, WBKG.PeaceSupportMission, WBKG.TrainingMission})
# types that can do something: people, posts (their holder), states, organisations and groups
AGENT_TYPES = frozenset({WBKG.Person, WBKG.Post, WBKG.State, WBKG.HistoricalState, WBKG.Organisation,
                         WBKG.GovernmentBody, WBKG.Ministry, WBKG.ArmedForces, WBKG.MilitaryUnit,
                         WBKG.InternationalOrganisation, WBKG.PoliticalParty, WBKG.ThinkTank, WBKG.Group,
                         WBKG.Agent})
# a name after one of these is an oblique (a place, a partner, a topic), not the subject of the clause
PREPOSITIONS = frozenset("in to at into from with of for on by about across around throughout inside within "
                         "near between against towards toward under over via after before since until".split())
PLACE_PREPOSITIONS = frozenset("in to at into across throughout inside within around near".split())
LIST_GLUE = frozenset({",", "and", "or", "the", "&"})
PRONOUNS = frozenset({"he", "she", "they", "we", "it", "i"})
# capitalised words that do not begin a name at the start of a clause
_FUNCTION_CAPS = frozenset("The A An This That These Those It He She They We I In On At By For From With While "
                           "As After Before Since Under Alongside Today Yesterday But And Or If When".split())


@dataclass(frozen=True)
class Clause:
    """A part of a sentence: text[begin:end] == text."""
    begin: int
    end: int
    text: str


@dataclass(frozen=True)
class Participant:
    """Who or where, as printed (text[begin:end] == surface), and the entity when a linked mention names it.
    ``entity`` may be resolved through the text (an anaphor such as "the mission", a state's armed forces)."""
    begin: int
    end: int
    surface: str
    entity: URIRef | None


@dataclass(frozen=True)
class TextSpan:
    begin: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _nlp():
    return spacy.blank("en")


def tokenize(text: str) -> Doc:
    return _nlp()(text)


def split_clauses(text: str, sentences: list[Sentence] | None = None) -> list[Clause]:
    """Each sentence cut at semicolons, colons and spaced dashes; every clause trimmed of white space."""
    out = []
    for sentence in sentences if sentences is not None else split_sentences(text):
        cursor = sentence.begin
        breaks = list(_CLAUSE_BREAK.finditer(text, sentence.begin, sentence.end))
        for piece_end, next_begin in [(m.start(), m.end()) for m in breaks] + [(sentence.end, sentence.end)]:
            piece = text[cursor:piece_end]
            stripped = piece.strip()
            if stripped:
                begin = cursor + piece.index(stripped)
                out.append(Clause(begin, begin + len(stripped), stripped))
            cursor = next_begin
    return out


class ClauseView:
    """The tokens and linked mentions of one clause, with the questions the rules ask of them."""

    def __init__(self, clause: Clause, doc: Doc, mentions: list[Mention], gazetteer: Gazetteer,
                 lower_words: frozenset[str] = frozenset()):
        self.clause = clause
        self.lower_words = lower_words  # words the text also prints in lower case: common nouns, not names
        self.tokens: list[Token] = [t for t in doc if clause.begin <= t.idx < clause.end]
        self.words = [t.lower_ for t in self.tokens]
        self.mentions = [m for m in mentions if clause.begin <= m.begin and m.end <= clause.end]
        self.gazetteer = gazetteer

    def types(self, mention: Mention) -> frozenset[URIRef]:
        return self.gazetteer.entity_types(mention.entity) if mention.entity is not None else frozenset()

    def is_location(self, mention: Mention) -> bool:
        return bool(self.types(mention) & LOCATION_TYPES)

    def is_agent(self, mention: Mention) -> bool:
        return bool(self.types(mention) & AGENT_TYPES)

    def index_at(self, offset: int) -> int:
        """The index of the token that starts at or contains ``offset`` (the next one if none)."""
        for i, token in enumerate(self.tokens):
            if token.idx <= offset < token.idx + len(token.text) or token.idx >= offset:
                return i
        return len(self.tokens)

    def word_before(self, offset: int, skip: frozenset[str] = frozenset(), over_names: bool = False) -> str:
        """The lower-cased word before ``offset``, skipping ``skip`` words (and other names: ``over_names``)."""
        i = self.index_at(offset) - 1
        while i >= 0 and (self.words[i] in skip or over_names and self._inside_mention(self.tokens[i])):
            i -= 1
        return self.words[i] if i >= 0 else ""

    def _inside_mention(self, token: Token) -> bool:
        return any(m.begin <= token.idx < m.end for m in self.mentions)

    def is_oblique(self, begin: int) -> bool:
        """Whether the name at ``begin`` follows a preposition (possibly after "the") or a possessive "'s"."""
        return self.word_before(begin, frozenset({"the"})) in PREPOSITIONS

    def place_marked(self, mention_begin: int, triggers: frozenset[str] = frozenset()) -> bool:
        """A location after a place preposition, or after a visit verb, possibly as part of a list
        ("in Skopje, North Macedonia", "visited Pristina and Belgrade")."""
        word = self.word_before(mention_begin, LIST_GLUE, over_names=True)
        return word in PLACE_PREPOSITIONS or word in triggers

    def capitalised_runs(self, start: int = 0, stop: int | None = None) -> list[TextSpan]:
        """Runs of capitalised tokens (joined by "of", "for", "the" inside) between token indexes: names the
        gazetteer may not know ("President Ivo Sander", "Zenica")."""
        stop = len(self.tokens) if stop is None else stop
        runs, i = [], start
        while i < stop:
            token = self.tokens[i]
            first_word = i == 0 or self.tokens[i - 1].text in {"“", '"', "("}
            common = first_word and (token.text in _FUNCTION_CAPS or token.lower_ in self.lower_words)
            if token.text[:1].isupper() and token.is_alpha and not common:
                j = i + 1
                while j < stop and (self.tokens[j].text[:1].isupper() and self.tokens[j].is_alpha
                                    or self.tokens[j].lower_ in {"of", "for"} and j + 1 < stop
                                    and self.tokens[j + 1].text[:1].isupper()):
                    j += 1
                first, last = self.tokens[i], self.tokens[j - 1]
                end = last.idx + len(last.text)
                runs.append(TextSpan(first.idx, end, self.clause_text(first.idx, end)))
                i = j
            else:
                i += 1
        return runs

    def clause_text(self, begin: int, end: int) -> str:
        return self.clause.text[begin - self.clause.begin:end - self.clause.begin]


def lower_words(doc: Doc) -> frozenset[str]:
    return frozenset(t.text for t in doc if t.text.islower())


def overlaps(span, spans) -> bool:
    return any(span.begin < s.end and s.begin < span.end for s in spans)


def participant(mention: Mention) -> Participant:
    return Participant(mention.begin, mention.end, mention.surface, mention.entity)


def drop_titles(found: list[Participant], view: ClauseView) -> list[Participant]:
    """A post right before a person ("President Hashim Thaci") is the person's title: keep the person."""
    out = []
    for i, p in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        is_post = p.entity is not None and WBKG.Post in view.gazetteer.entity_types(p.entity)
        if is_post and nxt is not None and nxt.begin - p.end <= 1:
            continue
        out.append(p)
    return out
