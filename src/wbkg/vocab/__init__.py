"""The vocabulary in code: the namespaces (DefinedNamespace terms, so a misspelt term is an error), the
named graphs, and the schema.org view of the ontology."""
