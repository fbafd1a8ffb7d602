"""Shared set-up for the web tests: the real index of the seed corpus plus two
test reports, built once per test session.

The test corpus is the five seed reports and two reports for 旭区 (a ward the
seeds do not cover) about a topic no seed mentions (ペンギン体操):

- 令和5年度, with `<script>alert(1)</script>` and `<img src=x onerror=alert(2)>`
  in the operator name, the goal and the sections (entity-encoded in the cells,
  so they survive cleaning as literal text the pages must escape);
- 令和4年度, harmless, so a passage of the first has a 同じ区の別年度 neighbour,
  and with a section starting with "=" (CSV formula injection).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_CORPUS = REPO / "corpus"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
XSS_WARD = "旭区"
XSS_TERM = "ペンギン体操"
XSS_FILE = "900_xss_asahi_r5.txt"
SAME_WARD_FILE = "901_asahi_r4.txt"

XSS_REPORT = """

旭区地域子育て支援拠点事業
令和5年度重点目標評価結果・令和6年度重点目標

事業実施期間\t令和5年4月1日～令和6年3月31日
事業の実施者\t特定非営利活動法人 テスト法人<script>alert(1)</script> 旭区こども家庭支援課

令和5年度重点目標の評価

令和5年度 重点目標①\t親子で楽しむペンギン体操を通して、親子の運動と交流の機会を広げます &lt;script&gt;alert(1)&lt;/script&gt;
取組内容\t<p>ひろばで毎週ペンギン体操の会を開き、乳幼児と養育者が一緒に体を動かしました。&lt;img src=x onerror=alert(2)&gt;</p> <img src=x onerror=alert(2)>
取組の成果\t<p>ペンギン体操の会には延べ300組の親子が参加し、参加者同士の交流が生まれました。&lt;script&gt;alert(1)&lt;/script&gt;</p>
取組の課題\t<p>ペンギン体操の会の講師を担う地域のボランティアを増やす必要があります。&lt;img src=x onerror=alert(2)&gt;</p>
"""

SAME_WARD_REPORT = """

旭区地域子育て支援拠点事業
令和4年度重点目標評価結果・令和5年度重点目標

事業実施期間\t令和4年4月1日～令和5年3月31日
事業の実施者\t特定非営利活動法人 テスト法人 旭区こども家庭支援課

令和4年度重点目標の評価

令和4年度 重点目標①\tペンギン体操など親子で体を動かす遊びの場を、地域の公園にも広げます。
取組内容\t<p>地域の公園に出向き、親子で楽しめるペンギン体操の出張ひろばを開催しました。</p>
取組の成果\t<p>出張ひろばのペンギン体操に多くの親子が参加し、拠点を知るきっかけになりました。</p>
取組の課題\t=HYPERLINK("http://example.invalid","出張ひろばの会場確保が課題です")
"""

_BUILT: dict[str, Path] = {}


def make_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    (corpus / XSS_FILE).write_text(XSS_REPORT, encoding="utf-8")
    (corpus / SAME_WARD_FILE).write_text(SAME_WARD_REPORT, encoding="utf-8")
    return corpus


def built_index(tmp_path_factory) -> Path:
    """The index of the test corpus, built on first use and shared by all web test
    modules (building embeds every passage, which takes a while on a CPU)."""
    if "index" not in _BUILT:
        from search_app.indexing import build_index

        root = tmp_path_factory.mktemp("kyoten_web")
        corpus = make_corpus(root)
        index = root / "index"
        summary = build_index(corpus, index, full=True)
        assert not summary.failed, summary.failed
        _BUILT["index"] = index
    return _BUILT["index"]


def make_app(index_dir: Path, **extra):
    from search_app.web import create_app

    config = {"INDEX_DIR": str(index_dir), "TESTING": True}
    config.update(extra)
    return create_app(config)

@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The base URL of the app on waitress over the shared hybrid index (built_index)."""
    from servers import running

    app = make_app(built_index(tmp_path_factory))
    with running(app) as url:
        # warm up: opens the index and loads the query embedder before any timed step
        import urllib.request
        with urllib.request.urlopen(f"{url}/api/search?q=%E5%A4%9A%E8%83%8E%E5%85%90", timeout=120) as resp:
            assert resp.status == 200
        yield url


def report(phrase: str, ward: str = "西区") -> bytes:
    """A three-line report of `ward` for 令和6年度 whose only topic is `phrase` (UTF-8)."""
    return (f"{ward}地域子育て支援拠点 令和6年度の取組\n\n"
            f"毎月{phrase}を開き、親子が一緒に楽しみました。\n"
            f"{phrase}には延べ50組の親子が参加しました。\n").encode("utf-8")
