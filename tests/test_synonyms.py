"""Tests for indexer.synonyms and the packaged glossary."""

from __future__ import annotations

import logging

import pytest

from indexer.synonyms import (
    DEFAULT_GLOSSARY_PATH,
    ENV_VAR,
    Glossary,
    GlossaryError,
    GlossaryNotFoundError,
)


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load(DEFAULT_GLOSSARY_PATH)


def test_packaged_glossary_expands_futago_to_tajiji_and_mitsugo(glossary):
    syns = glossary.synonyms_of("双子")
    assert "多胎児" in syns and "三つ子" in syns
    assert "双子" not in syns


def test_papa_and_chichioya_are_synonyms_both_ways(glossary):
    assert "父親" in glossary.synonyms_of("パパ")
    assert "パパ" in glossary.synonyms_of("父親")


def test_matching_ignores_width_and_case(glossary):
    assert "インスタグラム" in glossary.synonyms_of("ＳＮＳ")
    assert "SNS" in glossary.synonyms_of("line")
    assert "父親" in glossary.synonyms_of("ﾊﾟﾊﾟ")


def test_matching_uses_the_analyzers_normalized_form(glossary):
    # おとうさん is not in the file; Sudachi normalises it to お父さん.
    assert "父親" in glossary.synonyms_of("おとうさん")
    # 障碍 -> 障害.
    assert "療育" in glossary.synonyms_of("障碍")


def test_unknown_term_has_no_synonyms(glossary):
    assert glossary.synonyms_of("祖父") == []
    assert glossary.synonyms_of("") == []


def test_dropped_prefix_does_not_widen_a_group(glossary):
    # 多文化 analyses to 文化 (the prefix 多 is not indexed on its own), but
    # 文化 is not a synonym of 外国籍.
    assert "外国籍" in glossary.synonyms_of("多文化")
    assert glossary.synonyms_of("文化") == []
    assert glossary.expand_query_text("文化祭") == []
    assert ("多文化", "外国籍") in glossary.expand_query_text("多文化共生")


def test_groups_seeded_as_required(glossary):
    groups = {frozenset(g) for g in glossary.groups}
    for required in [
        "多胎児 双子 三つ子 多胎 ふたご",
        "妊娠期 妊婦 プレママ プレパパ マタニティ 産前 両親教室 妊娠中",
        "父親 パパ お父さん 父",
        "外国につながる 外国籍 外国人 多文化 多国籍",
        "子育てサポートシステム 子サポ",
        "提供会員 預かり手",
        "子育てパートナー 利用者支援",
        "復職 職場復帰 仕事復帰",
        "ダブルケア 介護と育児",
        "沐浴 お風呂",
        "相談 悩み",
    ]:
        terms = set(required.split())
        assert any(terms <= g for g in groups), required


def test_comments_blank_lines_and_separators_are_parsed():
    g = Glossary.parse(
        "# a comment line\n"
        "\n"
        "沐浴 / お風呂, おふろ  # trailing comment\n"
        "復職、職場復帰　仕事復帰\n"
        "ＳＮＳ／ＬＩＮＥ，アプリ\n"
        "   \n"
    )
    assert g.groups == (
        ("沐浴", "お風呂", "おふろ"),
        ("復職", "職場復帰", "仕事復帰"),
        ("ＳＮＳ", "ＬＩＮＥ", "アプリ"),
    )
    assert g.synonyms_of("sns") == ["ＬＩＮＥ", "アプリ"]


def test_single_term_lines_are_ignored_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="indexer.synonyms"):
        g = Glossary.parse("沐浴\n双子 双子\n父親 パパ\n", source="test.txt")
    assert g.groups == (("父親", "パパ"),)
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "test.txt:1" in messages[0] and "沐浴" in messages[0]
    assert "test.txt:2" in messages[1]


def test_missing_file_gives_a_clear_error(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(GlossaryNotFoundError) as err:
        Glossary.load(missing)
    assert isinstance(err.value, FileNotFoundError)
    assert str(missing) in str(err.value)
    assert ENV_VAR in str(err.value)


def test_env_var_chooses_the_file(tmp_path, monkeypatch):
    path = tmp_path / "g.txt"
    path.write_text("\ufeff拠点 ひろば\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(path))
    g = Glossary.load()
    assert g.groups == (("拠点", "ひろば"),)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing.txt"))
    with pytest.raises(GlossaryNotFoundError, match=ENV_VAR):
        Glossary.load()


def test_non_utf8_file_gives_a_clear_error(tmp_path):
    path = tmp_path / "sjis.txt"
    path.write_bytes("父親 パパ\n".encode("shift_jis"))
    with pytest.raises(GlossaryError, match="UTF-8"):
        Glossary.load(path)


def test_expand_query_text_on_a_corpus_sentence(glossary):
    q = "○双子の利用者が増えないため、転入者を把握したうえで対応を行う必要がある。"
    pairs = glossary.expand_query_text(q)
    assert ("双子", "多胎児") in pairs and ("双子", "三つ子") in pairs
    assert ("転入", "転居") in pairs
    assert all(surface in q for surface, _ in pairs)


def test_expand_query_text_prefers_longest_non_overlapping_match(glossary):
    pairs = glossary.expand_query_text("プレパパママクラス")
    surfaces = [s for s, _ in pairs]
    assert "プレパパ" in surfaces and "パパ" not in surfaces
    assert ("プレパパ", "妊娠期") in pairs
    assert ("ママ", "母親") in pairs  # the rest of the string still matches


def test_one_character_terms_must_be_whole_words(glossary):
    pairs = glossary.expand_query_text("祖父母と父の参加")
    assert {s for s, _ in pairs} == {"父"}
    assert ("父", "パパ") in pairs


def test_expand_query_text_returns_original_surfaces(glossary):
    pairs = glossary.expand_query_text("ﾊﾟﾊﾟ向けＳＮＳ")
    assert ("ﾊﾟﾊﾟ", "父親") in pairs
    assert ("ＳＮＳ", "LINE") in pairs
    # The member equal to the surface itself is not offered as a synonym.
    assert ("ﾊﾟﾊﾟ", "パパ") not in pairs


def test_expand_query_text_matches_analyzer_normalized_forms(glossary):
    pairs = glossary.expand_query_text("おとうさんの育児参加")
    assert ("おとうさん", "父親") in pairs
    pairs = glossary.expand_query_text("外国につながる親子")
    assert ("外国につながる", "多文化") in pairs
