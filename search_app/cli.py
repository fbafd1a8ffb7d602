"""The `kyoten` command line: parse, build-model, reindex, search, serve, eval, bench.

Each subcommand is a thin shell over a library function, so the web app, the
tests and the CLI all exercise the same code.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import config


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _missing_corpus(corpus: Path) -> bool:
    """True (and says so) when the reports' folder is not there: a mistyped --corpus or
    KYOTEN_CORPUS read as an empty folder would remove every report from the index."""
    if corpus.is_dir():
        return False
    what = "ファイルで、フォルダではありません" if corpus.exists() else "ありません"
    print(f"報告書のフォルダ {corpus} は{what}。--corpus か KYOTEN_CORPUS を確かめてください"
          f"（索引は変更していません）。", file=sys.stderr)
    return True


def cmd_parse(args) -> int:
    from indexer.corpus import parse_corpus

    if _missing_corpus(Path(args.corpus)):
        return 2
    result = parse_corpus(Path(args.corpus))
    if args.json:
        _print_json(result.to_dict())
        return 0
    by_doc: dict[str, list] = {}
    for p in result.passages:
        by_doc.setdefault(p.doc_id, []).append(p)
    for doc in result.documents:
        years = (f"{doc.fiscal_year_from}" if doc.fiscal_year_from == doc.fiscal_year_to
                 else f"{doc.fiscal_year_from}–{doc.fiscal_year_to}")
        print(f"■ {doc.source}  {doc.ward or '区不明'}  {doc.year_label or ''} ({years})  "
              f"{doc.doc_type}  {doc.operator or ''} {doc.hub or ''}")
        for p in by_doc.get(doc.doc_id, []):
            where = f"事業{p.programme} " if p.programme else ""
            goal = f"目標{p.goal_no} " if p.goal_no else ""
            grades = " ".join(f"{k}:{v}" for k, v in (p.grades or {}).items())
            first = p.text.split("\n")[0]
            print(f"  - [{p.year_label or ''}] {where}{goal}{p.section} {grades} "
                  f"(L{p.line_start}-{p.line_end}) {first[:60]}")
    for err in result.errors:
        print(f"✗ {err.file}: {err.reason}", file=sys.stderr)
    print(f"{len(result.documents)} 件の文書、{len(result.passages)} 件のパッセージ、"
          f"{len(result.errors)} 件のエラー")
    return 0


def cmd_build_model(args) -> int:
    from kyoten_build.embedding_model import build_default_model

    path = build_default_model(Path(args.models_dir or config.models_dir()), force=args.force)
    print(f"埋め込みモデル: {path}")
    return 0


def cmd_reindex(args) -> int:
    from indexer.store import IndexBusyError

    from .indexing import build_index

    corpus = Path(args.corpus or config.corpus_dir())
    if _missing_corpus(corpus):
        return 2
    try:
        summary = build_index(corpus, Path(args.index or config.index_dir()),
                              full=args.full, semantic=not args.no_semantic,
                              progress=not args.json and sys.stderr.isatty(),
                              wait_seconds=args.wait)
    except IndexBusyError as exc:
        print(str(exc), file=sys.stderr)
        return 3
    except OSError as exc:
        from indexer import oserrors

        print(f"索引を書き込めません（{oserrors.reason_at(exc)}）。以前の索引はそのまま使えます。", file=sys.stderr)
        return 4
    if args.json:
        _print_json(summary.to_dict())
        return 0
    print(f"追加 {len(summary.added)} / 変更 {len(summary.changed)} / 削除 {len(summary.removed)} / "
          f"読み直し {len(summary.reparsed) + len(summary.retried)} / 変更なし {summary.unchanged} / 失敗 {len(summary.failed)} — "
          f"{summary.documents} 文書, {summary.passages} パッセージ, 埋め込み {summary.embedded} 件, "
          f"{summary.seconds:.1f} 秒 ({summary.generation})")
    for note in getattr(summary, "notes", []):
        print(f"※ {note}")
    for f in summary.failed:
        print(f"✗ {f['file']}: {f['reason']}", file=sys.stderr)
    return 0


def _open_service(args, build_if_missing: bool = False):
    from indexer.store import current_name

    from .service import SearchService

    index = Path(args.index or config.index_dir())
    if current_name(index) is None:
        if not build_if_missing:
            raise SystemExit(f"索引がまだありません: {index}（先に `kyoten reindex` を実行してください）")
        from .indexing import build_index

        print(f"索引がないため {config.corpus_dir()} から作成します…", file=sys.stderr)
        build_index(config.corpus_dir(), index, wait_seconds=600)
    return SearchService.open(index)


def cmd_search(args) -> int:
    from .passages import copy_places_text, shown_hub, source_place
    from .service import MAX_K, QueryError

    service = _open_service(args)
    query = " ".join(args.query) if isinstance(args.query, list) else args.query
    try:
        result = service.search(query, mode=args.mode, k=args.k, offset=args.offset, ward=args.ward,
                                year=args.year, section=args.section, programme=args.programme,
                                doc_type=args.doc_type, result_ward=args.result_ward, result_year=args.result_year,
                                result_section=args.result_section, result_programme=args.result_programme,
                                result_doc_type=args.result_doc_type, spell=not args.no_spell)
    except QueryError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    if args.json:
        _print_json(result)
        return 0
    for notice in result.get("notices", []):
        print(f"※ {notice}", file=sys.stderr)
    if args.k > MAX_K:   # the service lists at most MAX_K at a time
        print(f"※ 一度に表示できるのは {MAX_K} 件までです（-k {args.k} → {MAX_K} 件）。"
              f"続きは --offset で表示できます", file=sys.stderr)
    spelled = result.get("spelling")
    if spelled and spelled["searched"]:
        print(f"「{spelled['corrected']}」の検索結果です。「{spelled['original']}」のまま検索するには --no-spell を付けてください")
    elif spelled:
        print(f"もしかして：{spelled['corrected']}")
    scope = result.get("result_scope")
    if scope:   # one share of the search's results: the number a card or facet gives it
        print(f"この検索の該当のうち、{_share_label(scope)}の {result.get('total_passages', result['total'])} 件"
              f"（{result['took_ms']} ms, {result['mode']}）")
    else:
        count = f"{result.get('total_passages', result['total'])} 件, {result['took_ms']} ms, {result['mode']}"
        if result["wards"]:
            print(f"{len(result['wards'])}区の取組が見つかりました（{count}）")
        elif result["total"]:
            print(f"取組として答えている区はありません。関連する記載があります（{count}）")
        else:
            print(f"該当する取組は見つかりませんでした（{count}）")
        for w in result["wards"]:
            # the card's hub (拠点名) after its ward, where the report states one
            hub = f" {w['hub']}" if w.get("hub") else ""
            print(f"■ {w['ward']}{hub}  該当 {w['passage_count']} 件  {w['year_display'] or ''}  {w['operator'] or ''}")
            site = (w.get("best") or {}).get("site")   # the goal's site, in a report of a hub and its satellite
            if w["goal"]:
                print(f"   目標: {site + ' ' if site else ''}{w['goal'][:80]}")
            elif site:
                print(f"   施設: {site}")
    rows, counted = result["total"], result.get("total_passages", result["total"])
    if counted > rows:   # as the page says it: the headline counts each report's copy, the list folds them
        print(f"うち {counted - rows} 件は他の報告書と同じ内容の記載です（一覧では {rows} 件にまとめ、"
              f"「同様の記載」として添えています）")
    print()
    for r in result["results"]:
        # 「港北区 どろっぷ サテライト（日吉） 令和5年度」: the hub and the site where the report names them
        place = " ".join(name for name in (shown_hub(r), r.get("site")) if name)
        print(f"[{r['score']:.3f}] {r['ward']} {place + ' ' if place else ''}{r['year_label'] or ''} {r['section']}  "
              f"{r['source']['file']} {source_place(r)}")
        print("    " + r["text"].replace("\n", " ")[:120])
        if r.get("duplicates"):
            print(f"    同様の記載 {len(r['duplicates'])}件：{copy_places_text(r['duplicates'])}")
    shown = len(result["results"])
    if shown and (result["offset"] or result["offset"] + shown < rows):
        first, last = result["offset"] + 1, result["offset"] + shown
        more = f"。続きは --offset {last}" if last < rows else ""
        print(f"\n{rows} 件中 {first}–{last} 件目を表示しました{more}（-k で一度に表示する件数、最大 {MAX_K}）")
    elif not shown and rows:
        print(f"この位置（--offset {result['offset']}）に表示する結果はありません（一覧は {rows} 件です）")
    return 0


def _share_label(scope: dict) -> str:
    """The share of a search's results listed (`--result-ward` …), as the page names it."""
    from indexer import wareki

    parts = [scope["ward"]] if scope.get("ward") else []
    if scope.get("year"):
        parts.append(f"{wareki.western_to_label(scope['year'])}（{scope['year']}年度）")
    if scope.get("section"):
        parts.append(f"区分「{scope['section']}」")
    if scope.get("programme"):
        parts.append(f"事業{scope['programme']}")
    if scope.get("doc_type"):
        parts.append(scope["doc_type"])
    return "・".join(parts)


def cmd_serve(args) -> int:
    from .web import serve

    serve(host=args.host, port=args.port)
    return 0


def cmd_eval(args) -> int:
    from .evaluation import GridError, JudgementError, format_report, load_grid, load_judgements, run, totals_only

    missing = [g for g in [*args.gold, args.loo_grid] if g and not Path(g).is_file()]
    if missing:
        print("評価用のファイルが見つかりません: " + "、".join(missing), file=sys.stderr)
        return 2
    try:   # every file read before the index is opened: a bad line is said at once
        for gold in args.gold:
            load_judgements(Path(gold))
    except JudgementError as exc:
        print(f"評価用のファイルを読めません: {exc}", file=sys.stderr)
        return 2
    try:
        grid = load_grid(Path(args.loo_grid)) if args.loo_grid else None
        report = run(_open_service(args, build_if_missing=True), [Path(g) for g in args.gold],
                     with_baselines=not args.no_baselines, loo=args.loo or bool(args.loo_grid), grid=grid)
    except GridError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.totals_only:
        report = totals_only(report)
    if args.json:
        _print_json(report)
    else:
        print(format_report(report))
    return 0


def cmd_glossary(args) -> int:
    from indexer import synonyms

    path = Path(args.file) if args.file else synonyms.active_glossary_path()
    if args.file and not path.is_file():
        print(f"用語集のファイルが見つかりません: {path}", file=sys.stderr)
        return 2
    try:
        text = synonyms.read_text(path)
    except synonyms.GlossaryError as exc:
        print(f"用語集を読めません（{path}）: {exc}", file=sys.stderr)
        return 2
    errors = synonyms.validate(text)
    for lineno, message in errors:
        print(f"{path}:{lineno}: {message}")
    if errors:
        print(f"{len(errors)} 件の問題があります。", file=sys.stderr)
        return 1
    groups = len(synonyms.Glossary.parse(text, source=str(path), use_analyzer=False))
    print(f"{path}: 問題ありません（{groups} グループ）")
    return 0


def cmd_bench(args) -> int:
    """Run the benchmark harness, which lives outside the product packages
    (benchmarks/ in the repository), in its own interpreter."""
    import subprocess

    from .config import REPO_ROOT

    if not (REPO_ROOT / "benchmarks" / "run.py").is_file():
        print("ベンチマークはリポジトリの benchmarks/ にあります（この環境にはありません）。", file=sys.stderr)
        return 2
    return subprocess.call([sys.executable, "-m", "benchmarks.run", *args.bench_args], cwd=str(REPO_ROOT))


_ARG_NAMES = {"query": "検索語", "command": "コマンド", "<コマンド>": "コマンド",
              "<用語集のコマンド>": "用語集のコマンド（check）", "glossary_command": "用語集のコマンド（check）",
              "gold": "評価用のファイル", "bench_args": "ベンチマークの指定"}
_TYPE_NAMES = {"int": "整数", "float": "数"}
# argparse's own English messages, as the rest of the CLI speaks: (pattern, Japanese)
_ARG_ERRORS = (
    (r"the following arguments are required: (?P<names>.+)",
     lambda m: "指定が足りません: " + "、".join(_ARG_NAMES.get(n, n) for n in m["names"].split(", "))),
    (r"argument (?P<arg>\S+?): invalid (?P<type>int|float) value: '(?P<value>.*)'",
     lambda m: f"{m['arg']} には{_TYPE_NAMES[m['type']]}を指定してください（受け取った値: {m['value']}）"),
    (r"argument (?P<arg>\S+?): invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.+)\)",
     lambda m: f"{_ARG_NAMES.get(m['arg'], m['arg'] + ' ')}に「{m['value']}」は指定できません"
               f"（指定できるもの: {m['choices'].replace(chr(39), '')}）"),
    (r"argument (?P<arg>\S+?): expected one argument", lambda m: f"{m['arg']} のあとに値を指定してください"),
    (r"unrecognized arguments: (?P<args>.+)", lambda m: f"解釈できない指定があります: {m['args']}"),
)


def _japanese_usage(text: str) -> str:
    """argparse's English 「usage:」 as 「使い方:」."""
    return "使い方:" + text[len("usage:"):] if text.startswith("usage:") else text


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Japanese: its help (使い方, 引数, オプション, -h) and its
    errors (usage, then 「エラー: …」, exit 2)."""

    def __init__(self, *args, add_help: bool = True, **kwargs):
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "引数"
        self._optionals.title = "オプション"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="この説明を表示して終わります")

    def format_usage(self) -> str:
        return _japanese_usage(super().format_usage())

    def format_help(self) -> str:
        return _japanese_usage(super().format_help())

    def error(self, message: str):
        import re

        for pattern, say in _ARG_ERRORS:
            m = re.fullmatch(pattern, message)
            if m:
                message = say(m)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: エラー: {message}（使い方: {self.prog} -h）\n")

    # The search command's words: one typed to be left out (-多胎児, −西区, -"…") is part of
    # the query, not an option (every option is ASCII); it used to stop the command with
    # 「指定が足りません: 検索語」.
    query_words = False

    def _parse_optional(self, arg_string):
        if self.query_words and len(arg_string) > 1 and arg_string[0] in self.prefix_chars and (
                not arg_string[1].isascii() or arg_string[1] in "\"'"):
            return None
        return super()._parse_optional(arg_string)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kyoten", description="拠点サーチ（Kyoten Search）: 地域子育て支援拠点の評価報告書の検索",
                     epilog="各コマンドの説明: kyoten <コマンド> -h（例: kyoten search -h）")
    parser.add_argument("-v", "--verbose", action="store_true", help="処理の詳しい記録（ログ）を表示します")
    sub = parser.add_subparsers(dest="command", required=True, title="コマンド", metavar="<コマンド>")
    index_help = f"索引のフォルダ（既定: 環境変数 KYOTEN_INDEX、なければ {config.index_dir()}）"

    p = sub.add_parser("parse", help="報告書のフォルダを読み取り、取り出した内容を表示します",
                       description="報告書のフォルダを読み取り、取り出した文書とパッセージを表示します（索引は変えません）。")
    p.add_argument("corpus", nargs="?", default=str(config.corpus_dir()),
                   help=f"報告書のフォルダ（既定: {config.corpus_dir()}）")
    p.add_argument("--json", action="store_true", help="JSON で出力します")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("build-model", help="既定の埋め込みモデルを models/ に作ります（ネット接続不要）",
                       description="意味検索に使う埋め込みモデル（と ONNX 版）を models/ に作ります。")
    p.add_argument("--models-dir", metavar="フォルダ", help="モデルを置くフォルダ（既定: models/）")
    p.add_argument("--force", action="store_true", help="作成済みでも作り直します")
    p.set_defaults(func=cmd_build_model)

    p = sub.add_parser("reindex", help="索引を作る・更新します（追加・変更・削除されたファイルだけ）",
                       description="報告書のフォルダから索引を作ります。2回目からは、追加・変更・削除された"
                                   "ファイルだけを読み直します。検索は更新中もそのまま使えます。")
    p.add_argument("--corpus", metavar="フォルダ", help="報告書のフォルダ（既定: 環境変数 KYOTEN_CORPUS、なければ "
                                    f"{config.corpus_dir()}）")
    p.add_argument("--index", metavar="フォルダ", help=index_help)
    p.add_argument("--full", action="store_true", help="すべてのファイルを読み直して、索引を最初から作ります")
    p.add_argument("--json", action="store_true", help="結果を JSON で出力します")
    p.add_argument("--no-semantic", action="store_true",
                   help="キーワード検索の索引だけを作ります（埋め込みモデルを使いません）")
    p.add_argument("--wait", type=float, default=0.0, metavar="秒",
                   help="別の再索引が実行中のとき、終わるのを待つ秒数（既定: 0 = 待たずに終了コード 3 で終わります）")
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("search", help="索引を検索します",
                       description="索引を検索し、取組が見つかった区ごとの要約と、該当する記載を表示します。",
                       epilog="例: kyoten search 多胎児 --year 令和5年度 / kyoten search 子育て -多胎児 / "
                              "kyoten search 父親 --offset 10")
    p.query_words = True
    p.add_argument("query", nargs="+", metavar="検索語",
                   help="検索語（引用符なしで続けて書けます。除く語は前に「-」: 子育て -多胎児）")
    p.add_argument("--mode", choices=["hybrid", "bm25", "semantic"], default="hybrid",
                   help="検索方式: hybrid＝キーワードと意味の両方（既定）、bm25＝キーワードのみ、semantic＝意味のみ")
    p.add_argument("--ward", metavar="区", help="この区の報告書だけで検索します（例: 西区、港北）")
    p.add_argument("--year", metavar="年度",
                   help="この年度の報告書だけで検索します（例: 令和5年度、R5、2023、令和2年度-令和5年度）")
    p.add_argument("--section", metavar="区分", help="この区分の記載だけで検索します（目標・取組内容・成果・課題・評価）")
    p.add_argument("--programme", type=int, metavar="事業", help="5か年のまとめのこの事業（1〜7）の記載だけで検索します")
    p.add_argument("--doc-type", metavar="種別", help="この種別の報告書だけで検索します（単年度評価・5か年のまとめ）")
    # which of the search's results to list (a view of the same search, not a new one):
    # the share a ward card, a cell of its years or a facet value counts
    p.add_argument("--result-ward", metavar="区", help="この検索の該当のうち、この区の分だけを表示します（区の要約の件数）")
    p.add_argument("--result-year", metavar="年度", help="この検索の該当のうち、この年度の分だけを表示します")
    p.add_argument("--result-section", metavar="区分", help="この検索の該当のうち、この区分（目標・成果 …）の分だけを表示します")
    p.add_argument("--result-programme", metavar="事業", help="この検索の該当のうち、この事業（1〜7）の分だけを表示します")
    p.add_argument("--result-doc-type", metavar="種別", help="この検索の該当のうち、この種別（単年度評価・5か年のまとめ）の分だけを表示します")
    p.add_argument("-k", type=int, default=10, metavar="件数", help="一度に表示する件数（既定: 10、最大 100）")
    p.add_argument("--offset", type=int, default=0, metavar="位置",
                   help="一覧のこの位置から表示します（既定: 0。例: --offset 10 で 11 件目から）")
    p.add_argument("--no-spell", action="store_true",
                   help="入力したとおりの言葉で検索します（どこにも一致しない言葉を直しません）")
    p.add_argument("--index", metavar="フォルダ", help=index_help)
    p.add_argument("--json", action="store_true", help="結果を JSON（Web API と同じ形）で出力します")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("serve", help="Web 画面を起動します（waitress）",
                       description="検索の Web 画面と API を起動します。")
    p.add_argument("--host", default="127.0.0.1", help="待ち受けるアドレス（既定: 127.0.0.1）")
    p.add_argument("--port", type=int, default=8000, help="待ち受けるポート（既定: 8000）")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("eval", help="判定付きの検索語で検索の品質を測ります",
                       description="判定付きの検索語のファイル（JSON Lines）で、根拠の再現率と区の F1 を測ります。")
    p.add_argument("gold", nargs="+", metavar="ファイル", help="判定付きの検索語のファイル（--loo のときは最初のファイルで調整します）")
    p.add_argument("--loo", action="store_true", help="leave-one-out（1件ずつ外して調整した値）も表示します")
    p.add_argument("--loo-grid", metavar="JSON", help="--loo で調べるパラメータ（JSON {\"module.ATTR\": [値, …]}）")
    p.add_argument("--index", metavar="フォルダ", help=index_help)
    p.add_argument("--json", action="store_true", help="結果を JSON で出力します")
    p.add_argument("--no-baselines", action="store_true", help="比較用の単純な検索（ベースライン）を測りません")
    p.add_argument("--totals-only", action="store_true",
                   help="全体・ファイルごと・種類ごとの値だけを表示し、個々の検索語については何も表示しません"
                        "（非公開の評価セット用）")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("glossary", help="用語集（同義語）の道具",
                       description="用語集（同義語）の道具です。")
    gsub = p.add_subparsers(dest="glossary_command", required=True, title="コマンド", metavar="<用語集のコマンド>")
    g = gsub.add_parser("check", help="用語集のファイルを検証します（問題のある行を行番号と理由つきで表示）",
                        description="用語集のファイルを検証し、問題のある行を行番号と理由つきで表示します。")
    g.add_argument("file", nargs="?", metavar="ファイル", help="検証するファイル（既定: 検索で使っている用語集）")
    g.set_defaults(func=cmd_glossary)

    p = sub.add_parser("bench", help="合成した報告書で速さを他の検索エンジンと比べます（python -m benchmarks.run）",
                       add_help=False)
    p.add_argument("bench_args", nargs=argparse.REMAINDER,
                   help="python -m benchmarks.run の指定（例: --sizes 1000,10000 --with-100k）")
    p.set_defaults(func=cmd_bench)
    return parser


MSG_INTERRUPTED = {
    "reindex": "中断しました。索引は以前のまま変わっていません（途中まで作った索引は次の kyoten reindex が片付けます）。",
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["bench"]:  # every option belongs to the harness (argparse would claim --help)
        return cmd_bench(argparse.Namespace(bench_args=argv[1:]))
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into `head` and closed early
        return 0
    except KeyboardInterrupt:   # Ctrl-C: said in a line, not a traceback (the shell's code for SIGINT)
        print(MSG_INTERRUPTED.get(args.command, "中断しました。"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
