"""The HTML templates (Jinja2, autoescaped), kept in Python so that they install with the package."""
from __future__ import annotations

import json

from jinja2 import DictLoader, Environment, select_autoescape
from markupsafe import Markup

CSS = """
:root { --ink: #1d2329; --muted: #5f6b7a; --line: #dde2e7; --link: #1d4f91; --mark: #fff2b3; --bg: #fbfcfd; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: var(--bg); }
header { background: #23303d; color: #fff; }
header nav { max-width: 1100px; margin: 0 auto; padding: .55rem 1rem; display: flex; gap: 1.1rem;
             align-items: center; flex-wrap: wrap; }
header a { color: #fff; text-decoration: none; }
header a.brand { font-weight: 700; letter-spacing: .02em; }
header form { margin-left: auto; display: flex; gap: .3rem; }
header input { padding: .25rem .5rem; border-radius: 4px; border: 0; min-width: 14rem; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem 1rem 3rem; }
a { color: var(--link); }
h1 { font-size: 1.6rem; margin: .6rem 0 .2rem; }
h2 { font-size: 1.2rem; margin: 1.8rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.02rem; margin: 1.2rem 0 .3rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .86em; }
pre { background: #f1f3f5; padding: .7rem; overflow-x: auto; border-radius: 4px; }
.muted, .iri { color: var(--muted); }
.iri { font-size: .85rem; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { background: #f1f3f5; font-weight: 600; font-size: .9rem; }
td.prop { white-space: nowrap; width: 1%; }
.badge { display: inline-block; font-size: .74rem; padding: 0 .4rem; border-radius: 8px; background: #e8edf2;
         color: var(--muted); margin-left: .3rem; }
.formats a { margin-right: .6rem; font-size: .9rem; }
blockquote.quote { margin: .15rem 0 .35rem; padding: .15rem .6rem; border-left: 3px solid #c9a227;
                   background: #fffbea; font-style: italic; }
.source { font-size: .86rem; }
.editorial { font-size: .86rem; color: var(--muted); }
.article-text { white-space: pre-wrap; background: #fff; border: 1px solid var(--line); padding: 1rem 1.2rem;
                border-radius: 4px; line-height: 1.65; }
.article-text mark { background: var(--mark); padding: 0; }
.article-text a.mention { text-decoration: none; border-bottom: 2px solid #6f9fd8; color: inherit; }
.article-text a.mention:hover { background: #dde9f8; }
.results td { font-size: .9rem; }
.error { background: #fdecea; border: 1px solid #f3b7b0; color: #7c1d12; white-space: pre-wrap; }
.note { background: #fff4d6; border: 1px solid #f0d48a; padding: .5rem .7rem; border-radius: 4px; }
textarea { width: 100%; font-family: ui-monospace, monospace; font-size: .9rem; }
ul.tree { list-style: none; padding-left: 1.1rem; margin: .1rem 0; }
ul.tree > li { margin: .1rem 0; }
.cols { columns: 2 22rem; }
svg text { font-family: system-ui, sans-serif; }
svg a:hover rect, svg a:hover text { opacity: .8; }
footer { max-width: 1100px; margin: 0 auto; padding: 1rem; color: var(--muted); font-size: .82rem; }
"""

BASE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · wbkg</title>
{% for alt in alternates %}<link rel="alternate" type="{{ alt[0] }}" href="{{ alt[1] }}">
{% endfor %}<style>{{ css }}</style>
{% if jsonld %}<script type="application/ld+json">{{ jsonld }}</script>
{% endif %}</head>
<body>
<header><nav>
<a class="brand" href="/">wbkg</a>
<a href="/timeline">Timeline</a>
<a href="/ontology">Ontology</a>
<a href="/sparql">SPARQL</a>
<a href="/queries">Stored queries</a>
<a href="/.well-known/void">Dataset</a>
<form action="/search" method="get" role="search"><input type="search" name="q" value="{{ q or '' }}"
 placeholder="Search names…" aria-label="Search names"><button type="submit">Search</button></form>
</nav></header>
<main>
{% block main %}{% endblock %}
</main>
<footer>UK defence and security cooperation with the Western Balkans, from news articles. Every fact links to the
words of its article. Read-only; data as of the server's start.</footer>
</body>
</html>
"""

INDEX = """{% extends "base.html" %}{% block main %}
<h1>UK defence cooperation with the Western Balkans</h1>
<p>A knowledge graph built from {{ articles|length }} news articles: {{ counts.entities }} entities,
{{ counts.triples }} triples in {{ counts.graphs }} named graphs. Every fact is traced to a quote from its article.</p>
<form action="/search" method="get" role="search" class="big-search">
<input type="search" name="q" value="{{ q or '' }}" placeholder="A person, state, mission…" aria-label="Search by name"
 style="width:60%;padding:.4rem"> <button type="submit">Search</button></form>
{% if q is not none %}
<h2>Search results for “{{ q }}”</h2>
{% if results %}<ul class="results" id="search-results">
{% for r in results %}<li>{{ r.link }}{% if r.matched %} <span class="muted">(also “{{ r.matched }}”)</span>{% endif %}
{% if r.cls %}<span class="badge">{{ r.cls }}</span>{% endif %}</li>
{% endfor %}</ul>{% else %}<p id="search-results">Nothing is called that. Try part of a name.</p>{% endif %}
{% endif %}
<h2>Articles</h2>
<table id="articles"><tr><th>Article</th><th>Published</th><th>Quotes</th></tr>
{% for a in articles %}<tr><td>{{ a.link }}</td><td>{{ a.published }}</td><td>{{ a.facts }}</td></tr>
{% endfor %}</table>
{% if counts.articles > articles|length %}<p><a href="/articles">All {{ counts.articles }} articles</a></p>{% endif %}
<h2>Browse by class</h2>
<div class="cols">{{ tree }}</div>
<h2>More</h2>
<ul>
<li><a href="/timeline">Timeline</a> of every dated event</li>
<li><a href="/sparql">SPARQL query form</a> and endpoint (SPARQL 1.1 Protocol) at <code>/sparql</code></li>
<li><a href="/queries">Stored queries</a> answering the competency questions</li>
<li><a href="/ontology">The ontology</a>, documented</li>
<li>Downloads: {% for d in dumps %}<a href="{{ d[1] }}">{{ d[0] }}</a>{% if not loop.last %}, {% endif %}{% endfor %};
dataset description (VoID / DCAT) at <a href="/.well-known/void">/.well-known/void</a></li>
</ul>
{% endblock %}"""

ENTITY = """{% extends "base.html" %}{% block main %}
<h1>{{ label }}</h1>
<div>{% for c in classes %}{{ c }}{% if not loop.last %}, {% endif %}{% endfor %}</div>
<div class="iri">{{ iri }}</div>
{% if alt_labels %}<p>Also called: {% for a in alt_labels %}“{{ a }}”{% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif %}
{% if same_as %}<p>Same as: {% for s in same_as %}{{ s }}{% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif %}
<p class="formats">As data: {% for f in formats %}<a href="{{ f[1] }}" type="{{ f[2] }}">{{ f[0] }}</a>{% endfor %}</p>
<h2>Neighbourhood</h2>
<figure>{{ picture }}</figure>
<h2>Facts</h2>
{% if facts %}<table class="facts"><tr><th>Property</th><th>Value</th><th>Source</th></tr>
{% for f in facts %}<tr><td class="prop">{{ f.prop }}</td><td>{{ f.value }}</td><td>{{ f.source }}</td></tr>
{% endfor %}</table>{% else %}<p class="muted">No statements with this subject.</p>{% endif %}
{% if more.facts %}<p class="note">And {{ more.facts }} more facts: <a href="{{ sparql }}">all of them, by query</a>.</p>{% endif %}
{% if involved %}<h2>Involved in</h2>
<table class="involved"><tr><th>What</th><th>How</th><th>Its facts</th><th>Source</th></tr>
{% for f in involved %}<tr><td>{{ f.subject }}</td><td class="prop">{{ f.prop }}</td><td>{{ f.details }}</td><td>{{ f.source }}</td></tr>
{% endfor %}</table>
{% if more.involved %}<p class="note">And {{ more.involved }} more: <a href="{{ sparql }}">all of them, by query</a>.</p>{% endif %}{% endif %}
{% if mentions %}<h2>Named in the articles</h2>
<ul>{% for m in mentions %}<li>{{ m.article }}: {% for x in m.spans %}<a href="{{ x[0] }}">“{{ x[1] }}”</a>{% if not loop.last %}, {% endif %}{% endfor %}</li>
{% endfor %}</ul>
{% if more.articles %}<p class="note">And {{ more.articles }} more articles.</p>{% endif %}{% endif %}
{% endblock %}"""

ARTICLE = """{% extends "base.html" %}{% block main %}
<h1>{{ label }}</h1>
<div class="iri">{{ iri }}</div>
<p class="formats">As data: {% for f in formats %}<a href="{{ f[1] }}" type="{{ f[2] }}">{{ f[0] }}</a>{% endfor %}
<a href="{{ text_href }}">plain text</a></p>
<h2>About this article</h2>
<table class="metadata">{% for m in metadata %}<tr><td class="prop">{{ m[0] }}</td><td>{{ m[1] }}</td></tr>{% endfor %}</table>
{% if source_note %}<p class="editorial">How this is known (editorial, not from the text): {{ source_note }}</p>{% endif %}
<h2>Text</h2>
<p class="muted">Underlined: a name the graph knows (follow it to the entity). Highlighted: a quote that supports a fact.</p>
<div class="article-text" id="text">{{ text }}</div>
<h2>Evidence: quotes and the facts they support</h2>
<table class="evidence"><tr><th>Quote</th><th>Supports</th></tr>
{% for e in evidence %}<tr id="row-{{ e.anchor }}"><td><a href="#{{ e.anchor }}">“{{ e.quote }}”</a></td><td>{{ e.supports }}</td></tr>
{% endfor %}</table>
{% if exemptions %}<h3>Sentences that state nothing checkable</h3>
<ul>{% for x in exemptions %}<li>“{{ x[0] }}” <span class="muted">{{ x[1] }}</span></li>{% endfor %}</ul>{% endif %}
<h2>What this article reports</h2>
<table class="facts"><tr><th>Subject</th><th>Property</th><th>Value</th></tr>
{% for f in facts %}<tr><td>{{ f[0] }}</td><td class="prop">{{ f[1] }}</td><td>{{ f[2] }}</td></tr>{% endfor %}</table>
{% endblock %}"""

ONTOLOGY = """{% extends "base.html" %}{% block main %}
<h1>{{ title }}</h1>
<div class="iri">{{ iri }}</div>
<p class="formats">As data: {% for f in formats %}<a href="{{ f[1] }}" type="{{ f[2] }}">{{ f[0] }}</a>{% endfor %}</p>
<table class="metadata">{% for m in metadata %}<tr><td class="prop">{{ m[0] }}</td><td>{{ m[1] }}</td></tr>{% endfor %}</table>
<h2>Class hierarchy</h2>
{{ tree }}
{% for section in sections %}
<h2>{{ section.title }}</h2>
{% for t in section.terms %}
<section id="{{ t.anchor }}" class="term">
<h3>{{ t.name }} <span class="muted">({{ t.label }})</span></h3>
<div class="iri">{{ t.iri }}</div>
{% if t.definition %}<p>{{ t.definition }}</p>{% endif %}
{% if t.rows %}<table>{% for r in t.rows %}<tr><td class="prop">{{ r[0] }}</td><td>{{ r[1] }}</td></tr>{% endfor %}</table>{% endif %}
</section>
{% endfor %}{% endfor %}
{% endblock %}"""

TIMELINE = """{% extends "base.html" %}{% block main %}
<h1>Timeline</h1>
<p>Every dated event in the graph ({{ total }}). Bars on the strip are as wide as the precision of the date
(a year, a month, a day); below, one row per event in date order, with the articles that report it.</p>
{% if note %}<p class="note">{{ note }}</p>{% endif %}
{% if lo is not none or hi is not none %}<p>Years {{ lo if lo is not none else "…" }} to {{ hi if hi is not none else "…" }}
(<a href="/timeline">all years</a>).</p>{% endif %}
<figure>{{ picture }}</figure>
{% if years|length > 1 %}<p class="years">By year: {% for y in years %}<a href="/timeline?from={{ y[0] }}&amp;to={{ y[0] }}">{{ y[0] }}</a>
<span class="muted">({{ y[1] }})</span>{% if not loop.last %} · {% endif %}{% endfor %}</p>{% endif %}
<h2>Events</h2>
<table class="timeline-table"><tr><th>Date</th><th>Precision</th><th>Event</th><th>Dates</th><th>Articles</th></tr>
{% for r in rows %}<tr><td>{{ r.when }}</td><td>{{ r.precision }}</td><td>{{ r.link }}</td><td>{{ r.dates }}</td><td>{{ r.articles }}</td></tr>
{% endfor %}</table>
{% endblock %}"""

BROWSE = """{% extends "base.html" %}{% block main %}
<h1>{{ title }}</h1>
<p>{{ definition }}</p>
<p>{{ members|length }} in the graph{% if sub %} (including {{ sub }}){% endif %}. <a href="{{ doc }}">Class documentation</a>.</p>
<table><tr><th>Name</th><th>Class</th></tr>
{% for m in members %}<tr><td>{{ m[0] }}</td><td>{{ m[1] }}</td></tr>{% endfor %}</table>
{% endblock %}"""

QUERY = """{% extends "base.html" %}{% block main %}
<h1>SPARQL query</h1>
<p>This form and the endpoint <code>{{ endpoint }}</code> speak the SPARQL 1.1 Protocol (GET, POST form,
POST <code>application/sparql-query</code>). Prefixes <code>wbkg:</code>, <code>id:</code>, <code>article:</code>,
<code>graph:</code>, <code>schema:</code> are predefined. Read-only; at most {{ max_rows }} rows per answer,
{{ timeout }} s per query.</p>
<form action="/sparql" method="get" id="query-form">
<textarea name="query" rows="12" spellcheck="false" aria-label="SPARQL query">{{ query }}</textarea>
{% for b in bindings %}<input type="hidden" name="${{ b[0] }}" value="{{ b[1] }}">{% endfor %}
<p>Answer as <select name="format" aria-label="Answer format">
{% for f in formats %}<option value="{{ f[0] }}"{% if f[0] == fmt %} selected{% endif %}>{{ f[1] }}</option>{% endfor %}
</select> <button type="submit">Run query</button></p>
</form>
{% if bindings %}<p class="muted">Bound: {% for b in bindings %}<code>?{{ b[0] }} = {{ b[1] }}</code> {% endfor %}</p>{% endif %}
{% if error %}<h2>Error</h2><pre class="error" id="error">{{ error }}</pre>{% endif %}
{% if answer %}<h2>Answer</h2>
{% if note %}<p class="note" id="truncated">{{ note }}</p>{% endif %}
{% if answer.form == "ASK" %}<p id="boolean"><strong>{{ "yes (true)" if answer.boolean else "no (false)" }}</strong></p>
{% else %}<p class="muted">{{ rows|length }} {{ unit }}.</p>
<table class="results"><tr>{% for v in columns %}<th>{{ v }}</th>{% endfor %}</tr>
{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</table>{% endif %}
{% endif %}
{% if examples %}<h2>Stored queries</h2><ul>
{% for e in examples %}<li><a href="{{ e[1] }}">{{ e[0] }}</a> <span class="muted">{{ e[2] }}</span></li>{% endfor %}</ul>{% endif %}
{% endblock %}"""

QUERIES = """{% extends "base.html" %}{% block main %}
<h1>Stored queries</h1>
<p>One query per competency question, kept in <code>queries/</code>. Run one here, with <code>wbkg query NAME</code>,
or send its text to <code>/sparql</code>; bind parameters with <code>$name=&lt;IRI&gt;</code>.</p>
{% for q in queries %}<section id="{{ q.name }}"><h2>{{ q.title }}</h2>
<p><code>{{ q.name }}</code> · {{ q.form }} · <a href="{{ q.run }}">run</a> · <a href="{{ q.text_href }}">text</a></p>
{% if q.description %}<p>{{ q.description }}</p>{% endif %}
{% if q.params %}<ul>{% for p in q.params %}<li><code>?{{ p.name }}</code> {{ p.kind }}, {{ "required" if p.required else "optional" }}: {{ p.description }}{% if p.example %} (example {{ p.example }}){% endif %}</li>{% endfor %}</ul>{% endif %}
{% if q.columns %}<p class="muted">Columns: {{ q.columns|join(", ") }}</p>{% endif %}
<pre>{{ q.text }}</pre></section>
{% else %}<p>No stored queries yet.</p>{% endfor %}
{% endblock %}"""

GRAPH = """{% extends "base.html" %}{% block main %}
<h1>Named graph {{ name }}</h1>
<div class="iri">{{ iri }}</div>
<p>{{ description }}</p>
<p>{{ size }} triples about {{ subjects }} subjects.</p>
<p class="formats">As data: {% for f in formats %}<a href="{{ f[1] }}" type="{{ f[2] }}">{{ f[0] }}</a>{% endfor %}</p>
{% endblock %}"""

VOID = """{% extends "base.html" %}{% block main %}
<h1>The dataset</h1>
<p>A VoID and DCAT description of the dataset, its named graphs, its SPARQL endpoint and its downloads.</p>
<p class="formats">As data: {% for f in formats %}<a href="{{ f[1] }}" type="{{ f[2] }}">{{ f[0] }}</a>{% endfor %}</p>
<h2>Downloads</h2>
<ul>{% for d in dumps %}<li><a href="{{ d[1] }}">{{ d[0] }}</a> <span class="muted">{{ d[2] }}</span></li>{% endfor %}</ul>
<h2>Named graphs</h2>
<table><tr><th>Graph</th><th>Triples</th></tr>{% for g in graphs %}<tr><td>{{ g[0] }}</td><td>{{ g[1] }}</td></tr>{% endfor %}</table>
<h2>Description (Turtle)</h2>
<pre>{{ turtle }}</pre>
{% endblock %}"""

ERROR = """{% extends "base.html" %}{% block main %}
<h1>{{ code }} {{ title }}</h1>
<p>{{ message }}</p>
<p><a href="/">Start page</a> · <a href="/search">search by name</a></p>
{% endblock %}"""

TEMPLATES = {"base.html": BASE, "index.html": INDEX, "entity.html": ENTITY, "article.html": ARTICLE,
             "ontology.html": ONTOLOGY, "timeline.html": TIMELINE, "browse.html": BROWSE, "query.html": QUERY,
             "queries.html": QUERIES, "graph.html": GRAPH, "void.html": VOID, "error.html": ERROR}


def environment() -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=False, lstrip_blocks=False)
    env.globals["css"] = Markup(CSS)
    return env


def json_script(data) -> Markup:
    """JSON for a <script type="application/ld+json"> island: nothing in it can end the script element or open
    a comment (``</script>``, ``<!--``), because every <, > and & is written as a JSON \\u escape."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return Markup(text)
