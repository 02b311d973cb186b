"""Parameter values for the stored queries on a synthetic project, for benchmarks and tests.

A stored query's header names an example value (``Example: id:albin-kurti``) taken from the real corpus; a
synthetic corpus may not have that entity, and the query then measures an empty answer. While it generates
the articles, ``synthesize`` counts which entity or fact node fills each *role* a parameter can have (the
speaker of a statement, the holder of a tenure, what a stance is on...); each parameter then gets its
example where the synthetic corpus has it in that role, else the node that fills the role most often (ties:
the smallest IRI). The choice is written to ``bench-params.json`` in the project, and read back by
``query_params``.

A parameter whose name is not a known role keeps its header example.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from .terms import ID, IRI, TYPE, wb

PARAMS_FILE = "bench-params.json"
# a '# param:' header line (wbkg.query.stored parses the whole header; importing it would cost rdflib's SPARQL
# engine, a third of the time `wbkg synth --articles 1000` takes)
PARAM_LINE = re.compile(r"^#\s*param\s*:\s*\?(\w+)\s+(\w+)\s+(?:required|optional)\b.*?"
                        r"(?:Example:\s*(\S+))?\s*$", re.IGNORECASE)

# parameter name -> role; a role is filled by the objects of these predicates (subject of any type) ...
ROLE_PREDICATES = {
    "speaker": (wb("speaker"),),
    "person": (wb("holder"),),
    "proposal": (wb("stanceOn"),),
    "about": (wb("concerns"), wb("stanceOn")),
    "place": (wb("place"),),
    "mission": (wb("mission"),),
    "leader": (wb("ledBy"),),
}
EVENT_ROLES = frozenset((wb("participant"), wb("agent"), wb("host")))
CONCERNS, STATEMENT = wb("concerns"), wb("Statement")
# ... or by the subjects having those predicates ("event"), or by the entities an article uses ("entity",
# "state": counted once per article)
ROLES = (*ROLE_PREDICATES, "event", "entity", "state")


class Roles:
    """Counts, over the generated articles, the nodes filling each role."""

    def __init__(self):
        self.counts: dict[str, Counter] = {role: Counter() for role in ROLES}
        self._by_predicate: dict[str, list[str]] = {}
        for role, predicates in ROLE_PREDICATES.items():
            for p in predicates:
                self._by_predicate.setdefault(p, []).append(role)

    def observe(self, triples, entities: dict, used: set) -> None:
        """One article's triples; ``entities`` maps an entity IRI to its world Entity (the described ones),
        ``used`` holds the entity IRIs the article uses. One pass: this runs for every generated article."""
        counts, by_predicate = self.counts, self._by_predicate
        statements, concerns = set(), []
        for s, p, o in triples:
            roles = by_predicate.get(p)
            if roles is not None:
                if o in entities:
                    if p == CONCERNS:  # statements-about: what a statement concerns, or what its stance is on
                        concerns.append((s, o))
                        continue
                    for role in roles:
                        counts[role][o] += 1
            elif p in EVENT_ROLES:
                if o in entities:
                    counts["event"][s] += 1
            elif p == TYPE and o == STATEMENT:
                statements.add(s)
        for s, o in concerns:
            if s in statements:
                counts["about"][o] += 1
        for term in used:
            counts["entity"][term] += 1
            if entities[term].cls == "State":
                counts["state"][term] += 1

    def choose(self, role: str, example: str | None) -> str | None:
        counts = self.counts.get(role)
        if not counts:
            return example
        if example and example.startswith("id:") and IRI(ID + example[3:]) in counts:
            return example
        best = min(counts, key=lambda node: (-counts[node], node))
        return "id:" + best[len(ID):] if best.startswith(ID) else f"<{best}>"


def header_params(path: Path) -> list[tuple[str, str, str | None]]:
    """(name, kind, example) of each parameter in a stored query's header."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = PARAM_LINE.match(line)
        if match:
            out.append((match.group(1), match.group(2).lower(), match.group(3)))
    return out


def choose_params(queries_dir: Path, roles: Roles) -> dict[str, dict[str, str]]:
    """For every stored query with parameters: a value for each parameter (required or optional)."""
    out = {}
    for path in sorted(Path(queries_dir).glob("*.rq")):
        values = {}
        for name, kind, example in header_params(path):
            value = roles.choose(name, example) if kind == "iri" else example
            if value is not None:
                values[name] = value
        if values:
            out[path.stem] = values
    return out


def write_params(project_root: Path, params: dict) -> None:
    text = json.dumps(params, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    (Path(project_root) / PARAMS_FILE).write_text(text, encoding="utf-8")


def query_params(project_root: Path) -> dict[str, dict[str, str]]:
    """The parameter values ``synthesize`` chose for this project's stored queries ({} if it has none):
    ``{query name: {parameter name: value}}``, values as ``wbkg query --param`` takes them (``id:slug``)."""
    path = Path(project_root) / PARAMS_FILE
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))
