"""Queries: the stored ones (stored.py, one .rq per question with a header), parsing and refusing what may
not run (prepare.py), results in a store-independent shape and their formats (results.py), and the reports
built from queries on the build's store (describe.py for `wbkg show`, coverage.py)."""
