"""Tests for indexer.synonyms and the packaged glossary."""

from __future__ import annotations

import logging

import pytest

from indexer.synonyms import (
    DEFAULT_GLOSSARY_PATH,
    ENV_VAR,
    Glossary,
    GlossaryError,
    GlossaryInvalidError,
    GlossaryNotFoundError,
    LiveGlossary,
    list_versions,
    read_version,
    restore_version,
    save,
    validate,
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
    assert "ソーシャルメディア" in glossary.synonyms_of("ＳＮＳ")
    assert "インスタグラム" in glossary.synonyms_of("instagram")
    assert "父親" in glossary.synonyms_of("ﾊﾟﾊﾟ")


def test_matching_uses_the_analyzers_normalized_form(glossary):
    # おとうさん is not in the file; Sudachi normalises it to お父さん.
    assert "父親" in glossary.synonyms_of("おとうさん")
    # 障碍 -> 障害.
    assert "障がい" in glossary.synonyms_of("障碍")


def test_unknown_term_has_no_synonyms(glossary):
    assert glossary.synonyms_of("祖父") == []
    assert glossary.synonyms_of("") == []


def test_dropped_prefix_does_not_widen_a_group():
    # 多文化 analyses to 文化 (the prefix 多 is not indexed on its own), but
    # 文化 is not a synonym of 外国籍.
    g = Glossary.parse("外国につながる 外国籍 多文化\n")
    assert "外国籍" in g.synonyms_of("多文化")
    assert g.synonyms_of("文化") == []
    assert g.expand_query_text("文化祭") == []
    assert ("多文化", "外国籍") in g.expand_query_text("多文化共生")


def test_packaged_glossary_names_the_seven_hub_programmes_and_yokohamas_programmes(glossary):
    groups = {frozenset(g) for g in glossary.groups}
    for required in [
        "親子の居場所 親子の居場所事業",
        "子育て相談 子育て相談事業",
        "情報収集・提供 情報収集・提供事業",
        "支援者ネットワーク ネットワーク事業",
        "人材育成・活動支援 人材育成・活動支援事業",
        "横浜子育てサポートシステム 子育てサポートシステム 子サポ",
        "利用者支援 利用者支援事業",
        "子育てパートナー 利用者支援専門員",
        "両親教室 パパママ教室 プレパパママクラス",
        "こんにちは赤ちゃん訪問 赤ちゃん訪問",
        "乳幼児健診 乳幼児健康診査",
        "親と子のつどいの広場 つどいのひろば",
        "多胎児 双子 三つ子",
        "父親 パパ お父さん",
    ]:
        terms = set(required.split())
        assert any(terms <= g for g in groups), required


def test_packaged_glossary_keeps_loose_groups_out(glossary):
    # A topic is not its examples, a worry is not a consultation, development is not
    # disability, a programme is not its period: such groups match unrelated wards.
    def together(a, b):
        return b in glossary.synonyms_of(a)
    assert not together("相談", "悩み")
    assert not together("発達", "障害")
    assert not together("SNS", "アプリ")
    assert not together("妊娠期", "両親教室")
    assert not together("子育てパートナー", "利用者支援事業")
    assert not together("外国籍", "多文化")
    assert glossary.synonyms_of("介護と育児") == []


def test_packaged_glossary_passes_its_own_validation():
    assert validate(DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8")) == []


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
    pairs = glossary.expand_query_text("プレママとパパ")
    surfaces = [s for s, _ in pairs]
    assert "プレママ" in surfaces and "ママ" not in surfaces
    assert ("プレママ", "妊婦") in pairs
    assert ("パパ", "父親") in pairs  # the rest of the string still matches


def test_one_character_terms_must_be_whole_words(glossary):
    pairs = glossary.expand_query_text("祖父母と父の参加")
    # 祖父母 is a glossary term of its own (おじいちゃんおばあちゃん); the 父 inside it is not 父
    assert {s for s, _ in pairs} == {"父", "祖父母"}
    assert ("父", "パパ") in pairs
    assert not any(s == "祖父母" and t in ("パパ", "父親") for s, t in pairs)


def test_expand_query_text_returns_original_surfaces(glossary):
    pairs = glossary.expand_query_text("ﾊﾟﾊﾟ向けＳＮＳ")
    assert ("ﾊﾟﾊﾟ", "父親") in pairs
    assert ("ＳＮＳ", "ソーシャルメディア") in pairs
    # The member equal to the surface itself is not offered as a synonym.
    assert ("ﾊﾟﾊﾟ", "パパ") not in pairs


def test_expand_query_text_matches_analyzer_normalized_forms(glossary):
    pairs = glossary.expand_query_text("おとうさんの育児参加")
    assert ("おとうさん", "父親") in pairs
    pairs = glossary.expand_query_text("外国につながる親子")
    assert ("外国につながる", "外国籍") in pairs


# --------------------------------------------------------------------------- validation


def test_validation_names_each_bad_line_with_its_number_and_reason():
    text = ("# コメント\n"
            "父親 パパ\n"
            "双子\n"                              # 3: a single term
            "支援 サポート\n"                      # 4: too common
            "パパ おとうちゃん\n"                  # 5: パパ is already in line 2
            "あ\x07い うえお\n"                    # 6: control character
            + "長" * 31 + " 短い語\n")             # 7: too long
    errors = validate(text)
    assert [n for n, _ in errors] == [3, 4, 5, 6, 7]
    messages = dict(errors)
    assert "2語以上" in messages[3] and "双子" in messages[3]
    assert "支援" in messages[4]
    assert "2 行目" in messages[5] and "パパ" in messages[5]
    assert "制御文字" in messages[6]
    assert "長すぎ" in messages[7]


def test_a_good_glossary_has_no_errors():
    assert validate("# 見出し\n\n父親 パパ お父さん\n双子、多胎児  # 行末コメント\n") == []


# --------------------------------------------------------------------------- saving and versions


def test_save_rejects_a_bad_line_and_writes_nothing(tmp_path):
    path = tmp_path / "glossary.txt"
    path.write_text("父親 パパ\n", encoding="utf-8")
    with pytest.raises(GlossaryInvalidError) as err:
        save(path, "父親 パパ\n双子\n")
    assert err.value.errors[0][0] == 2
    assert path.read_text(encoding="utf-8") == "父親 パパ\n"
    assert list_versions(path) == []


def test_save_keeps_the_previous_text_as_a_version_and_restores_it(tmp_path):
    path = tmp_path / "glossary.txt"
    path.write_text("父親 パパ\n", encoding="utf-8")
    result = save(path, "父親 パパ お父さん\r\n双子 多胎児")
    assert result["groups"] == 2 and result["previous_version"]
    assert path.read_text(encoding="utf-8") == "父親 パパ お父さん\n双子 多胎児\n"
    versions = list_versions(path)
    assert [v.name for v in versions] == [result["previous_version"]]
    assert versions[0].name.startswith("glossary-") and (tmp_path / "glossary-versions").is_dir()
    assert read_version(path, versions[0].name) == "父親 パパ\n"

    restore_version(path, versions[0].name)
    assert path.read_text(encoding="utf-8") == "父親 パパ\n"
    assert len(list_versions(path)) == 2  # the replaced text is kept too
    assert not list(tmp_path.glob(".glossary.txt.*"))  # no temporary files left


def test_first_edit_keeps_the_packaged_default_as_a_version(tmp_path):
    path = tmp_path / "config" / "glossary.txt"
    save(path, "父親 パパ\n")
    (version,) = list_versions(path)
    assert read_version(path, version.name) == DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["../glossary.txt", "/etc/passwd", "glossary-x.txt", ""])
def test_a_version_name_cannot_reach_outside_the_versions_folder(tmp_path, name):
    with pytest.raises(GlossaryNotFoundError):
        read_version(tmp_path / "glossary.txt", name)


def test_the_packaged_file_is_not_the_editing_target_by_default(monkeypatch):
    from indexer import synonyms

    monkeypatch.delenv(ENV_VAR, raising=False)
    assert synonyms.editable_glossary_path() != DEFAULT_GLOSSARY_PATH
    assert synonyms.editable_glossary_path().parts[-2:] == ("config", "glossary.txt")


# --------------------------------------------------------------------------- hot reload


def test_live_glossary_picks_up_an_edit_without_a_restart(tmp_path):
    path = tmp_path / "glossary.txt"
    path.write_text("父親 パパ\n", encoding="utf-8")
    live = LiveGlossary(path)
    first = live.get()
    assert first.synonyms_of("双子") == []
    assert live.get() is first  # unchanged file: the same object, no re-parse
    save(path, "父親 パパ\n双子 多胎児\n")
    assert live.get().synonyms_of("双子") == ["多胎児"]


def test_live_glossary_keeps_the_last_good_glossary_when_the_file_breaks(tmp_path):
    path = tmp_path / "glossary.txt"
    path.write_text("父親 パパ\n", encoding="utf-8")
    live = LiveGlossary(path)
    assert live.get().synonyms_of("パパ") == ["父親"]
    path.write_bytes("父親 パパ ちち\n".encode("shift_jis") + b"\xff\xfe")
    assert live.get().synonyms_of("パパ") == ["父親"]
    path.unlink()
    assert live.get().synonyms_of("パパ") == ["父親"]


def test_live_glossary_is_safe_under_concurrent_reads_and_writes(tmp_path):
    import threading

    path = tmp_path / "glossary.txt"
    path.write_text("父親 パパ\n", encoding="utf-8")
    live = LiveGlossary(path, use_analyzer=False)
    seen, failures = set(), []

    def reader():
        for _ in range(200):
            try:
                seen.add(tuple(live.get().synonyms_of("パパ")))
            except Exception as exc:  # noqa: BLE001 - any failure fails the test
                failures.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for i in range(10):
        save(path, f"父親 パパ 父{i}号\n")
    for t in threads:
        t.join()
    assert not failures
    assert live.get().synonyms_of("パパ") == ["父親", "父9号"]
    assert seen <= {("父親",)} | {("父親", f"父{i}号") for i in range(10)}
