"""The export formats: the names ``wbkg export --format`` takes, their file names and media types."""
from __future__ import annotations

#: format name -> (file extension, media type)
FORMATS = {
    "turtle": ("ttl", "text/turtle"),
    "json-ld": ("jsonld", "application/ld+json"),
    "nt": ("nt", "application/n-triples"),
    "trig": ("trig", "application/trig"),
    "nquads": ("nq", "application/n-quads"),
}
#: the formats that keep the named graphs (the others hold their merge)
DATASET_FORMATS = ("trig", "nquads")
EXPORT_NAME = "wbkg"
STATS_NAME = "stats.json"
#: the drafts (wbkg ingest, not reviewed) are published apart, in their own named graphs: never in the merge
DRAFTS_NAME = "wbkg-drafts"


def extension(fmt: str) -> str:
    return FORMATS[fmt][0]


def media_type(fmt: str) -> str:
    return FORMATS[fmt][1]


def file_name(fmt: str) -> str:
    """``wbkg.ttl`` for turtle, and so on."""
    return f"{EXPORT_NAME}.{extension(fmt)}"


def format_of_extension(ext: str) -> str:
    return next(fmt for fmt, (e, _media) in FORMATS.items() if e == ext)


def drafts_file_name(fmt: str) -> str:
    """``wbkg-drafts.trig`` for trig: the drafts' named graphs (dataset formats only)."""
    return f"{DRAFTS_NAME}.{extension(fmt)}"


#: the files a build publishes together: every format, the drafts and the figures of ``wbkg stats``
PUBLISHED = tuple(file_name(fmt) for fmt in FORMATS) + tuple(drafts_file_name(fmt) for fmt in DATASET_FORMATS) \
    + (STATS_NAME,)
