"""`wbkg synth`: a synthetic corpus shaped like the real one, for scale tests and benchmarks.

It writes a complete project folder: ``corpus/*.txt`` and ``corpus/articles.ttl``, ``graph/entities.ttl``,
``graph/articles/*.ttl``, and copies ``ontology/``, ``shapes/`` and ``queries/`` from a real project, so that
``wbkg --root DIR build`` works on it.

The generator first builds a small consistent *world* (about 35 states with posts and a timeline of holders,
organisations, armed forces and units, missions, exercises, summits, agreements with proposal and signing
dates, topics and policies), then writes each article as a sequence of fact blocks drawn from that world as of
the article's date: visits, meetings, quotes and stances, mission strengths and national contributions,
agreements (proposed, signed, rejected), summits, exercises, pledges, appointments; some end with historical
background (wars, NATO accessions, an officer's service). Each block writes sentences
and the triples they state, each fact supported by a ``wbkg:Evidence`` whose quote is a verbatim substring of
the text (with an authored ``wbkg:prefix`` when the quote occurs more than once). Entities recur across
articles with a skewed (Zipf-like) distribution: the United Kingdom and the Western Balkan states most, the
rest of NATO less. Everything follows docs/MODEL.md; the same ``--seed`` gives the same bytes.

The package: ``terms`` (RDF terms) and ``turtle`` (the sorted Turtle writer); ``names`` (the name tables);
``world`` (the world model); ``writer`` (one article's text, triples and evidence); ``people``, ``missions``,
``events`` and ``history`` (the fact blocks) with ``article`` (the generator); ``params`` (a value for each
stored query parameter that the corpus can answer: ``query_params``); ``project`` (``synthesize``,
``add_article``).
"""
from __future__ import annotations

from .article import generate_article
from .params import PARAMS_FILE, query_params
from .project import add_article, synthesize
from .world import World

__all__ = ["synthesize", "add_article", "query_params", "PARAMS_FILE", "generate_article", "World"]
