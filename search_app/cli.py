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


def cmd_parse(args) -> int:
    from indexer.corpus import parse_corpus

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

    try:
        summary = build_index(Path(args.corpus or config.corpus_dir()), Path(args.index or config.index_dir()),
                              full=args.full, semantic=not args.no_semantic,
                              progress=not args.json and sys.stderr.isatty(),
                              wait_seconds=args.wait)
    except IndexBusyError as exc:
        print(str(exc), file=sys.stderr)
        return 3
    except OSError as exc:
        print(f"索引を書き込めません: {exc}（以前の索引はそのまま使えます）", file=sys.stderr)
        return 4
    if args.json:
        _print_json(summary.to_dict())
        return 0
    print(f"追加 {len(summary.added)} / 変更 {len(summary.changed)} / 削除 {len(summary.removed)} / "
          f"変更なし {summary.unchanged} / 失敗 {len(summary.failed)} — "
          f"{summary.documents} 文書, {summary.passages} パッセージ, 埋め込み {summary.embedded} 件, "
          f"{summary.seconds:.1f} 秒 ({summary.generation})")
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
    from .service import QueryError

    service = _open_service(args)
    try:
        result = service.search(args.query, mode=args.mode, k=args.k, ward=args.ward,
                                year=args.year, section=args.section, programme=args.programme)
    except QueryError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    if args.json:
        _print_json(result)
        return 0
    print(f"{len(result['wards'])}区の取組が見つかりました（{result['total']} 件, {result['took_ms']} ms, {result['mode']}）")
    for w in result["wards"]:
        print(f"■ {w['ward']}  {w['year_display'] or ''}  {w['operator'] or ''}")
        if w["goal"]:
            print(f"   目標: {w['goal'][:80]}")
    print()
    for r in result["results"]:
        print(f"[{r['score']:.3f}] {r['ward']} {r['year_label'] or ''} {r['section']}  "
              f"{r['source']['file']}:{r['source']['line_start']}-{r['source']['line_end']}")
        print("    " + r["text"].replace("\n", " ")[:120])
    return 0


def cmd_serve(args) -> int:
    from .web import serve

    serve(host=args.host, port=args.port)
    return 0


def cmd_eval(args) -> int:
    from .evaluation import evaluate, format_table, load_judgements

    report = evaluate(_open_service(args, build_if_missing=True), load_judgements(Path(args.gold)),
                      with_baselines=not args.no_baselines)
    if args.json:
        _print_json(report)
    else:
        print(format_table(report))
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kyoten", description="Kyoten Search")
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
    p.add_argument("query")
    p.add_argument("--mode", choices=["hybrid", "bm25", "semantic"], default="hybrid")
    p.add_argument("--ward")
    p.add_argument("--year")
    p.add_argument("--section")
    p.add_argument("--programme", type=int)
    p.add_argument("-k", type=int, default=10)
    p.add_argument("--index")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("serve", help="serve the web app (waitress)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("eval", help="retrieval quality on judged queries")
    p.add_argument("gold")
    p.add_argument("--index")
    p.add_argument("--json", action="store_true")
    p.add_argument("--no-baselines", action="store_true")
    p.set_defaults(func=cmd_eval)

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
