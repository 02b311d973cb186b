"""Shared vocabulary of the new-entity and tenure blocks: folding and slugs (docs/MODEL.md naming convention),
and the closed word classes of English news naming: honorifics, military ranks, post titles and the head words
that end (or begin) the name of an organisation, unit, document or event. Word classes, not names: the blocks
must find people and bodies no list knows."""
from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii
from rdflib import URIRef

from ..vocab.namespaces import WBKG

# typographic apostrophes and quotes fold to ASCII for comparisons; anyascii folds diacritics (Đ -> D, ç -> c)
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """ASCII, diacritics and typographic apostrophes folded, case kept: "Thaçi" -> "Thaci", "Kosovo’s" ->
    "Kosovo's". For comparing labels, not for display."""
    return anyascii(unicodedata.normalize("NFC", text))


def slugify(text: str) -> str:
    """The naming convention of docs/MODEL.md: lower-case ASCII words joined by '-' ("Hashim Thaçi" ->
    "hashim-thaci"); apostrophes vanish rather than split a word ("O'Brien" -> "obrien")."""
    return _NON_SLUG.sub("-", fold(text).lower().replace("'", "")).strip("-")


def unique_slug(base: str, taken: set[str]) -> str:
    """``base`` if no entity has it yet, else the first free ``base-2``, ``base-3``...: never an existing IRI."""
    base = slugify(base) or "entity"
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


# courtesy titles and peerages that stand right before a name ("Mr Rama", "Baroness Goldie", "Sir Keir")
HONORIFICS = frozenset("Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady Baroness Baron Professor Prof Rev".split())
# military ranks (several words first so the longest wins): a rank is not a post, so it gives no tenure
RANKS = tuple(sorted((tuple(r.split()) for r in (
    "General", "Lieutenant General", "Major General", "Brigadier General", "Brigadier", "Colonel",
    "Lieutenant Colonel", "Lt Col", "Lt Gen", "Maj Gen", "Major", "Captain", "Lieutenant", "Admiral",
    "Vice Admiral", "Rear Admiral", "Commodore", "Air Marshal", "Air Chief Marshal", "Air Vice Marshal",
    "Field Marshal", "Sergeant", "Corporal", "Commander")), key=len, reverse=True))
#: the ranks by their first word: a token that starts none is no rank (looked up once per token)
RANKS_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _rank in RANKS:
    RANKS_BY_FIRST[_rank[0]] = RANKS_BY_FIRST.get(_rank[0], ()) + (_rank,)


def text_of(doc) -> str:
    """A spaCy Doc's text, built once: ``Doc.text`` joins every token on each call."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


# the last word of a post title ("Defence Minister", "Foreign Secretary", "President", "Ambassador")
TITLE_HEADS = frozenset("Minister Secretary President Chancellor Ambassador Premier Envoy Governor Mayor "
                        "Chairman Chairwoman Chair Spokesman Spokeswoman Spokesperson King Queen Speaker "
                        "Commissioner Chief Director Leader Senator".split())
# words a title may carry before its head, lower case in running text ("former defence minister Ben Wallace")
PAST_MARKERS = frozenset("former ex late then".split())
# titles of the UK government (Secretary of State style offices): their state is the UK unless the phrase
# names another; generic titles (Prime Minister, Defence Minister) need the phrase, sentence or article
UK_TITLES = ("Secretary of State", "Minister of State", "Armed Forces Minister", "Minister for the Armed Forces",
             "Defence Secretary", "Foreign Secretary", "Home Secretary", "Chancellor of the Exchequer",
             "Minister for Europe", "Veterans Minister", "Defence Procurement Minister")

# post kinds (ontology PostKindScheme) by the words of the title
_KIND_RULES = (
    (re.compile(r"\b(?:Defen[cs]e|Armed Forces|Security Force|Military)\b", re.I), WBKG.DefenceMinister),
    (re.compile(r"\b(?:Foreign|External Affairs)\b", re.I), WBKG.ForeignMinister),
    (re.compile(r"\bAmbassador\b", re.I), WBKG.Ambassador),
    (re.compile(r"\bPrime Minister\b|\bPremier\b|^Chancellor$", re.I), WBKG.HeadOfGovernment),
    (re.compile(r"^(?:President|King|Queen|Head of State)$", re.I), WBKG.HeadOfState),
    (re.compile(r"\bCommander\b|\bChief of (?:the )?(?:Defence|General) Staff\b", re.I), WBKG.MilitaryCommander),
)


def post_kind(title: str) -> URIRef | None:
    """The wbkg:PostKind a title makes clear ("Defence Minister" -> DefenceMinister), else None."""
    for pattern, kind in _KIND_RULES:
        if pattern.search(title):
            return kind
    return None


# head words: the word that ends a name and says what it names ("... Security Force", "... Command Paper");
# checked last word first, so "Defence Command Paper" is a document, not a command
HEADS: dict[str, URIRef] = {
    **dict.fromkeys("Ministry".split(), WBKG.Ministry),
    **dict.fromkeys("Army Navy Gendarmerie".split(), WBKG.ArmedForces),
    **dict.fromkeys("Regiment Battalion Brigade Division Corps Squadron Cell Command Rifles Guards Fleet "
                    "Flotilla Unit".split(), WBKG.MilitaryUnit),
    **dict.fromkeys("Agency Council Office Embassy Committee Commission Service Police Authority Directorate "
                    "Department Government Parliament Assembly Cabinet Inspectorate".split(), WBKG.GovernmentBody),
    **dict.fromkeys("Organisation Organization Alliance Union".split(), WBKG.InternationalOrganisation),
    **dict.fromkeys("Party".split(), WBKG.PoliticalParty),
    **dict.fromkeys("Institute Foundation Centre Center House Group Association".split(), WBKG.Organisation),
    **dict.fromkeys("Review Paper Strategy Report Doctrine Act Plan Charter".split(), WBKG.Document),
    **dict.fromkeys("Summit Conference".split(), WBKG.Summit),
    **dict.fromkeys("Agreement Treaty Accord Memorandum".split(), WBKG.Agreement),
    **dict.fromkeys("Initiative Programme Program Process".split(), WBKG.Initiative),
}
# "Force"/"Forces" is an armed force when a word says so, else a unit or a mission's force (KFOR): no class
_ARMED = frozenset("Armed Security Defence Defense Land Air Self-Defence".split())
# head words that open a name: "Exercise Platinum Wolf", "Operation Althea"
PREFIX_HEADS: dict[str, URIRef] = {"Exercise": WBKG.Exercise, "Operation": WBKG.Mission}
# international when the name says so ("European Council", "United Nations Command")
_INTERNATIONAL = frozenset("European International Nations Atlantic World Europe".split())


def head_class(words: list[str]) -> URIRef | None:
    """The most specific class a name's words make clear, from its last head word; None when they do not."""
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word in ("Force", "Forces"):
            return WBKG.ArmedForces if any(w in _ARMED for w in words[:i]) else WBKG.MilitaryUnit
        cls = HEADS.get(word)
        if cls is None:
            continue
        if cls in (WBKG.GovernmentBody, WBKG.Organisation) and _INTERNATIONAL & set(words):
            return WBKG.InternationalOrganisation
        return cls
    return None


def is_head(word: str) -> bool:
    return word in HEADS or word in ("Force", "Forces")


MONTHS_DAYS = frozenset("January February March April May June July August September October November December "
                        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
# capitalised words that never start or make up a personal name
NOT_NAME = (MONTHS_DAYS | HONORIFICS | TITLE_HEADS
            | frozenset("The A An This That These Those It He She They We I In On At For Of And But Or If "
                        "As By From To With While When After Before Under Over Today Yesterday".split()))
