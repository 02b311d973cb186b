"""Reviewing drafts (`wbkg review`, docs/review.md): reading a draft into reviewable facts (drafts.py),
accepting, rejecting and correcting them (actions.py), writing the curated files back (writeback.py) and
remembering rejections (rejections.py). Functions return data; the CLI and the review page render it.

Nothing is imported here, so that `wbkg ingest` can read rejections without loading the rest."""
