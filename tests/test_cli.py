"""The `kyoten` command line as a user runs it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KYOTEN = [sys.executable, "-m", "search_app.cli"]


def run(*args, env=None, check=True):
    done = subprocess.run(KYOTEN + list(args), cwd=REPO, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, **(env or {})))
    if check:
        assert done.returncode == 0, done.stderr
    return done


def test_parse_prints_records_as_json():
    data = json.loads(run("parse", str(REPO / "corpus"), "--json").stdout)
    assert {d["ward"] for d in data["documents"]} == {"泉区", "中区", "西区", "港南区", "港北区"}
    p = data["passages"][0]
    for key in ("passage_id", "doc_id", "ward", "fiscal_year_from", "fiscal_year_to", "year_label",
                "section", "goal", "goal_no", "programme", "text", "source"):
        assert key in p
    assert set(p["source"]) == {"file", "line_start", "line_end"}


def test_parse_prints_a_readable_outline():
    out = run("parse", str(REPO / "corpus")).stdout
    assert "港南区" in out and "取組の成果" in out and "5 件の文書" in out


def test_reindex_json_summary_and_search_json(tmp_path):
    env = {"KYOTEN_INDEX": str(tmp_path / "index"), "KYOTEN_CORPUS": str(REPO / "corpus")}
    summary = json.loads(run("reindex", "--no-semantic", "--json", env=env).stdout)
    for key in ("added", "changed", "removed", "failed", "passages", "seconds"):
        assert key in summary
    assert len(summary["added"]) == 5 and summary["failed"] == []
    again = json.loads(run("reindex", "--no-semantic", "--json", env=env).stdout)
    assert again["added"] == [] and again["unchanged"] == 5
    result = json.loads(run("search", "多胎児", "--mode", "bm25", "--json", env=env).stdout)
    assert {"query", "took_ms", "total", "results", "wards"} <= set(result)
    assert {w["ward"] for w in result["wards"]} == {"港南区", "西区"}
    text = run("search", "令和5年度 妊娠期", "--mode", "bm25", env=env).stdout
    assert "区の取組が見つかりました" in text
    # each result cites its source as the web page does: a text report by its lines
    assert re.search(r"\.txt \d+(–\d+)?行", text)


def test_search_reports_bad_parameters_and_missing_index_clearly(tmp_path):
    env = {"KYOTEN_INDEX": str(tmp_path / "none")}
    done = run("search", "多胎児", env=env, check=False)
    assert done.returncode != 0 and "kyoten reindex" in done.stderr and "Traceback" not in done.stderr
    env = {"KYOTEN_INDEX": str(tmp_path / "index"), "KYOTEN_CORPUS": str(REPO / "corpus")}
    run("reindex", "--no-semantic", env=env)
    done = run("search", "多胎児", "--year", "abc", env=env, check=False)
    assert done.returncode == 2 and "年度" in done.stderr and "Traceback" not in done.stderr


def test_search_lists_one_ward_s_share_of_the_results_as_many_as_its_card_says(tmp_path):
    """`--result-ward` / `--result-year` list a ward card's (a year cell's) share of the
    same search, as the API's result_ward / result_year do: as many as its count says."""
    env = {"KYOTEN_INDEX": str(tmp_path / "index"), "KYOTEN_CORPUS": str(REPO / "corpus")}
    run("reindex", "--no-semantic", env=env)
    whole = json.loads(run("search", "多胎児", "--mode", "bm25", "-k", "100", "--json", env=env).stdout)
    card = next(c for c in whole["wards"] if c["ward"] == "西区")
    text = run("search", "多胎児", "--mode", "bm25", env=env).stdout
    assert f"■ 西区 スマイル・ポート  該当 {card['passage_count']} 件" in text   # the card's hub after its ward
    shown = run("search", "多胎児", "--mode", "bm25", "-k", "100", "--result-ward", "西区", env=env).stdout
    assert f"この検索の該当のうち、西区の {card['passage_count']} 件" in shown
    hits = re.findall(r"^\[\d\.\d{3}\] (\S+) ", shown, re.M)
    listed = json.loads(run("search", "多胎児", "--mode", "bm25", "-k", "100", "--result-ward", "西区",
                            "--json", env=env).stdout)
    assert listed["total_passages"] == card["passage_count"]   # the list folds a text's copies into a row
    assert len(hits) == listed["total"] and set(hits) == {"西区"}
    cell = card["year_counts"][0]
    part = json.loads(run("search", "多胎児", "--mode", "bm25", "-k", "100", "--result-ward", "西区",
                          "--result-year", str(cell["year"]), "--json", env=env).stdout)
    assert part["total_passages"] == cell["count"] and part["wards"] == whole["wards"]
    # a facet value's share: the number the search's facets give it
    section, count = next(iter(whole["facets"]["section"].items()))
    part = json.loads(run("search", "多胎児", "--mode", "bm25", "-k", "100", "--result-section", section,
                          "--json", env=env).stdout)
    assert part["total_passages"] == count
    bad = run("search", "多胎児", "--mode", "bm25", "--result-year", "2020-2022", env=env, check=False)
    assert bad.returncode == 2 and "1 つの年度" in bad.stderr and "Traceback" not in bad.stderr


def test_search_can_be_limited_to_one_kind_of_report_as_the_web_form_can(tmp_path):
    """`--doc-type` searches only 単年度評価 or only 5か年のまとめ reports, as the form's 種別 and the
    API's doc_type do; a kind that does not exist is said in Japanese, exit 2."""
    env = {"KYOTEN_INDEX": str(tmp_path / "index"), "KYOTEN_CORPUS": str(REPO / "corpus")}
    run("reindex", "--no-semantic", env=env)
    whole = json.loads(run("search", "子育て", "--mode", "bm25", "-k", "100", "--json", env=env).stdout)
    kinds = {r["doc_type"] for r in whole["results"]}
    assert {"単年度評価", "5か年のまとめ"} <= kinds
    for kind in ("単年度評価", "5か年のまとめ"):
        part = json.loads(run("search", "子育て", "--mode", "bm25", "-k", "100", "--doc-type", kind,
                              "--json", env=env).stdout)
        assert part["results"] and {r["doc_type"] for r in part["results"]} == {kind}
    bad = run("search", "子育て", "--mode", "bm25", "--doc-type", "月報", env=env, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "種別" in bad.stderr


def test_reindex_with_a_mistyped_corpus_folder_keeps_every_report_in_the_index(tmp_path):
    """`kyoten reindex --corpus /typo` read the missing folder as empty and removed every
    report from the index (「削除 5」): now it says the folder is not there and changes nothing."""
    env = {"KYOTEN_INDEX": str(tmp_path / "index"), "KYOTEN_CORPUS": str(REPO / "corpus")}
    run("reindex", "--no-semantic", env=env)
    for missing in (tmp_path / "no-such-folder", REPO / "README.md"):
        done = run("reindex", "--no-semantic", "--corpus", str(missing), env=env, check=False)
        assert done.returncode == 2, done.stdout
        assert str(missing) in done.stderr and "索引は変更していません" in done.stderr
        assert "削除" not in done.stdout and "Traceback" not in done.stderr
    done = run("reindex", "--no-semantic", env=dict(env, KYOTEN_CORPUS=str(tmp_path / "typo")), check=False)
    assert done.returncode == 2 and "KYOTEN_CORPUS" in done.stderr
    again = json.loads(run("reindex", "--no-semantic", "--json", env=env).stdout)
    assert again["removed"] == [] and again["unchanged"] == 5
    done = run("parse", str(tmp_path / "no-such-folder"), check=False)
    assert done.returncode == 2 and "報告書のフォルダ" in done.stderr


def test_eval_and_glossary_check_name_a_missing_file_in_japanese_without_a_traceback(tmp_path):
    missing = str(tmp_path / "judged.jsonl")
    done = run("eval", missing, "--index", str(tmp_path / "index"), check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"評価用のファイルが見つかりません: {missing}" in done.stderr
    done = run("glossary", "check", str(tmp_path / "glossary.txt"), check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "用語集のファイルが見つかりません" in done.stderr and "not found" not in done.stderr


def test_search_without_results_says_nothing_was_found_not_0区の取組(tmp_path):
    env = {"KYOTEN_INDEX": str(tmp_path / "index"), "KYOTEN_CORPUS": str(REPO / "corpus")}
    run("reindex", "--no-semantic", env=env)
    for query in ("！？", "ぴよぴよ"):
        out = run("search", query, "--mode", "bm25", env=env).stdout
        assert "0区" not in out and "該当する取組は見つかりませんでした" in out


def test_bad_command_line_arguments_are_explained_in_japanese_with_the_usage():
    cases = {
        ("search",): "指定が足りません: 検索語",
        ("search", "多胎児", "-k", "abc"): "-k には整数を指定してください（受け取った値: abc）",
        ("search", "多胎児", "--mode", "fast"): "--mode に「fast」は指定できません（指定できるもの: hybrid, bm25, semantic）",
        ("search", "多胎児", "-k"): "-k のあとに値を指定してください",
        ("search", "多胎児", "--wards", "西区"): "解釈できない指定があります: --wards 西区",
        ("frobnicate",): "コマンドに「frobnicate」は指定できません",
    }
    for args, said in cases.items():
        done = run(*args, check=False)
        assert done.returncode == 2, args
        assert said in done.stderr, (args, done.stderr)
        assert "使い方: kyoten" in done.stderr and "usage:" not in done.stderr and "error:" not in done.stderr and "Traceback" not in done.stderr


def test_eval_totals_only_says_nothing_about_any_one_query(tmp_path):
    # a judged set read blind: its figures may be read, never its queries or judgements
    env = {"KYOTEN_INDEX": str(tmp_path / "index"), "KYOTEN_CORPUS": str(REPO / "corpus")}
    run("reindex", "--no-semantic", env=env)
    gold = tmp_path / "blindset.jsonl"
    gold.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in [
        {"id": "zz01", "query": "双子の家庭への働きかけ", "type": "b",
         "relevant": {"西区": [{"evidence": "多胎児向けのチラシ", "grade": 2}]}},
        {"id": "zz02", "query": "沐浴", "type": "a",
         "relevant": {"泉区": [{"evidence": "どこにも書かれていない判定文字列", "grade": 2}]}},
    ]), encoding="utf-8")
    for fmt in (["--json"], []):
        out = run("eval", str(gold), "--no-baselines", "--loo", "--totals-only", *fmt, env=env).stdout
        for secret in ("zz01", "zz02", "双子の家庭", "沐浴", "多胎児向け", "判定文字列"):
            assert secret not in out, (fmt, secret)
    report = json.loads(run("eval", str(gold), "--no-baselines", "--loo", "--totals-only", "--json",
                            env=env).stdout)
    assert report["engines"]["bm25"]["overall"]["evidence_recall"] >= 0
    assert report["engines"]["bm25"]["by_kind"]["a"]["n"] == 1
    assert report["unmatched_evidence"] == 1
    assert "plain" in report["leave_one_out"]["modes"]["bm25"]
