"""Leave-one-article-out evaluation of the ingest extractor blocks (bench/extract_eval.py)."""
