"""Reading a search's whole result list page by page, as a user pages through it."""

from __future__ import annotations

# The seed reports' words for twins (多胎児, 双子, ツインスターズ): the passages a
# count of 多胎児's results is checked against.
TWINS = ("多胎", "双子", "ツイン")


def all_results(service, query, mode="hybrid"):
    """(the first page's answer, every result of every page); a page must not run out
    before the reported total."""
    first = service.search(query, mode=mode, k=100)
    results = list(first["results"])
    while len(results) < first["total"]:
        page = service.search(query, mode=mode, k=100, offset=len(results))["results"]
        assert page, "a page before the reported total ran out"
        results.extend(page)
    return first, results
