"""Tests for indexer.analysis, on sentences taken from the corpus reports."""

from __future__ import annotations

import pickle
import threading
import unicodedata
from pathlib import Path

from whoosh import fields, index
from whoosh.qparser import QueryParser

from indexer.analysis import (
    JAPANESE_STOPWORDS,
    BigramTokenizer,
    JapaneseStopFilter,
    QueryTerm,
    SudachiTokenizer,
    analyze_query_terms,
    analyze_terms,
    bigram_analyzer,
    japanese_analyzer,
    normalize_with_offsets,
    word_boundaries,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# Real sentences from corpus/*.txt.
TAJIJI = (
    "こんにちは赤ちゃん訪問や区役所と連携し、多胎児向けのチラシを配布して"
    "周知し多胎児の利用が定着している。"
)
PREPAPA = "ひろばでのイベント「スマイルミライデー」では区役所のプレパパママクラスに行けなかった利用者の参加につながった。"
PAPA_KOZA = "父親支援として「パパ講座」を年3回開催。"
KODOMO = "市民が安心して子どもを生み育て、子育てに喜びを感じることができる社会環境を形成し、子育てを地域全体で支援する地域力の創出に寄与することを目的とします。"
KORYUKAI = "提供会員向けの交流会・座談会を実施。"
CHICHIOYA = "妊娠期からの支援について、父親への支援も意識しながら取り組みます。"
FULLWIDTH = "１　乳幼児の遊びと育ちの場及びその養育者の交流の場の提供（親子の居場所事業）"
GAIKOKU = "③外国につながる親子の支援について区や関係者、施設と共に支援方法を検討していきます。"


def index_tokens(text, analyzer=None, **kw):
    analyzer = analyzer or japanese_analyzer()
    return [
        (t.text, t.pos, t.startchar, t.endchar, getattr(t, "part", False))
        for t in analyzer(text, positions=True, chars=True, mode="index", **kw)
    ]


def corpus_sentences():
    files = sorted(CORPUS.glob("*.txt"))
    assert files, "the seed reports ship in corpus/"
    out = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            for s in line.split("。"):
                s = s.strip()
                if len(s) >= 8:
                    out.append(s)
    return out


# -- normalisation ----------------------------------------------------------


def test_kodomo_spellings_index_as_one_term():
    assert analyze_terms("子ども") == analyze_terms("子供") == analyze_terms("こども")
    assert analyze_terms("子ども") == ["子供"]
    assert "子供" in analyze_terms(KODOMO)
    # Inside compound dictionary entries too (Sudachi keeps こども there),
    # and the compound's parts carry the unified term.
    assert analyze_terms("認定こども園") == ["認定子供園"]
    assert "子供" in analyze_terms("認定こども園", mode="index")


def test_token_text_is_lowercased_normalized_form():
    assert analyze_terms("LINEグループ") == ["line", "グループ"]
    assert analyze_terms("ＬＩＮＥ") == ["line"]
    # Verbs index as their normalised base form.
    assert "繋がる" in analyze_terms(PREPAPA)


# -- search mode: compounds and their mode-A parts -----------------------------


def test_tajiji_yields_tajiji_and_its_part_taiji_at_one_position():
    toks = index_tokens(TAJIJI)
    tajiji = [t for t in toks if t[0] == "多胎児"]
    taiji = [t for t in toks if t[0] == "胎児"]
    assert len(tajiji) == 2 and len(taiji) == 2
    for compound, part in zip(tajiji, taiji):
        assert part[1] == compound[1]  # same position
        assert part[4] is True and compound[4] is False
        assert TAJIJI[part[2] : part[3]] == "胎児"
    # The prefix 多 is not emitted on its own.
    assert "多" not in [t[0] for t in toks]


def test_koryukai_yields_koryukai_and_koryu():
    terms = analyze_terms(KORYUKAI, mode="index")
    assert "交流会" in terms and "交流" in terms
    i = terms.index("交流会")
    assert terms[i + 1] == "交流"


def test_query_mode_emits_mode_c_terms_only():
    assert analyze_terms("多胎児向けのチラシ") == ["多胎児", "向け", "散らし"]
    assert analyze_terms("多胎児向けのチラシ", mode="index") == [
        "多胎児", "胎児", "向け", "散らし",
    ]


def test_analyze_query_terms_groups_parts_with_their_compound():
    q = analyze_query_terms("多胎児の交流会")
    assert q == [
        QueryTerm("多胎児", ("胎児",), "多胎児", 0, 3),
        QueryTerm("交流会", ("交流", "会"), "交流会", 4, 7),
    ]
    # Words that are not compounds have no parts; separate C words stay apart.
    assert [(x.term, x.parts) for x in analyze_query_terms("子育て支援")] == [
        ("子育て", ()), ("支援", ()),
    ]


def test_positions_are_consecutive_and_parts_share_their_compounds():
    toks = index_tokens(FULLWIDTH)
    main = [t for t in toks if not t[4]]
    assert [t[1] for t in main] == list(range(len(main)))
    main_pos = {t[1] for t in main}
    assert all(t[1] in main_pos for t in toks if t[4])


# -- what is dropped ------------------------------------------------------------


def test_particles_auxiliaries_symbols_are_dropped():
    terms = analyze_terms(CHICHIOYA)
    assert terms == ["妊娠", "期", "支援", "父親", "支援", "意識", "取り組む"]
    tokens = [t.copy() for t in SudachiTokenizer()(GAIKOKU + KODOMO)]
    dropped = {"助詞", "助動詞", "補助記号", "記号", "空白"}
    assert tokens and all(t.postag[0] not in dropped for t in tokens)


def test_stopwords_are_removed_and_listed_in_normalized_form():
    tokenizer = SudachiTokenizer()
    for word in ["する", "ある", "いる", "なる", "できる", "こと", "もの", "ため",
                 "よう", "それ", "これ", "等", "など", "及び"]:
        # Either the POS is dropped by the tokenizer, or the normalised form
        # is in the stoplist.
        assert all(t.text in JAPANESE_STOPWORDS for t in tokenizer(word)), word
        assert analyze_terms(word) == [], word
    assert "為る" not in analyze_terms(KODOMO)
    assert "こと" not in analyze_terms(KODOMO)


def test_stop_filter_marks_instead_of_removing_when_asked():
    toks = [t.copy() for t in japanese_analyzer()("支援すること", removestops=False)]
    assert [(t.text, t.stopped) for t in toks] == [
        ("支援", False), ("為る", True), ("こと", True),
    ]


# -- offsets -----------------------------------------------------------------


def test_offsets_point_into_original_text_with_fullwidth_and_halfwidth():
    # A corpus line with full-width digits/space, plus half-width katakana.
    text = FULLWIDTH + "区委託ﾌﾟﾚﾊﾟﾊﾟﾏﾏｸﾗｽを開催。㈱ＡＢＣ"
    toks = [t.copy() for t in japanese_analyzer()(
        text, positions=True, chars=True, keeporiginal=True, mode="index"
    )]
    assert toks
    for t in toks:
        assert t.original == text[t.startchar : t.endchar]
        assert unicodedata.normalize("NFKC", t.original) == t.surface
    spans = {t.text: text[t.startchar : t.endchar] for t in toks}
    assert spans["1"] == "１"
    assert spans["プレパパママクラス"] == "ﾌﾟﾚﾊﾟﾊﾟﾏﾏｸﾗｽ"
    assert spans["abc"] == "ＡＢＣ"
    assert spans["居場所"] == "居場所"


def test_start_char_and_start_pos_are_honoured():
    toks = [t.copy() for t in japanese_analyzer()(
        KORYUKAI, positions=True, chars=True, start_pos=10, start_char=100
    )]
    assert toks[0].pos == 10
    assert all(
        KORYUKAI[t.startchar - 100 : t.endchar - 100] == t.surface for t in toks
    )


def test_normalize_with_offsets_maps_back_to_original():
    text = "ﾊﾟﾊﾟと㈱、１２月"
    norm, starts, ends = normalize_with_offsets(text)
    assert norm == "パパと(株)、12月"
    assert text[starts[0] : ends[1]] == "ﾊﾟﾊﾟ"
    assert text[starts[3] : ends[5]] == "㈱"
    assert normalize_with_offsets("abc") == ("abc", None, None)


def test_text_longer_than_sudachis_input_limit_is_analysed():
    # Sudachi refuses more than 49149 bytes in one call; one long line.
    text = "".join(corpus_sentences()) * 2
    assert len(text.encode("utf-8")) > 49149 and "\n" not in text
    toks = index_tokens(text)
    assert len(toks) > 1000
    assert all(0 <= s < e <= len(text) for _, _, s, e, _ in toks)


def test_word_boundaries_separate_whole_words_from_parts():
    b = word_boundaries("祖父母と父の参加")
    assert 1 not in b  # 父 inside 祖父母 is not a word
    assert {4, 5} <= b  # the stand-alone 父


# -- bigrams ------------------------------------------------------------------


def test_bigram_analyzer_finds_papa_inside_prepapamama_class():
    grams = [t.text for t in bigram_analyzer()(PREPAPA)]
    assert "パパ" in grams
    assert [t.text for t in bigram_analyzer()("パパ")] == ["パパ"]


def test_bigrams_stop_at_punctuation_and_keep_single_characters():
    grams = [t.text for t in bigram_analyzer()("双子・三つ子、父 母")]
    assert grams == ["双子", "三つ", "つ子", "父", "母"]


def test_bigram_offsets_with_halfwidth_katakana():
    text = "区委託ﾌﾟﾚﾊﾟﾊﾟﾏﾏｸﾗｽ（ＳＮＳ）"
    toks = [t.copy() for t in bigram_analyzer()(text, chars=True, positions=True)]
    by_text = {t.text: text[t.startchar : t.endchar] for t in toks}
    assert by_text["パパ"] == "ﾊﾟﾊﾟ"
    assert by_text["sn"] == "ＳＮ"
    for t in toks:
        assert unicodedata.normalize("NFKC", text[t.startchar : t.endchar]).lower() == t.text
    assert [t.pos for t in toks] == list(range(len(toks)))


def test_the_gram_codes_of_a_text_number_the_grams_the_bigram_field_indexes():
    from indexer.positions import gram_bytes

    texts = corpus_sentences()[:200] + [
        "", "。、！？", "a", "ab", "双子・三つ子、父 母", "区委託ﾌﾟﾚﾊﾟﾊﾟﾏﾏｸﾗｽ（ＳＮＳ）",
        "İSTANBUL ǅ ß", "𠮷野家の𠮷 か\u3099き", "長い文章。" * 50]
    for size in (1, 2):
        tokenizer = BigramTokenizer(size)
        for text in texts:
            grams = [t.text for t in tokenizer(text)]
            codes = tokenizer.gram_codes(text)
            assert gram_bytes(codes) == [g.encode("utf-8") for g in grams], (size, text)
    assert BigramTokenizer(3).gram_codes("三文字以上") is None


# -- pickling, equality, threads ----------------------------------------------


def test_analyzers_survive_pickling_and_work_after_unpickle():
    for make in (japanese_analyzer, bigram_analyzer):
        analyzer = make()
        before = index_tokens(TAJIJI, analyzer)  # after Sudachi objects exist
        data = pickle.dumps(analyzer)
        assert b"sudachipy" not in data
        clone = pickle.loads(data)
        assert clone == analyzer
        assert index_tokens(TAJIJI, clone) == before


def test_analyzer_equality_follows_configuration():
    assert japanese_analyzer() == japanese_analyzer()
    assert SudachiTokenizer() != SudachiTokenizer(search_mode=False)
    assert BigramTokenizer() == BigramTokenizer(2)
    assert JapaneseStopFilter() != JapaneseStopFilter(stoplist=["x"])


def test_concurrent_analysis_matches_sequential():
    sentences = corpus_sentences()
    n_threads, per_thread = 8, 200
    jobs = [
        [sentences[(k * per_thread + i) % len(sentences)] for i in range(per_thread)]
        for k in range(n_threads)
    ]
    analyzer = japanese_analyzer()
    expected = [[index_tokens(s, analyzer) for s in job] for job in jobs]

    results = [None] * n_threads
    errors = []
    barrier = threading.Barrier(n_threads)

    def work(k):
        try:
            barrier.wait()
            results[k] = [index_tokens(s, analyzer) for s in jobs[k]]
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert results == expected


# -- end to end with Whoosh ---------------------------------------------------------


def test_whoosh_index_finds_tajiji_papa_and_kodomo(tmp_path):
    schema = fields.Schema(
        id=fields.ID(stored=True),
        body=fields.TEXT(analyzer=japanese_analyzer(), stored=True, chars=True),
        body_bigram=fields.TEXT(analyzer=bigram_analyzer()),
    )
    docs = {
        "tajiji": TAJIJI,
        "prepapa": PREPAPA,
        "papa": PAPA_KOZA,
        "kodomo": KODOMO,
        "gaikoku": GAIKOKU,
    }
    ix = index.create_in(str(tmp_path), schema)
    with ix.writer() as w:
        for doc_id, text in docs.items():
            w.add_document(id=doc_id, body=text, body_bigram=text)

    # Reopen: the schema (with our analyzers) is unpickled from disk.
    ix = index.open_dir(str(tmp_path))
    assert ix.schema["body"].analyzer == japanese_analyzer()

    def ids(field, qtext):
        q = QueryParser(field, ix.schema).parse(qtext)
        with ix.searcher() as s:
            return {hit["id"] for hit in s.search(q, limit=None)}

    assert ids("body", "多胎児") == {"tajiji"}
    assert ids("body", "胎児") == {"tajiji"}  # via the mode-A part
    assert ids("body", "こども") == {"kodomo"}  # text says 子ども
    assert ids("body", "子供") == {"kodomo"}
    assert ids("body", "父親") == {"papa"}
    assert ids("body", "交流") == set()
    # プレパパママクラス is one Sudachi word: the bigram field finds パパ in it.
    assert ids("body", "パパ") == {"papa"}
    assert ids("body_bigram", "パパ") == {"prepapa", "papa"}

    q = QueryParser("body", ix.schema).parse("多胎児")
    with ix.searcher() as s:
        hit = s.search(q)[0]
        assert "多胎児</b>" in hit.highlights("body")


def test_repeated_text_is_analysed_once_and_callers_cannot_spoil_the_cache(monkeypatch):
    from indexer import analysis

    tok = analysis.SudachiTokenizer()
    text = "特になし（子育て支援拠点の定型文）"
    first = tok.morphemes(text)
    calls = []   # every analysis asks for this thread's Sudachi tokenizer
    real = analysis.thread_tokenizer
    monkeypatch.setattr(analysis, "thread_tokenizer", lambda *a: calls.append(a) or real(*a))
    assert tok.morphemes(text + "。") and calls, "a new text is analysed"
    calls.clear()
    again = tok.morphemes(text)
    assert calls == [] and again == first
    again.clear()  # a caller modifying its list must not change the next answer
    assert tok.morphemes(text) == first
    assert analysis.analyze_terms(text, mode="index") == analysis.analyze_terms(text, mode="index")
