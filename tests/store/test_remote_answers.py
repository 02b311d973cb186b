"""The remote backend refuses an answer the store marks as partial, rather than returning it as the answer (a
Virtuoso "anytime" result: a success status, cut short by the store's time limit)."""
from __future__ import annotations

import httpx
import pytest

from wbkg.store.remote import RemoteError, RemoteStore

ANSWER = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "urn:x:1"}}]}}'


def store_answering(headers: dict) -> RemoteStore:
    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=ANSWER, headers={"Content-Type": "application/sparql-results+json",
                                                             **headers})
    return RemoteStore("http://127.0.0.1:1/sparql", client=httpx.Client(transport=httpx.MockTransport(reply)))


def test_a_complete_answer_is_read():
    assert [str(row[0]) for row in store_answering({}).query("SELECT ?s WHERE { ?s ?p ?o }").rows] == ["urn:x:1"]


def test_a_partial_answer_is_an_error_naming_the_time_limit():
    store = store_answering({"X-SQL-State": "S1TAT", "X-SQL-Message": "RC...: Returning incomplete results"})
    with pytest.raises(RemoteError) as error:
        store.query("SELECT ?s WHERE { ?s ?p ?o }")
    assert "partial answer" in str(error.value) and "S1TAT" in str(error.value)
