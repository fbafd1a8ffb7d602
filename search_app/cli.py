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
    from .passages import shown_hub, source_place
    from .service import QueryError

    service = _open_service(args)
    query = " ".join(args.query) if isinstance(args.query, list) else args.query
    try:
        result = service.search(query, mode=args.mode, k=args.k, ward=args.ward,
                                year=args.year, section=args.section, programme=args.programme,
                                result_ward=args.result_ward, result_year=args.result_year,
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
    print()
    for r in result["results"]:
        # 「港北区 どろっぷ サテライト（日吉） 令和5年度」: the hub and the site where the report names them
        place = " ".join(name for name in (shown_hub(r), r.get("site")) if name)
        print(f"[{r['score']:.3f}] {r['ward']} {place + ' ' if place else ''}{r['year_label'] or ''} {r['section']}  "
              f"{r['source']['file']} {source_place(r)}")
        print("    " + r["text"].replace("\n", " ")[:120])
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
    from .evaluation import GridError, format_report, load_grid, run, totals_only

    missing = [g for g in [*args.gold, args.loo_grid] if g and not Path(g).is_file()]
    if missing:
        print("評価用のファイルが見つかりません: " + "、".join(missing), file=sys.stderr)
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


_ARG_NAMES = {"query": "検索語", "command": "コマンド", "glossary_command": "用語集のコマンド（check）",
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


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are said in Japanese (usage, then 「エラー: …」, exit 2)."""

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
    parser = _Parser(prog="kyoten", description="Kyoten Search")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse a corpus folder and print its records")
    p.add_argument("corpus", nargs="?", default=str(config.corpus_dir()))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("build-model", help="build the default embedding model into models/ (offline)")
    p.add_argument("--models-dir")
    p.add_argument("--force", action="store_true")
    p.set_defaults(func=cmd_build_model)

    p = sub.add_parser("reindex", help="build or incrementally update the index")
    p.add_argument("--corpus")
    p.add_argument("--index")
    p.add_argument("--full", action="store_true", help="rebuild from scratch")
    p.add_argument("--json", action="store_true")
    p.add_argument("--no-semantic", action="store_true", help="keyword index only (no embeddings)")
    p.add_argument("--wait", type=float, default=0.0, help="seconds to wait for a running reindex")
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("search", help="search the index")
    p.query_words = True
    p.add_argument("query", nargs="+", help="the query (its words may be given unquoted: 子育て -多胎児)")
    p.add_argument("--mode", choices=["hybrid", "bm25", "semantic"], default="hybrid")
    p.add_argument("--ward")
    p.add_argument("--year")
    p.add_argument("--section")
    p.add_argument("--programme", type=int)
    # which of the search's results to list (a view of the same search, not a new one):
    # the share a ward card, a cell of its years or a facet value counts
    p.add_argument("--result-ward", help="list only this ward's results (the number its card gives)")
    p.add_argument("--result-year", help="list only the results about this fiscal year")
    p.add_argument("--result-section", help="list only the results of this section group (目標, 成果, …)")
    p.add_argument("--result-programme", help="list only the results of this programme (1-7)")
    p.add_argument("--result-doc-type", help="list only the results of this document type")
    p.add_argument("-k", type=int, default=10)
    p.add_argument("--no-spell", action="store_true",
                   help="search the words exactly as typed (no correction of a word that matches nothing)")
    p.add_argument("--index")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("serve", help="serve the web app (waitress)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("eval", help="retrieval quality on judged queries")
    p.add_argument("gold", nargs="+", help="judged query files; with --loo the first is the tuning set")
    p.add_argument("--loo", action="store_true", help="leave-one-out figures beside the plain ones")
    p.add_argument("--loo-grid", help="JSON {\"module.ATTR\": [values]} of parameters for --loo")
    p.add_argument("--index")
    p.add_argument("--json", action="store_true")
    p.add_argument("--no-baselines", action="store_true")
    p.add_argument("--totals-only", action="store_true",
                   help="print only overall, per-file and per-kind figures, nothing about any one query "
                        "(for judged sets read blind)")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("glossary", help="synonym glossary tools")
    gsub = p.add_subparsers(dest="glossary_command", required=True)
    g = gsub.add_parser("check", help="validate a glossary file (line numbers and reasons)")
    g.add_argument("file", nargs="?", help="default: the glossary searches use")
    g.set_defaults(func=cmd_glossary)

    p = sub.add_parser("bench", help="speed against peers on synthetic reports (python -m benchmarks.run)",
                       add_help=False)
    p.add_argument("bench_args", nargs=argparse.REMAINDER,
                   help="options of python -m benchmarks.run, e.g. --sizes 1000,10000 --with-100k")
    p.set_defaults(func=cmd_bench)
    return parser


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


if __name__ == "__main__":
    sys.exit(main())
