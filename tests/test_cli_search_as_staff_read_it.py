"""`kyoten search` and the commands' help as staff read them in a terminal.

Found walking the CLI on a 360-report archive (userfix32): the headline said 「590 件」 and eight
rows followed, with nothing saying that the other 582 were copies folded into them (the page
and the CSV name them as 「同様の記載」); `-k 1000` showed 100 rows without a word; there was no way
to see the rows after the first 100, nor a word that more rows existed; and `kyoten … -h` spoke
English, with most options (--mode, --ward, --year, -k, --index …) given no explanation at all.
"""

from __future__ import annotations

import argparse
import re

import pytest

from benchmarks.archive import Relabel
from test_cli import REPO, run

from search_app.cli import build_parser

KONAN = "003_d2a364418de75729.txt"      # 港南区 令和5年度: its 重点目標① names 多胎児（ツインスターズ）


@pytest.fixture(scope="module")
def seed_env(tmp_path_factory):
    """A keyword index of the seed corpus (`kyoten reindex` as a user runs it)."""
    root = tmp_path_factory.mktemp("cli-seed")
    env = {"KYOTEN_INDEX": str(root / "index"), "KYOTEN_CORPUS": str(REPO / "corpus")}
    run("reindex", "--no-semantic", env=env)
    return env


@pytest.fixture(scope="module")
def copies_env(tmp_path_factory):
    """The seed corpus plus 港南区's report copied into three other wards and years, as an
    archive holds a goal carried over (benchmarks.archive's relabelling)."""
    import shutil

    root = tmp_path_factory.mktemp("cli-copies")
    corpus = root / "corpus"
    shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("uploads"))
    source = (REPO / "corpus" / KONAN).read_text(encoding="utf-8")
    for n, (ward, shift) in enumerate((("鶴見区", 0), ("鶴見区", 3), ("瀬谷区", 1))):
        (corpus / f"copy{n}.txt").write_text(Relabel("港南区", ward, shift)(source), encoding="utf-8")
    env = {"KYOTEN_INDEX": str(root / "index"), "KYOTEN_CORPUS": str(corpus)}
    run("reindex", "--no-semantic", env=env)
    return env


def _parsers(parser: argparse.ArgumentParser, name: str = "kyoten"):
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from _parsers(sub, f"{name} {sub_name}")


def _japanese(text: str | None) -> bool:
    return bool(text) and bool(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text))


def test_every_command_and_option_is_explained_in_japanese_in_its_help():
    for name, parser in _parsers(build_parser()):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    assert _japanese(choice.help), (name, choice.dest, choice.help)
                continue
            assert _japanese(action.help), (name, action.option_strings or action.dest, action.help)


@pytest.mark.parametrize("command", [["-h"], ["search", "-h"], ["reindex", "-h"], ["eval", "-h"],
                                     ["glossary", "check", "-h"]])
def test_the_help_a_user_prints_has_no_english_headings(command):
    out = run(*command).stdout
    assert out.startswith("使い方:"), out[:80]
    for english in ("usage:", "options:", "positional arguments", "show this help message"):
        assert english not in out, (english, out)
    assert "オプション:" in out and "この説明を表示して終わります" in out


def test_search_says_how_many_rows_it_shows_and_how_to_see_the_rest(seed_env):
    first = run("search", "子育て", "--mode", "bm25", env=seed_env).stdout
    m = re.search(r"(\d+) 件中 1–10 件目を表示しました。続きは --offset 10", first)
    assert m, first[-400:]
    rows = int(m.group(1))
    assert rows > 20
    second = run("search", "子育て", "--mode", "bm25", "--offset", "10", env=seed_env).stdout
    assert f"{rows} 件中 11–20 件目を表示しました。続きは --offset 20" in second

    def cited(out):
        return [line for line in out.splitlines() if line.startswith("[")]

    assert len(cited(second)) == 10 and not set(cited(first)) & set(cited(second))
    last = run("search", "子育て", "--mode", "bm25", "--offset", str(rows - 3), env=seed_env).stdout
    assert f"{rows} 件中 {rows - 2}–{rows} 件目を表示しました（" in last and "続きは" not in last
    past = run("search", "子育て", "--mode", "bm25", "--offset", "5000", env=seed_env)
    assert past.returncode == 0 and f"（一覧は {rows} 件です）" in past.stdout


def test_search_with_more_than_a_hundred_asked_says_it_shows_a_hundred(seed_env):
    done = run("search", "子育て", "--mode", "bm25", "-k", "500", env=seed_env)
    assert "一度に表示できるのは 100 件までです（-k 500 → 100 件）" in done.stderr


def test_search_names_the_copies_folded_into_a_result_with_their_wards_and_years(copies_env):
    out = run("search", "ツインスターズ", "--mode", "bm25", env=copies_env).stdout
    assert re.search(r"うち \d+ 件は他の報告書と同じ内容の記載です（一覧では \d+ 件にまとめ", out), out[:600]
    assert "    同様の記載 3件：鶴見区（令和2年度・令和5年度）、瀬谷区（令和4年度）" in out.splitlines(), out


@pytest.mark.parametrize("content, said", [
    (b'{"query": "\xe5\xa4\x9a\xe8\x83\x8e\xe5\x85\x90", "type": "a"}\n', "judged.jsonl:1: 「id」がないか、文字列ではありません"),
    (b'{"id": "q1", "query": "x", "relevant": {}}\nnot json\n', "judged.jsonl:2: JSON として読み取れない行です"),
    (b'["q1"]\n', "judged.jsonl:1: JSON オブジェクト"),
    (b"\n\n", "judged.jsonl: 判定付きの検索語が1つもありません"),
    (b"\xff\xfe{}", "judged.jsonl: 文字コードが UTF-8 ではありません"),
])
def test_eval_names_the_line_of_a_judged_file_it_cannot_read_without_a_traceback(tmp_path, content, said):
    judged = tmp_path / "judged.jsonl"
    judged.write_bytes(content)
    done = run("eval", str(judged), "--index", str(tmp_path / "no-index"), "--no-baselines", check=False)
    assert done.returncode == 2, done.stdout
    assert "評価用のファイルを読めません: " + said.replace("judged.jsonl", str(judged), 1) in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "Error" not in done.stderr
    assert not (tmp_path / "no-index").exists()   # refused before any index is built
