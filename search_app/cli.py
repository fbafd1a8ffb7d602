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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kyoten", description="Kyoten Search")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse a corpus folder and print its records")
    p.add_argument("corpus", nargs="?", default=str(config.corpus_dir()))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_parse)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
