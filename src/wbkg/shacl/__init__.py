"""SHACL validation: the shapes in shapes/ on the graph, in one run (``wbkg check``, the in-memory build) or
partitioned for the build (per article, then one global pass, redone incrementally).

Modules, each importing only those listed before it (and nothing of wbkg but namespaces, rdfio, fileio and
errors):

``engine``       loading the shapes, choosing the engine (pyshacl-turbo, pySHACL as the fallback), running it
                 (``run_shacl``, ``validate_graph``), ``ShaclReport``, which shapes use SPARQL
``records``      results as records that runs on different inputs can be merged by; one report from records;
                 the global pass's records kept between builds
``scope``        what the global pass's shapes can read, and its inputs cut from the merge to that
``full_pass``    the global pass in full: its two calls, on their scoped inputs
``incremental``  the global pass redone only where a change can matter (docs/SHACL-INCREMENTAL.md)
``global_pass``  local and shared focus nodes; the build's global pass, full or incremental
"""
