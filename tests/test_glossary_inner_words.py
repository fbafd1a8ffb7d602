"""A glossary term of several words keeps the synonyms of the words inside it.

The glossary is matched longest first, so a phrase staff add as a term of its own
(入園相談 = 入所相談) used to hide the groups of its words (入園 -> 就園): a search for the
phrase found less than before the line was added, and nothing told the staff member.
On the seed corpus (`keyword_service`, keyword mode: only the vocabulary bridges words),
with the packaged glossary plus the staff's line (`staff_glossary`).
"""

from __future__ import annotations

from pathlib import Path

from indexer.synonyms import DEFAULT_GLOSSARY_PATH
from search_app import querybuild

PACKAGED = Path(DEFAULT_GLOSSARY_PATH).read_text(encoding="utf-8")


def alternatives(result, source):
    return {t for a in result["alternatives"] if a["source"] == source for t in a["terms"]}


def names(result, word, n=10):
    return [p for p in result["results"][:n] if word in p["text"]]


def test_a_phrase_staff_add_to_the_glossary_still_finds_its_words_synonyms(keyword_service, staff_glossary):
    # 西区 writes 就園・就学 (its table of what parents ask about); no seed report writes 入園
    staff_glossary(PACKAGED + "\n入園相談 入所相談\n")
    r = keyword_service.search("入園相談", mode="bm25")
    assert "就園" in alternatives(r, "glossary")          # the answer says it searched 就園 too
    assert names(r, "就園", 3) and names(r, "就園", 3)[0]["ward"] == "西区"


def test_without_the_inner_words_the_staff_phrase_hides_them(keyword_service, staff_glossary, monkeypatch):
    # the control: the behaviour before (the phrase line shadows 入園 -> 就園)
    staff_glossary(PACKAGED + "\n入園相談 入所相談\n")
    monkeypatch.setattr(querybuild, "INNER_WEIGHT", 0.0)
    r = keyword_service.search("入園相談", mode="bm25")
    assert "就園" not in alternatives(r, "glossary")
    assert not names(r, "就園")


def test_the_inner_words_synonyms_belong_to_those_words_only(keyword_service, staff_glossary):
    # 入園 -> 就園 stands for 入園, not for 相談: the phrase's own synonym and the inner
    # word's are listed under the words they were searched for
    staff_glossary(PACKAGED + "\n入園相談 入所相談\n")
    r = keyword_service.search("入園相談", mode="bm25")
    by_word = {a["word"]: set(a["terms"]) for a in r["alternatives"] if a["source"] == "glossary"}
    assert by_word.get("入園") == {"就園"}
    assert "就園" not in by_word.get("入園相談", set())


def test_a_glossary_term_the_reports_write_is_searched_as_itself(keyword_service, monkeypatch):
    # 広報よこはま (the city's bulletin) is a packaged term the seed reports write; its inner
    # word's group (広報 -> 周知, PR, お知らせ ...) would only let any publicity cover it
    r = keyword_service.search("広報よこはま", mode="bm25")
    assert names(r, "広報よこはま", 1)
    assert not {"周知", "PR", "お知らせ"} & alternatives(r, "glossary")
    # the control: with the inner words searched whatever the reports write, they are
    monkeypatch.setattr(querybuild, "INNER_ONLY_UNKNOWN", False)
    r = keyword_service.search("広報よこはま", mode="bm25")
    assert {"周知", "PR", "お知らせ"} <= alternatives(r, "glossary")


def test_a_staff_phrase_leaves_its_words_to_the_dictionarys_synonyms(keyword_service, staff_glossary, monkeypatch):
    # no seed report writes 送り迎え; Sudachi's synonym dictionary bridges it to 送迎, which
    # they do. A staff line for a phrase holding it must not switch that off.
    staff_glossary(PACKAGED + "\n送り迎え支援 送り迎えサポート\n")
    r = keyword_service.search("送り迎え支援", mode="bm25")
    assert "送迎" in alternatives(r, "dictionary")
    assert names(r, "送迎")
    # the control: with the phrase covering its words, as before
    monkeypatch.setattr(querybuild, "INNER_DICTIONARY", False)
    r = keyword_service.search("送り迎え支援", mode="bm25")
    assert "送迎" not in alternatives(r, "dictionary")
