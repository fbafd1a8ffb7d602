"""A report's hub and ward where it writes them in other ways (parser31): a known hub's nickname
spelled otherwise (kanji, width, capitals, no middle dot) or standing after the year in the title,
and the hub's address written without 横浜市."""
from __future__ import annotations

from indexer.parse import parse_text

_GOAL = ("重点目標１　雨の日も親子が来られるひろばにします。\n取組内容\n室内遊びの日を設けた。\n"
         "取組の成果\n来館者が増えた。\n取組の課題\n手狭になった。\n")


def _doc(text: str, context: tuple[str, ...] = ()):
    return parse_text(text, "report.txt", "doc", context=context).document


def test_a_known_hub_spelled_otherwise_in_the_title_is_found_with_its_ward():
    for written, hub, ward in (("地域子育て支援拠点　わっくん広場", "わっくんひろば", "鶴見区"),
                               ("ＰＯＰＯＬＡ", "Popola", "都筑区"), ("popola", "Popola", "都筑区"),
                               ("スマイルポート", "スマイル・ポート", "西区"), ("はぐはぐのき", "はぐはぐの樹", "南区")):
        doc = _doc(f"令和５年度　{written}　年度評価\n" + _GOAL)
        assert (doc.hub, doc.ward) == (hub, ward), written
    # a known hub named in the page header only, spelled in capitals
    doc = _doc("令和５年度　年度評価\n" + _GOAL, context=("地域子育て支援拠点ＰＯＰＯＬＡ",))
    assert (doc.hub, doc.ward) == ("Popola", "都筑区")
    # a kana word no hub's stays no hub (no hub is made up from the list)
    assert _doc("令和５年度　ぽぽら　年度評価\n" + _GOAL).ward is None


def test_a_nickname_between_the_year_and_the_reports_kind_names_the_hub():
    assert _doc("令和２年度　ひだまり　年度評価\n" + _GOAL).hub == "ひだまり"
    assert _doc("令和２年度　地域子育て支援拠点　ひだまり　年度評価\n" + _GOAL).hub == "ひだまり"
    # words of the report in that place name no hub
    assert _doc("令和２年度　まとめ　年度評価\n" + _GOAL).hub is None
    assert _doc("令和２年度　センター　事業評価\n" + _GOAL).hub is None


def test_an_address_without_yokohama_gives_the_ward_when_the_report_is_yokohamas():
    # under one of Yokohama's postal codes, in the text or in a page footer
    address = "〒241-0022　旭区鶴ケ峰1-2-3"
    assert _doc("令和５年度　年度評価\n" + _GOAL + address + "\n").ward == "旭区"
    assert _doc("令和５年度　年度評価\n" + _GOAL, context=(address,)).ward == "旭区"
    # no postal code: the report says 横浜市 elsewhere (its title, its page header)
    labelled = "住所　旭区鶴ケ峰1-2-3\nTEL 045-000-0000\n"
    assert _doc("横浜市　令和５年度　年度評価\n" + _GOAL + labelled).ward == "旭区"
    assert _doc("令和５年度　年度評価\n" + _GOAL + labelled, context=("横浜市こども青少年局",)).ward == "旭区"


def test_an_address_without_yokohama_gives_no_ward_when_nothing_says_yokohama():
    # 旭区 is also 大阪市's: no 横浜市, no Yokohama postal code — no ward
    assert _doc("令和５年度　年度評価\n" + _GOAL + "住所　旭区鶴ケ峰1-2-3\nTEL 06-0000-0000\n").ward is None
    # another city's postal code, even where the report names 横浜市 (a partner's address)
    assert _doc("横浜市　令和５年度　年度評価\n" + _GOAL + "〒535-0001　旭区太子橋1-2-3\n").ward is None
    # another city written before the ward
    assert _doc("令和５年度　年度評価\n" + _GOAL + "〒241-0022　大阪市旭区鶴ケ峰1-2-3\n").ward is None


def test_a_nickname_written_with_a_kanji_that_no_list_holds_names_the_hub():
    # (parser33) kanji then kana, in the title's two places a kana nickname stands
    assert _doc("令和２年度　陽だまり　年度評価\n" + _GOAL).hub == "陽だまり"
    assert _doc("陽だまり　令和２年度　年度評価\n" + _GOAL).hub == "陽だまり"
    assert _doc("令和２年度　森のおうち　事業評価\n" + _GOAL).hub == "森のおうち"
    # a ward, a word of the report, a verb or a phrase in that place names no hub
    for words in ("泉区", "子育て", "振り返り", "拠点での"):
        assert _doc(f"令和２年度　{words}　年度評価\n" + _GOAL).hub is None, words
