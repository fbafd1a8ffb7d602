"""A day of the week is one word, written in full (土曜日) or short (土曜).

The analyzer keeps 土曜日 and 土曜 apart, and the reports write both: 港北区's seed report
holds 「年38回土曜両親教室を実施」, 西区's 「毎週土曜日に配信」 and 「日曜開館日」. A user who types
土曜日 asks about Saturdays either way. On the seed corpus (`keyword_service`, keyword mode:
only the query's words find anything).
"""

from __future__ import annotations

from search_app import querybuild


def texts(result):
    return [p["text"] for p in result["results"]]


def test_a_search_for_saturday_finds_the_report_that_writes_the_short_form(keyword_service):
    r = keyword_service.search("土曜日", mode="bm25")
    found = [p for p in r["results"] if "土曜両親教室" in p["text"]]
    assert found and found[0]["ward"] == "港北区"
    assert "港北区" in {w["ward"] for w in r["wards"]}    # its unit answers: it names the day


def test_without_the_rule_saturday_misses_the_short_form(keyword_service, monkeypatch):
    # the control: the words as the analyzer cuts them
    monkeypatch.setattr(querybuild, "WEEKDAY_FORMS", False)
    r = keyword_service.search("土曜日", mode="bm25")
    assert not [t for t in texts(r) if "土曜両親教室" in t]
    assert "港北区" not in {w["ward"] for w in r["wards"]}


def test_the_day_as_written_still_ranks_first(keyword_service):
    # the other form is the same word, scored once: it does not outweigh the spelling typed
    r = keyword_service.search("土曜日", mode="bm25")
    assert "土曜日" in texts(r)[0]


def test_only_the_seven_days_have_another_form():
    assert querybuild.weekday_forms("土曜日") == ["土曜"]
    assert querybuild.weekday_forms("日曜") == ["日曜日"]
    assert querybuild.weekday_forms("曜日") == []
    assert querybuild.weekday_forms("黒曜石") == []
    assert querybuild.weekday_forms("土曜日曜") == []
