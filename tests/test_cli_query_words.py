"""`kyoten search` with the words staff type (userfix28's walk): a word to leave out is part
of the query, not an option (`kyoten search -多胎児` stopped with 「指定が足りません: 検索語」,
`kyoten search 子育て -多胎児` with 「解釈できない指定があります」), the query's words may be given
unquoted, and bytes that are not UTF-8 (a Shift_JIS terminal) are refused in Japanese
instead of a UnicodeEncodeError traceback from the analyser."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def kyoten(index: Path, *args: str | bytes):
    env = dict(os.environ, KYOTEN_INDEX=str(index), KYOTEN_SEMANTIC="0", PYTHONPATH=str(REPO))
    argv = [a if isinstance(a, bytes) else a.encode("utf-8") for a in
            [sys.executable, "-m", "search_app.cli", "search", *args]]
    done = subprocess.run(argv, cwd=REPO, capture_output=True, timeout=300, env=env)
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def test_a_query_of_only_a_word_to_leave_out_is_searched_and_says_what_to_add(keyword_index):
    code, out, err = kyoten(keyword_index, "-多胎児", "--mode", "bm25")
    assert code == 0, err
    assert "除く言葉（「多胎児」）だけでは検索できません" in err
    assert "指定が足りません" not in err


@pytest.mark.parametrize("words", [["子育て", "-多胎児"], ["子育て -多胎児"], ["子育て", "−多胎児"]])
def test_the_querys_words_may_be_typed_unquoted_with_a_word_left_out(keyword_index, words):
    code, out, err = kyoten(keyword_index, *words, "--mode", "bm25", "-k", "50", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["results"]
    assert not any("多胎" in r["text"] or "双子" in r["text"] for r in result["results"])


def test_an_unknown_option_is_still_refused_in_japanese(keyword_index):
    code, _out, err = kyoten(keyword_index, "多胎児", "--wards", "西区")
    assert code == 2 and "解釈できない指定があります: --wards" in err


def test_a_query_that_is_not_utf8_is_refused_in_japanese_not_a_traceback(keyword_index):
    code, out, err = kyoten(keyword_index, "多胎児".encode("shift_jis"), "--mode", "bm25")
    assert code == 2
    assert "文字として読み取れないバイト列" in err and "Traceback" not in err
