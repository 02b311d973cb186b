"""The timeline (/timeline, ?from=YEAR&to=YEAR): every dated event on a time axis and in a table, each
linked to its page and to the articles that give its dates. One query finds the dated events (node, date
property, value); the graphs, precision, labels and articles are asked only for the events drawn."""
from __future__ import annotations

from markupsafe import Markup
from rdflib import URIRef

from ...vocab.namespaces import ARTICLE, CORPUS_GRAPH, ENTITIES_GRAPH, WBKG
from .. import timeline_svg
from ..reader import chunks, values
from ..replies import Reply, html_reply
from .links import article_link, href, link, literal_html, precision_of

TIMELINE_EVENTS = 400   # events drawn at once; a larger graph is browsed by year
DATE_PROPERTIES = (WBKG.date, WBKG.startDate, WBKG.endDate, WBKG.earliestDate, WBKG.latestDate)
DATE_VALUES = "VALUES ?prop { wbkg:date wbkg:startDate wbkg:endDate wbkg:earliestDate wbkg:latestDate }"

# the dated nodes and the events, joined in Python: twice as fast as Oxigraph joining them
DATES = "SELECT ?event ?prop ?value WHERE { " + DATE_VALUES + " ?event ?prop ?value }"
EVENTS = "SELECT DISTINCT ?event WHERE { %s ?event a ?class }"
# per graph: the articles that give a date, and whether that graph says the date is a decade (LATERAL: one
# lookup per event, where a join would scan every date of the store)
SOURCES = """SELECT ?event ?prop ?value ?g ?decade WHERE {
  %s
  LATERAL { GRAPH ?g { ?event ?prop ?value }
            FILTER(?prop IN (wbkg:date, wbkg:startDate, wbkg:endDate, wbkg:earliestDate, wbkg:latestDate)) }
  FILTER(?g NOT IN (graph:ontology, graph:schema-view, graph:entailments))
  BIND(EXISTS { GRAPH ?g { ?event wbkg:datePrecision wbkg:Decade } } AS ?decade)
} ORDER BY ?event ?prop ?value ?g"""
ARTICLES = """SELECT ?article ?published ?name WHERE {
  %s
  GRAPH graph:corpus { OPTIONAL { ?article schema:datePublished ?published } OPTIONAL { ?article schema:name ?name } }
}"""


def primary(dates: list) -> tuple:
    """The date an event is placed at: its date or start date, else its first date."""
    dates = sorted(dates, key=lambda d: (DATE_PROPERTIES.index(d[0]), str(d[1])))
    return next((d for d in dates if d[0] in (WBKG.date, WBKG.startDate)), dates[0])


def year_of(value) -> int | None:
    match = timeline_svg.DATE.match(str(value))
    return int(match.group(1)) if match else None


def dated_events(site) -> dict[URIRef, list]:
    """Every dated event of the data: node -> [(property, value as text)]."""
    classes = sorted(site.vocab.descendants(WBKG.Event), key=str)
    kept = {row[0].value for row in site.reader.raw(EVENTS % values("class", classes))}
    events: dict[str, list] = {}
    for event, prop, value in site.reader.raw(DATES):
        if event.value in kept:
            dates = events.setdefault(event.value, [])
            if (prop.value, value.value) not in dates:
                dates.append((URIRef(prop.value), value.value))
    return {URIRef(e): dates for e, dates in events.items()}


def parse_years(payload: dict) -> tuple[int | None, int | None]:
    try:
        lo = int(payload["from"]) if payload.get("from") else None
        hi = int(payload["to"]) if payload.get("to") else None
    except ValueError:
        return None, None
    return lo, hi


def timeline(site, payload: dict) -> Reply:
    events = dated_events(site)
    placed = {e: primary(d) for e, d in events.items()}
    years: dict[int, int] = {}
    for date in placed.values():
        year = year_of(date[1])
        if year is not None:
            years[year] = years.get(year, 0) + 1
    lo, hi = parse_years(payload)
    chosen = sorted(placed, key=lambda e: (str(placed[e][1]), str(e)))
    if lo is not None or hi is not None:
        year = {e: year_of(placed[e][1]) for e in chosen}
        chosen = [e for e in chosen if year[e] is not None and (lo is None or year[e] >= lo)
                  and (hi is None or year[e] <= hi)]
    note = None
    if len(chosen) > TIMELINE_EVENTS:
        note = (f"{len(chosen)} events: the latest {TIMELINE_EVENTS} are drawn; choose years below to see "
                f"the others.")
        chosen = chosen[-TIMELINE_EVENTS:]
    items, rows = event_rows(site, chosen)
    return html_reply("timeline.html", title="Timeline", picture=timeline_svg.timeline(items), rows=rows, note=note,
                      years=sorted(years.items()), total=len(events), lo=lo, hi=hi)


def event_rows(site, chosen: list[URIRef]) -> tuple[list, list]:
    terms = site.terms()
    dates: dict[URIRef, dict] = {e: {} for e in chosen}   # (prop, value) -> [precision, articles]
    for part in chunks(chosen):
        for row in site.reader.select(SOURCES % values("event", part)):
            entry = dates[row["event"]].setdefault((row["prop"], row["value"]), ["", set()])
            if row["decade"].toPython() is True:
                entry[0] = "decade"
            if row["g"] not in (ENTITIES_GRAPH, CORPUS_GRAPH):
                entry[1].add(ARTICLE[str(row["g"]).rsplit("/", 1)[-1]])
    articles = sorted({a for d in dates.values() for entry in d.values() for a in entry[1]}, key=str)
    about: dict[URIRef, dict] = {}
    for part in chunks(articles):
        for row in site.reader.select(ARTICLES % values("article", part)):
            about[row["article"]] = row
    terms.need(chosen)
    terms.need(articles)
    terms.need(DATE_PROPERTIES)
    events = []
    for e in chosen:
        listed = sorted(((p, v, prec or precision_of(v), tuple(sorted(arts, key=str)))
                         for (p, v), (prec, arts) in dates[e].items()),
                        key=lambda d: (DATE_PROPERTIES.index(d[0]), str(d[1])))
        if listed:
            events.append((e, listed))
    events.sort(key=lambda ev: (str(primary(ev[1])[1]), terms.label(ev[0])))
    items, rows = [], []
    for node, listed in events:
        first = primary(listed)
        span = timeline_svg.interval(str(first[1]), first[2])
        if span is None:
            continue
        end = next((d for d in listed if d[0] == WBKG.endDate), None)
        if end is not None:
            end_span = timeline_svg.interval(str(end[1]), end[2])
            if end_span is not None and end_span[1] > span[1]:
                span = (span[0], end_span[1])
        arts = sorted({a for d in listed for a in d[3]}, key=str)
        short = [(short_name(a, about.get(a, {})), str(about.get(a, {}).get("name") or a), href(a)) for a in arts]
        when = str(first[1]) + (f" – {end[1]}" if end is not None else "")
        anchor = f"event-{len(rows) + 1}"
        items.append(timeline_svg.TimelineItem(terms.label(node), href(node), terms.kind(node), when, first[2], span,
                                               short, anchor))
        shown = Markup("<br>").join(Markup("{}: {}").format(terms.label(p), literal_html(v))
                                    for p, v, _pr, _a in listed)
        rows.append({"anchor": anchor, "when": when, "precision": first[2], "link": link(terms, node), "dates": shown,
                     "articles": Markup(", ").join(article_link(terms, a) for a in arts)})
    return items, rows


def short_name(article_iri, about: dict) -> str:
    """A short name for an article: its number and publication date ("article 001 (2017-11)")."""
    number = str(article_iri).rsplit("/", 1)[-1].split("_", 1)[0]
    published = about.get("published")
    return f"article {number}" + (f" ({published})" if published is not None else "")
