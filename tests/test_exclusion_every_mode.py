"""A word or phrase the user leaves out (-双子, NOT 双子, -"双子の利用者") is out of the results in
every mode: the semantic half used to bring back passages naming it, so a hybrid or meaning search
for 多胎児 -双子 showed the 双子 passage the user had just excluded."""
from __future__ import annotations

import pytest


def _texts(result):
    return [p["text"] for p in result["results"]]


@pytest.mark.parametrize("mode", ["hybrid", "semantic"])
@pytest.mark.parametrize("query, word", [("多胎児 -双子", "双子"), ("多胎児 NOT 双子", "双子"),
                                         ('利用者 -"双子の利用者"', "双子の利用者")])
def test_a_left_out_word_is_out_of_hybrid_and_meaning_results_too(hybrid_service, mode, query, word):
    kept = hybrid_service.search(query.split()[0], mode=mode, k=50)
    assert any(word in t for t in _texts(kept)), "the word is found without the exclusion"
    left = hybrid_service.search(query, mode=mode, k=50)
    assert left["results"], "the rest of the query still answers"
    assert not any(word in t for t in _texts(left))


def test_leaving_a_word_out_keeps_every_passage_that_does_not_name_it(hybrid_service):
    not_naming = {p["passage_id"] for p in hybrid_service.search("多胎児", mode="hybrid", k=50)["results"]
                  if "双子" not in p["text"]}
    left = {p["passage_id"] for p in hybrid_service.search("多胎児 -双子", mode="hybrid", k=50)["results"]}
    assert not_naming and not_naming <= left
