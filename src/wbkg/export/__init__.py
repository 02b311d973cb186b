"""The exporter: the five formats of the graph, composed from sorted pieces and published as one unit.

formats
    the format names, file names and media types.
context
    the JSON-LD @context (project prefixes, W3C prefixes, schema.org terms).
serialisers
    how each format renders a piece (a named graph, a chunk of the merge).
composed
    the files composed from pieces, with an index of where each lies, and spliced when only some change.
write
    the exports of a build, written into a new generation.
publish
    generations under build/exports/, the one pointer build/current, the paths readers use.
rdflib_dataset
    serialising an rdflib Graph or Dataset held in memory (query results, loaded graphs).
"""
