"""Year and section intents and question frames on the real seed corpus (hybrid index).

A year in the query asks for what was done that year: a passage whose own text
names the year speaks of it, a passage that only lies in a five-year summary
covering it does not. Section words (自己評価, 評価) ask for that part of the
reports; question frames (…はあるか, どのように…しているか) are not topics.
"""

from __future__ import annotations

from datetime import date

import pytest

from indexer import records
from search_app.query import parse_query
from search_app.yearintent import named_years


def test_a_year_is_named_by_a_sentence_not_by_a_tables_year_columns_or_a_range():
    assert named_years("令和7年度からは定期的に栄養士相談も開始した。") == {2025}
    assert named_years("R5年度より常設ひろば全6施設に拡大") == {2023}
    assert named_years("令和4年5月から「ひろば預かり」を開始した") == {2022}
    assert named_years("R3年度 | R4年度 | R5年度 | R6年度\n相談件数 | 1129件 | 1037件") == set()
    assert named_years("対象期間：令和3年度～令和7年度") == set()


def _names_2025(p) -> bool:
    return 2025 in named_years(p["text"])


def test_a_year_written_in_the_passages_text_ranks_it_for_that_years_query(hybrid_service):
    # Only 西区's five-year summary (2021-2025) covers 令和7年度; every one of its
    # passages passes the year filter, a few of them say what happened in 令和7年度.
    results = hybrid_service.search("令和7年度の相談")["results"]
    naming = [n for n, p in enumerate(results) if _names_2025(p)]
    assert len(naming) >= 3
    assert naming == list(range(len(naming)))   # all of them before any passage that does not



def test_a_self_evaluation_query_lists_the_rated_programme_rows(hybrid_service):
    r = hybrid_service.search("事業ごとの自己評価")
    assert r["intent"]["sections"] == [records.SELF_EVAL] and r["intent"]["listing"]
    assert r["results"] and all(p["section"] == records.SELF_EVAL for p in r["results"])
    assert all(p["grades"] for p in r["results"])   # the rows carry their A-D grades
    assert [w["ward"] for w in r["wards"]] == ["西区"]   # the one five-year summary of the seeds


def test_evaluation_alone_asks_for_the_evaluation_section_and_inside_a_topic_it_is_a_word():
    assert parse_query("西区の評価").sections == ["評価"]
    topic = parse_query("有識者を交えた事業評価")
    assert topic.sections == [] and "評価" in [t.term for t in topic.terms]


@pytest.mark.parametrize("q, section", [("年度ごとの成果", "成果"), ("区ごとの課題", "課題"),
                                        ("事業別の評価", "評価"), ("年度毎の重点目標", "目標")])
def test_for_each_ward_year_or_programme_is_how_to_group_not_a_topic(q, section):
    parsed = parse_query(q)
    assert parsed.terms == [] and parsed.sections == [section] and parsed.is_listing


def test_for_each_of_a_topic_word_keeps_the_word():
    assert [t.term for t in parse_query("利用者ごとの相談").terms] == ["利用者", "相談"]


def test_the_best_answers_goal_block_keeps_its_passages_that_name_a_query_word(hybrid_service):
    r = hybrid_service.search("医療機関との連携")
    top = r["results"][0]
    assert "医療機関との連携" in top["text"] and top["ward"] == "中区"
    mates = [p for p in r["results"][1:] if p["unit"] == top["unit"]]
    assert any("新たな地域資源と連携" in p["text"] for p in mates)   # the same goal's next-year goal


@pytest.mark.parametrize("question, topic", [
    ("多胎児支援の具体例を挙げてください", "多胎児支援"),          # a request: verb + てください, a frame noun
    ("どうすれば父親が参加しやすくなりますか", "父親が参加しやすい"),  # どう…すれば, …なりますか
    ("父親の参加を増やすにはどうすればよいか", "父親の参加を増やす"),  # …ばよい: a dependent adjective
    ("会員を増やしていくには", "会員を増やす"),                  # …ていく: a dependent verb after て
    ("多胎児への支援は行われているか", "多胎児への支援"),          # a light verb: …は行われているか
    ("外国籍の家庭への支援はありますか", "外国籍の家庭への支援"),
    ("父親向けの講座をやっている区は", "父親向けの講座"),          # the colloquial light verb やる
    ("子育てサークルはどうやって作るの", "子育てサークルを作る"),     # どうやって: how
    ("ボランティアを増やすにはどうしたらいい？", "ボランティアを増やす"),  # …たらいい: after a conditional
])
def test_a_questions_frame_words_are_not_words_to_match(question, topic):
    assert [t.term for t in parse_query(question).terms] == [t.term for t in parse_query(topic).terms]


def test_a_content_verb_of_a_question_stays_a_word_to_match():
    terms = [t.term for t in parse_query("拠点に来た親子を地域の居場所につなげるにはどうしているか").terms]
    assert {"来る", "繋げる", "居場所"} <= set(terms)


def test_a_questions_frame_words_do_not_claim_a_ward(hybrid_service):
    for question, topic in [("沐浴体験の具体例を挙げてください", "沐浴体験"),
                            ("ダブルケアへの支援はありますか", "ダブルケアへの支援")]:
        asked = {w["ward"] for w in hybrid_service.search(question)["wards"]}
        assert asked == {w["ward"] for w in hybrid_service.search(topic)["wards"]}


def test_a_years_listing_shows_that_years_reports_and_passages_naming_it_first(hybrid_service):
    r = hybrid_service.search("令和5年度の成果", k=50)
    assert r["intent"]["listing"]
    about = [p["fiscal_year_from"] == p["fiscal_year_to"] == 2023 or 2023 in named_years(p["text"])
             for p in r["results"]]
    assert any(about) and not all(about)   # 西区's five-year summary also covers 令和5年度
    assert about == sorted(about, reverse=True)
    assert any(p["ward"] == "西区" and 2023 in named_years(p["text"])
               for p, a in zip(r["results"], about) if a)


def test_a_five_year_summary_covering_the_asked_year_still_answers_for_its_ward(hybrid_service):
    # the year orders the list (passages naming 令和5年度 first) but does not decide
    # which wards answer: 西区's summary (2021-2025) covers 令和5年度
    with_year = {w["ward"] for w in hybrid_service.search("令和5年度 子育てサポートシステム")["wards"]}
    assert "西区" in with_year


def test_a_question_asked_with_the_colloquial_yaru_is_answered_like_one_asked_with_suru(hybrid_service):
    asked = hybrid_service.search("多胎児の支援をやっている区は")
    plain = hybrid_service.search("多胎児の支援をしている区は")
    assert not any("やっ" in n for n in asked["notices"])   # no "word the reports lack" notice
    assert [w["ward"] for w in asked["wards"]] == [w["ward"] for w in plain["wards"]]
    assert asked["expansion"] == plain["expansion"] == []   # nothing unknown to expand


def test_a_year_and_ward_whose_reports_lack_the_section_asked_for_list_what_they_have_and_say_so(hybrid_service):
    # 西区's report for 令和7年度 is its five-year summary, which has no 取組内容 section
    r = hybrid_service.search("令和7年度の西区の取組")
    assert r["intent"]["listing"] and r["intent"]["sections"] == ["取組内容"]
    assert r["results"] and {p["ward"] for p in r["results"]} == {"西区"}
    assert any("「取組内容」の区分の記載はない" in n and "指定された年度・区の記載" in n for n in r["notices"])
    assert not any("当てはまる記載はありません" in n for n in r["notices"])
    # a year alone: the notice names the year, not a ward nobody gave
    alone = hybrid_service.search("令和7年度の取組")
    assert any("「取組内容」の区分の記載はない" in n and "指定された年度の記載" in n for n in alone["notices"])
    # a section the year does have is listed as before, without the notice
    has = hybrid_service.search("令和7年度の西区の課題")
    assert has["results"] and all("課題" in p["section"] for p in has["results"]) \
        and not any("区分の記載はない" in n for n in has["notices"])


@pytest.mark.parametrize("query, today, year", [
    ("昨年度の課題", date(2026, 11, 30), 2025),     # fiscal 2026 runs from April 2026
    ("昨年度の課題", date(2026, 3, 31), 2024),      # still fiscal 2025 in March
    ("去年の成果", date(2026, 11, 30), 2025),
    ("今年度の重点目標", date(2024, 6, 1), 2024),
    ("一昨年度 多胎児", date(2026, 11, 30), 2024),
])
def test_a_year_said_relative_to_today_searches_the_fiscal_year_it_means_and_says_which(query, today, year):
    parsed = parse_query(query, today=today)
    assert parsed.years == (year, year)
    assert not any(w in t.surface for t in parsed.terms for w in ("昨年", "去年", "今年", "一昨年"))
    assert any(f"{year}年度" in n and "として検索しました" in n for n in parsed.notices)


@pytest.mark.parametrize("query, years, rest", [
    ("2023 成果", (2023, 2023), "成果"),
    ("多胎児 2022", (2022, 2022), "多胎児"),
    ("２０２３　多胎児", (2023, 2023), "多胎児"),        # full-width digits and space
    ("2021-2023 課題", (2021, 2023), "課題"),
])
def test_a_western_year_typed_alone_is_the_fiscal_year_and_says_so(query, years, rest):
    parsed = parse_query(query, today=date(2026, 11, 30))
    assert parsed.years == years
    assert parsed.text == rest
    assert any("として検索しました" in n for n in parsed.notices)


@pytest.mark.parametrize("query", ["2500部", "1200 講座", "3000", "2040 計画"])
def test_a_number_that_cannot_be_a_reports_year_stays_a_word(query):
    parsed = parse_query(query, today=date(2026, 11, 30))
    assert parsed.years is None and not parsed.notices


def test_a_western_year_typed_alone_filters_the_answer_to_that_year(hybrid_service):
    bare = hybrid_service.search("2023 成果")
    said = hybrid_service.search("2023年度 成果")
    assert bare["results"] and bare["total"] == said["total"]
    assert [p["passage_id"] for p in bare["results"]] == [p["passage_id"] for p in said["results"]]
    assert all(p["fiscal_year_from"] <= 2023 <= p["fiscal_year_to"] for p in bare["results"])


@pytest.mark.parametrize("query", ["港南区 西区 比較", "港南区と西区の違い"])
def test_asking_to_compare_two_wards_answers_with_both_wards(hybrid_service, query):
    r = hybrid_service.search(query)
    assert {w["ward"] for w in r["wards"]} == {"港南区", "西区"}
    assert {p["ward"] for p in r["results"]} <= {"港南区", "西区"}


def test_comparing_two_wards_on_a_topic_searches_the_topic_in_both():
    parsed = parse_query("西区と港南区の多胎児支援の比較")
    assert sorted(parsed.wards) == ["港南区", "西区"]
    assert [t.term for t in parsed.terms] == ["多胎児", "支援"]
    # without two wards named, a comparison word is the reports' own (前年度比較, 利用目的の違い)
    assert "比較" in [t.term for t in parse_query("ページビュー 比較").terms]
    assert "違い" in [t.term for t in parse_query("西区 利用目的の違い").terms]


def test_next_year_and_previous_year_of_a_report_are_left_to_the_report():
    # in the reports 次年度 / 前年度 are relative to the report itself (次年度目標 is a section)
    assert parse_query("次年度目標", today=date(2026, 11, 30)).years is None
    assert parse_query("前年度の課題", today=date(2026, 11, 30)).years is None


@pytest.mark.parametrize("query, wards", [
    ("港北の取組", ["港北区"]),
    ("港南 課題", ["港南区"]),
    ("青葉の多胎児支援", ["青葉区"]),
    ("港北と港南の課題", ["港北区", "港南区"]),
])
def test_a_ward_typed_without_its_ku_is_that_ward_and_the_user_is_told(query, wards):
    parsed = parse_query(query)
    assert parsed.wards == wards
    assert [n for n in parsed.notices if "として検索しました" in n] == \
        [f"「{w[:-1]}」を{w}として検索しました" for w in wards]
    assert not any(t.term in ("港北", "港南", "青葉") for t in parsed.terms)


@pytest.mark.parametrize("query", ["港北ニュータウン", "鶴見川の清掃", "神奈川県の子育て", "神奈川の重点目標",
                                   "西の課題", "戸塚駅"])
def test_a_longer_place_name_the_prefecture_or_a_one_character_stem_is_not_a_ward(query):
    assert parse_query(query).wards == []


def test_a_ward_typed_without_its_ku_lists_that_wards_passages(hybrid_service):
    r = hybrid_service.search("港北の課題")
    assert r["results"] and {p["ward"] for p in r["results"]} == {"港北区"}


def test_a_query_naming_two_wards_shows_those_two_wards_only(hybrid_service):
    r = hybrid_service.search("港北区と港南区の課題")
    assert set(r["filters"]["wards"]) == {"港北区", "港南区"}
    assert r["results"] and {p["ward"] for p in r["results"]} == {"港北区", "港南区"}
    assert {w["ward"] for w in r["wards"]} <= {"港北区", "港南区"}


def test_a_ward_excluded_with_a_minus_leaves_out_that_wards_reports(hybrid_service):
    r = hybrid_service.search("多胎児 -西区")
    assert r["filters"]["not_wards"] == ["西区"] or r["filters"]["not_wards"] == ("西区",)
    assert r["results"] and "西区" not in {p["ward"] for p in r["results"]}
    assert "西区" not in {w["ward"] for w in r["wards"]}
    assert "港南区" in {w["ward"] for w in r["wards"]}
    # a plain word after a minus is still excluded as a word
    assert parse_query("多胎児 -双子").excluded == ["双子"]


@pytest.mark.parametrize("query, programmes", [
    ("西区 子育て相談事業の成果", [2]), ("相談事業の課題", [2]), ("利用者支援事業", [7]),
    ("情報収集・提供事業の評価", [3]), ("人材育成・活動支援事業", [5]), ("子サポ事業の課題", [6]),
    (records.PROGRAMMES[6], [6]), ("親子の居場所事業", [1]), ("ネットワーク事業の成果", [4]),
    ("相談の工夫", []), ("親子の居場所づくり", []), ("地域子育て支援拠点事業", []), ("ネットワークづくり", []),
])
def test_a_programme_named_as_a_programme_is_an_intent_and_its_core_word_alone_is_a_topic(query, programmes):
    parsed = parse_query(query)
    assert parsed.programmes == programmes
    assert parsed.terms   # the programme's words are still searched


@pytest.mark.parametrize("programme", sorted(records.PROGRAMMES))
def test_a_query_naming_a_programme_shows_that_programmes_block_first(hybrid_service, programme):
    # 西区's five-year summary rates all seven programmes; each has its own 成果.
    r = hybrid_service.search(f"西区 {records.PROGRAMMES[programme]}の成果")
    assert r["intent"]["programmes"] == [programme]
    assert r["results"][0]["programme"] == programme


def test_a_five_year_summary_line_naming_the_asked_year_is_a_result_without_the_querys_other_words(hybrid_service):
    # 「令和4年5月から…ひろば預かり…を開始した」 shares no word with 始めたこと but is what 西区
    # started in FY2022; the summary's other passages lie in 2021-2025 without naming it.
    results = hybrid_service.search("令和4年度に新しく始めたこと")["results"][:10]
    naming = [p for p in results if 2022 in named_years(p["text"])]
    assert any("令和4年5月から" in p["text"] and p["section"].startswith("評価の理由") for p in naming)
    assert any("令和4年度以降" in p["text"] for p in naming)


def test_words_that_mean_nothing_beside_a_year_list_that_year_and_say_why(hybrid_service):
    r = hybrid_service.search("令和６年度にやめたこと")
    assert r["total"] > 0 and r["intent"]["listing"]
    assert all(p["fiscal_year_from"] <= 2024 <= (p["fiscal_year_to"] or p["fiscal_year_from"])
               for p in r["results"])
    assert any("見つからないため、指定された年度の記載をすべて表示しています" in n for n in r["notices"])


def test_junk_alone_still_finds_nothing_and_junk_beside_a_ward_lists_the_ward(hybrid_service):
    assert hybrid_service.search("ふがふが")["total"] == 0
    r = hybrid_service.search("港南区 ふがふが")
    assert r["total"] > 0 and {p["ward"] for p in r["results"]} == {"港南区"}
    assert any("「ふがふが」は文書にも辞書にも見つからない" in n for n in r["notices"])


def test_a_slip_beside_a_year_is_corrected_and_searched_not_listed_as_the_whole_year(hybrid_service):
    r = hybrid_service.search("令和5年度 ボランテイア")
    assert r["spelling"] and r["spelling"]["searched"] and r["spelling"]["corrected"].endswith("ボランティア")
    assert not r["intent"]["listing"]
    assert any("ボランティア" in p["text"] for p in r["results"][:5])
