"""A quoted phrase no report writes is said, not passed off as a match (userfix28's walk).

The keyword half requires a quoted phrase (its words adjacent, in order); when no passage
holds it, everything a hybrid or semantic answer shows was found by meaning alone."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("query", ['"多胎児 支援"', '子育て "ペンギン体操"'])
def test_a_quoted_phrase_no_report_writes_is_said_not_passed_off_as_a_match(hybrid_service, query):
    """'"多胎児 支援"' answered 139 passages of five wards in hybrid mode with no word of
    warning: the keyword half requires the phrase and finds nothing, so all of it was
    found by meaning."""
    out = hybrid_service.search(query, mode="hybrid")
    assert out["total"] > 0
    phrase = query.split('"')[1]
    notice = next(n for n in out["notices"] if f"「{phrase}」と書かれた記載は報告書にありません" in n)
    assert "意味の近い記載を表示しています" in notice
    keyword = hybrid_service.search(query, mode="bm25")
    assert keyword["total"] == 0
    assert any(f"「{phrase}」と書かれた記載は報告書にありません" in n for n in keyword["notices"])


def test_a_quoted_phrase_the_reports_write_gets_no_such_notice(hybrid_service):
    out = hybrid_service.search('"両親教室"', mode="hybrid")
    assert out["total"] > 0 and not any("と書かれた記載は報告書にありません" in n for n in out["notices"])
