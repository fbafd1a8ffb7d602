"""How the query box reads what users type, as a user walking through the search saw it:
a ward "other than" (西区以外) leaves that ward out, lowercase era letters (r5, h31) are
years, hiragana spellings of known katakana words are those words, and a query of only
particles or operators says why nothing was searched."""

from __future__ import annotations

import pytest

from search_app.query import parse_query


@pytest.mark.parametrize("query", ["西区以外 多胎児", "西区以外", "西区を除く多胎児", "西区以外の区の多胎児支援",
                                   "多胎児 西区を除いた", "西区除く 多胎児", "西区抜き 多胎児"])
def test_a_ward_followed_by_igai_or_wo_nozoku_is_left_out_not_searched(query):
    parsed = parse_query(query)
    assert parsed.excluded_wards == ["西区"]
    assert "西区" not in parsed.wards
    assert parsed.excluded_wards == parse_query("多胎児 -西区").excluded_wards
    assert not {"以外", "除く", "抜き"} & {t.term for t in parsed.terms}


def test_only_the_ward_before_igai_is_left_out_and_a_ward_asked_for_is_still_searched():
    parsed = parse_query("港南区以外 中区の多胎児")
    assert parsed.excluded_wards == ["港南区"] and parsed.wards == ["中区"]
    assert parse_query("港北以外").excluded_wards == ["港北区"]    # a ward without its 区
    assert parse_query("保土ヶ谷区以外").excluded_wards == ["保土ケ谷区"]
    assert parse_query("それ以外の支援").excluded_wards == []       # no ward: plain words


def test_searching_west_ward_igai_shows_other_wards_only_like_minus_west_ward(keyword_service):
    r = keyword_service.search("西区以外 多胎児")
    minus = keyword_service.search("多胎児 -西区")
    assert tuple(r["filters"]["not_wards"]) == ("西区",)
    assert r["results"] and "西区" not in {p["ward"] for p in r["results"]}
    assert "西区" not in {w["ward"] for w in r["wards"]}
    assert r["total"] == minus["total"]


@pytest.mark.parametrize("typed, upper", [("h31 中区", "H31 中区"), ("r5 多胎児", "R5 多胎児"),
                                          ("ｒ５ 多胎児", "R5 多胎児"), ("r3-r7 課題", "R3-R7 課題"),
                                          ("s64", "S64")])
def test_a_lowercase_era_letter_before_digits_is_the_same_year_as_the_capital(typed, upper):
    parsed, capital = parse_query(typed), parse_query(upper)
    assert parsed.years == capital.years and parsed.years is not None
    assert [t.term for t in parsed.terms] == [t.term for t in capital.terms]


@pytest.mark.parametrize("query", ["mr5 多胎児", "h264 動画", "r5a", "hr 担当"])
def test_letters_inside_a_word_or_code_are_not_read_as_a_year(query):
    assert parse_query(query).years is None


@pytest.mark.parametrize("value", ["r5", "ｒ５", "R５", "r5年度"])
def test_the_year_filter_reads_a_lowercase_era_letter_like_the_query_box(value):
    from search_app.params import parse_year_range

    assert parse_year_range(value) == (2023, 2023)
    assert parse_year_range("h31") == (2019, 2019)


def test_searching_h31_in_lowercase_finds_what_capital_h31_finds(keyword_service):
    lower, capital = keyword_service.search("h31 中区"), keyword_service.search("H31 中区")
    assert lower["total"] == capital["total"] > 0
    assert not any("見つかりません" in n for n in lower["notices"])
    filtered = keyword_service.search("多胎児", year="r5")
    assert (filtered["filters"]["year_from"], filtered["filters"]["year_to"]) == (2023, 2023)
    assert filtered["total"] == keyword_service.search("多胎児", year="R5")["total"]


@pytest.mark.parametrize("query", ["の", "AND OR NOT", "の は", "を AND"])
def test_a_query_of_only_particles_or_operators_says_there_is_nothing_to_search(keyword_service, query):
    r = keyword_service.search(query)
    assert any("演算子（AND・OR・NOT）" in n and "検索できる言葉がありません" in n for n in r["notices"])


@pytest.mark.parametrize("query", ["多胎児の支援", "西区以外", "r5", "？？"])
def test_a_query_with_something_to_read_gets_no_particles_only_notice(keyword_service, query):
    assert not any("演算子（AND・OR・NOT）" in n for n in keyword_service.search(query)["notices"])


def test_a_question_of_only_question_words_also_says_there_is_nothing_to_search(keyword_service):
    assert any("問いかけの言葉" in n for n in keyword_service.search("どのようにしているのか")["notices"])


def test_a_katakana_word_typed_in_hiragana_finds_what_the_katakana_finds(keyword_service):
    hira, kata = keyword_service.search("ぷれまま"), keyword_service.search("プレママ")
    assert kata["total"] > 0 and hira["total"] == kata["total"]
    assert [p["passage_id"] for p in hira["results"]] == [p["passage_id"] for p in kata["results"]]
    assert "「ぷれまま」を「プレママ」として検索しました" in hira["notices"]
    assert not any("見つかりません" in n for n in hira["notices"])
    # inside a longer query too, the particle after it left alone
    assert keyword_service.search("ぷれままの支援")["total"] == keyword_service.search("プレママの支援")["total"]


def test_a_hiragana_word_the_reports_use_is_not_turned_into_katakana():
    known = {"ひろば", "ヒロバ", "プレママ"}.__contains__
    assert parse_query("ひろば", known=known).text == "ひろば"        # known as typed: kept
    assert parse_query("ぷれまま", known=known).text == "プレママ"
    assert parse_query("ぷれまま", known=lambda w: False).text == "ぷれまま"   # nothing known: kept
    assert parse_query("ぷれまま").text == "ぷれまま"                 # no vocabulary given


def test_a_two_character_katakana_word_typed_in_hiragana_finds_what_the_katakana_finds(keyword_service):
    hira, kata = keyword_service.search("まま", mode="bm25"), keyword_service.search("ママ", mode="bm25")
    assert kata["total"] > 0 and hira["total"] == kata["total"]
    assert [p["passage_id"] for p in hira["results"]] == [p["passage_id"] for p in kata["results"]]
    assert "「まま」を「ママ」として検索しました" in hira["notices"]
    assert keyword_service.search("けあ", mode="bm25")["total"] == keyword_service.search("ケア", mode="bm25")["total"] > 0


@pytest.mark.parametrize("typed, read", [("まま", "ママ"), ("ままの会", "ママの会"), ("ぱぱとまま", "ぱぱとママ"),
                                         ("まま友", "ママ友"), ("けあ", "ケア"), ("けあ 支援", "ケア 支援")])
def test_a_two_character_hiragana_word_standing_on_its_own_is_read_as_the_katakana_word(typed, read):
    known = {"ママ", "ケア", "会", "支援", "友"}.__contains__
    assert parse_query(typed, known=known).text == read


@pytest.mark.parametrize("typed", ["そのまま", "したまま", "このままでは", "ままならない", "子育てけあ"])
def test_two_hiragana_characters_inside_a_longer_word_or_after_a_verb_stay_hiragana(typed):
    known = {"ママ", "ケア"}.__contains__
    assert parse_query(typed, known=known).text == typed
    assert parse_query("まま", known={"ママ", "まま"}.__contains__).text == "まま"   # known as typed: kept


@pytest.mark.parametrize("query", ["NOT 西区", "not 西区", "Not 西区", "NOT西区", "西区 NOT", "多胎児 NOT 西区",
                                   "NOT 西区 多胎児"])
def test_not_before_or_after_a_ward_leaves_that_ward_out_like_minus_ward(query):
    parsed = parse_query(query)
    assert parsed.excluded_wards == ["西区"] == parse_query("-西区").excluded_wards
    assert parsed.wards == []


@pytest.mark.parametrize("query, minus", [("多胎児 NOT 双子", "多胎児 -双子"), ("多胎児 not 双子", "多胎児 -双子"),
                                          ("多胎児 双子 NOT", "多胎児 -双子")])
def test_not_before_an_ordinary_word_excludes_it_as_minus_word_does(query, minus):
    parsed, expected = parse_query(query), parse_query(minus)
    assert parsed.excluded == expected.excluded == ["双子"]
    assert [t.term for t in parsed.terms] == [t.term for t in expected.terms]


def test_not_written_after_a_word_says_how_it_was_read():
    assert "「西区 NOT」を「-西区」（西区を除く）として検索しました" in parse_query("西区 NOT").notices
    assert parse_query("NOT 西区").notices == []      # prefix NOT is the documented operator: no notice
    assert parse_query("notebook 支援").excluded == []   # not inside a word is no operator


def test_searching_not_west_ward_shows_the_other_wards_like_minus_west_ward(keyword_service):
    r, minus = keyword_service.search("多胎児 NOT 西区"), keyword_service.search("多胎児 -西区")
    assert tuple(r["filters"]["not_wards"]) == ("西区",) and r["filters"]["ward"] is None
    assert r["results"] and "西区" not in {p["ward"] for p in r["results"]}
    assert r["total"] == minus["total"]
    only = keyword_service.search("NOT 西区")
    assert "西区" not in {p["ward"] for p in only["results"]}


@pytest.mark.parametrize("query", ["港北以外", "港北以外の多胎児支援", "港北を除く 多胎児", "多胎児 港北抜き"])
def test_a_ward_without_ku_before_igai_says_which_ward_was_left_out(query):
    parsed = parse_query(query)
    assert parsed.excluded_wards == ["港北区"]
    assert "「港北」を港北区として、港北区を除いて検索しました" in parsed.notices


@pytest.mark.parametrize("query", ["港北区以外", "西区を除く 多胎児", "保土ヶ谷区以外"])
def test_a_ward_written_in_full_before_igai_needs_no_notice(query):
    assert parse_query(query).notices == []


@pytest.mark.parametrize("value", ["2023年度〜", "2023-", "2023〜", "令和5年度から", "令和5年度以降", "R5〜", "2023以降"])
def test_the_year_filter_reads_kara_or_ikou_or_a_closing_dash_as_that_year_on(value):
    from search_app.params import parse_year_range

    first, last = parse_year_range(value)
    assert first == 2023 and last > 2026


@pytest.mark.parametrize("value", ["〜2023", "2023年度まで", "2023年度以前", "令和5年度まで", "～R5"])
def test_the_year_filter_reads_made_or_izen_or_an_opening_dash_as_up_to_that_year(value):
    from search_app.params import parse_year_range

    first, last = parse_year_range(value)
    assert last == 2023 and first <= 1989


@pytest.mark.parametrize("value, years", [("2023", (2023, 2023)), ("令和5年度", (2023, 2023)),
                                          ("2021-2023", (2021, 2023)), ("令和3年度から令和5年度", (2021, 2023))])
def test_a_closed_year_or_range_in_the_filter_stays_as_it_was(value, years):
    from search_app.params import parse_year_range

    assert parse_year_range(value) == years


def test_the_query_box_reads_ikou_and_made_after_a_year_by_the_same_rule_as_the_filter():
    from datetime import date

    from search_app.params import parse_year_range

    today = date(2026, 12, 2)
    parsed = parse_query("多胎児 令和5年度以降の取組", today=today)
    assert parsed.years == parse_year_range("令和5年度以降") and parsed.years[0] == 2023
    assert [t.term for t in parsed.terms] == [t.term for t in parse_query("多胎児の取組").terms]
    assert any(n.startswith("「令和5年度以降」を") for n in parsed.notices)
    assert parse_query("2023年度まで 多胎児", today=today).years == parse_year_range("2023年度まで")
    assert parse_query("令和5年度 多胎児").years == (2023, 2023)             # no such word: one year
    assert parse_query("令和5年度から令和7年度の課題").years == (2023, 2025)   # から between two years: a range
    assert len(parse_query("今年度から", today=today).notices) == 1           # one notice for the one year said


def test_filtering_on_2023_onwards_finds_reports_of_later_years_too(keyword_service):
    one, on = keyword_service.search("多胎児", year="2023"), keyword_service.search("多胎児", year="2023年度〜")
    assert on["filters"]["year_from"] == 2023 and on["filters"]["year_to"] > 2023
    assert on["total"] >= one["total"]
    assert not any("解釈できません" in n for n in on["notices"])


def test_a_pasted_paragraph_saying_kon_nendo_twice_gets_the_notice_once():
    parsed = parse_query("今年度は交流会を開催した。今年度の課題は父親の参加である。")
    assert [n for n in parsed.notices if n.startswith("「今年度」を")] == [parsed.notices[0]]
    assert len(parsed.notices) == 1


@pytest.mark.parametrize("query", ['利用者 -"双子の利用者"', '利用者 NOT "双子の利用者"', '利用者 -“双子の利用者”',
                                   '-"双子の利用者" 利用者'])
def test_minus_or_not_before_a_quoted_phrase_leaves_the_phrase_out_instead_of_requiring_it(query):
    parsed = parse_query(query)
    assert parsed.excluded_phrases == ["双子の利用者"] and parsed.phrases == []
    assert [t.term for t in parsed.terms] == [t.term for t in parse_query("利用者").terms]
    assert parse_query('利用者 "双子の利用者"').phrases == ["双子の利用者"]   # without the minus: required


def test_searching_minus_a_quoted_phrase_shows_everything_but_the_passages_with_it(keyword_service):
    everything = keyword_service.search("利用者", mode="bm25", k=50)
    with_it = keyword_service.search('利用者 "双子の利用者"', mode="bm25", k=50)
    without = keyword_service.search('利用者 -"双子の利用者"', mode="bm25", k=50)
    assert with_it["total"] > 0 and without["total"] == everything["total"] - with_it["total"]
    assert not {p["passage_id"] for p in with_it["results"]} & {p["passage_id"] for p in without["results"]}
    assert keyword_service.search('利用者 NOT "双子の利用者"', mode="bm25", k=50)["total"] == without["total"]


@pytest.mark.parametrize("query", ["-港北", "NOT 港北", "多胎児 -港北", "not 港北 多胎児", "港北 NOT"])
def test_minus_or_not_before_a_ward_without_ku_leaves_the_ward_out_and_says_so_as_igai_does(query):
    parsed = parse_query(query)
    assert parsed.excluded_wards == ["港北区"] == parse_query("港北以外").excluded_wards
    assert parsed.excluded == [] and parsed.wards == []
    assert "「港北」を港北区として、港北区を除いて検索しました" in parsed.notices
    assert parse_query("-港北ニュータウン").excluded == ["港北ニュータウン"]   # a longer name: a word
    assert parse_query("-西").excluded == ["西"]                            # a one-character stem: a word


def test_searching_minus_kohoku_shows_the_other_wards_like_kohoku_igai(keyword_service):
    minus = keyword_service.search("利用者 -港北", mode="bm25", k=50)
    igai = keyword_service.search("利用者 港北以外", mode="bm25", k=50)
    assert tuple(minus["filters"]["not_wards"]) == ("港北区",)
    assert minus["results"] and "港北区" not in {p["ward"] for p in minus["results"]}
    assert minus["total"] == igai["total"] == keyword_service.search("利用者 -港北区", mode="bm25", k=50)["total"]
    assert "「港北」を港北区として、港北区を除いて検索しました" in minus["notices"]
