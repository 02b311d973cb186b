"""Drafting the graph of a new article: known entities linked, dates, quantities and statements found with
their character offsets, each a draft fact for a person to review (docs/ingest/)."""
