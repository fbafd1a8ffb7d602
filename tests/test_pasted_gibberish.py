"""A long paste of gibberish (300 characters of kana) finds nothing and says why in
Japanese: such a text always holds a few words the dictionary knows by chance (かき, うえ),
which let it past the one-word floor (search_app.grounding), and then both halves answered
it — 120 passages and a ward for the gojūon typed over and over. A real paste, a written
paragraph, a long question typed all in hiragana and a pasted table of figures are still
searched (grounding.PASTE_WORD_FLOOR; measured in docs/quality.md, userfix28)."""

from __future__ import annotations

import random

import pytest

from search_app.query import parse_query

GOJUON = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
_rnd = random.Random(2026)
RANDOM_KANA = "".join(_rnd.choice([chr(c) for c in range(0x3042, 0x3094)]) for _ in range(300))

# written for these tests in a report's style, not copied from one
PASTE = ("当拠点では、妊娠期から子育て期にかけて切れ目のない支援を目指し、母子手帳交付時の面談や両親教室と連携して、"
         "出産前の家庭が拠点を訪れるきっかけづくりに取り組んだ。プレママ・プレパパ向けの見学会を月1回開催し、先輩ママとの"
         "座談会や沐浴体験を組み合わせたところ、参加者アンケートでは9割以上が「産後も利用したい」と回答した。")
HIRAGANA_QUESTION = ("ひろばにはじめてきたおやこが、またきたいとおもえるように、スタッフがどんなこえかけをしているか、"
                     "ほかのくのとりくみをおしえてください。とくにあかちゃんのいるかていへのたいおうがしりたいです。"
                     "よろしくおねがいします。")
TABLE = ("年間利用者数 | 16,061人 | 17,605人 新規登録者 | 983人 | 1,011人 父親利用数 | 896人 | 1,146人 "
         "プレママ・プレパパ講座 参加人数 | 15 | 13 | 14 | 14 子育てサークル数 | 6 | 5 | 学生受け入れ | 24 | 53 "
         "ボランティア登録者 | 47 | 43 | 28 | 118")


@pytest.mark.parametrize("gibberish", [(GOJUON * 7)[:300], RANDOM_KANA, (GOJUON * 3)[:120]])
@pytest.mark.parametrize("mode", ["hybrid", "semantic", "bm25"])
def test_pasted_kana_gibberish_finds_nothing_and_says_why(hybrid_service, gibberish, mode):
    out = hybrid_service.search(gibberish, mode=mode)
    assert out["total"] == 0 and out["results"] == [] and out["wards"] == []
    assert any("意味のある文章として読み取れない" in n and f"（{len(gibberish)} 文字）" in n for n in out["notices"])
    assert out["spelling"] is None   # no もしかして made of gibberish either


@pytest.mark.parametrize("text", [PASTE, HIRAGANA_QUESTION, TABLE])
def test_real_long_pastes_and_questions_are_still_searched(hybrid_service, text):
    out = hybrid_service.search(text, mode="hybrid")
    assert out["total"] > 0
    assert not any("意味のある文章として読み取れない" in n for n in out["notices"])


def test_the_floor_stands_well_between_gibberish_and_text(hybrid_service):
    from search_app.grounding import PASTE_WORD_FLOOR
    from search_app.service import pasted_word_share

    builder = hybrid_service.builder()
    junk = pasted_word_share(parse_query((GOJUON * 7)[:300], known=builder.knows), builder)
    text = [pasted_word_share(parse_query(t, known=builder.knows), builder) for t in (PASTE, HIRAGANA_QUESTION, TABLE)]
    assert junk < PASTE_WORD_FLOOR / 2 and min(text) > PASTE_WORD_FLOOR * 2


def test_a_short_query_is_not_judged_by_the_paste_floor(hybrid_service):
    from search_app.service import pasted_word_share

    builder = hybrid_service.builder()
    assert pasted_word_share(parse_query("かきくけこ 多胎児", known=builder.knows), builder) is None


def test_the_page_and_api_say_a_pasted_gibberish_was_not_searched(client):
    resp = client.get("/api/search", query_string={"q": (GOJUON * 7)[:300]})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["total"] == 0 and body["wards"] == []
    page = client.get("/", query_string={"q": (GOJUON * 7)[:300]}).get_data(as_text=True)
    assert "意味のある文章として読み取れない" in page
    assert "推定" not in page and "ward-card" not in page
