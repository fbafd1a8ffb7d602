"""Time the loader and the structure parser on hostile-but-legal inputs, at growing sizes, to
find super-linear paths (reliab20).

Each case builds a file of a given size parameter `n` (a text with no newlines, a one-column
CSV of n rows, an HTML page of n nested <div>s, a table of n columns, a PDF of n tiny text
objects, a .docx of n paragraphs or of a table of n rows with a label merged down …). Every
(case, n) runs in its own process with a wall-clock limit, through the same path a reindex
takes (load, ward parts, structure parse: `indexer.corpus.parse_parts` without the sidecar),
and reports the seconds of the load and of the parse; the growth ratio between successive sizes shows the
order (≈2 for linear when n doubles, ≈4 for quadratic).

    PYTHONPATH=$PWD nice .venv/bin/python -m benchmarks.hostile_inputs [--cases a,b] [--limit 120] [--json OUT]

A file refused with a reason is reported as refused with that reason (that is an answer too).
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import time
from pathlib import Path

SENTENCE = "西区の地域子育て支援拠点では多胎児の親子を対象に、妊娠期から切れ目のない支援を行った。"


def txt_one_line(n: int) -> tuple[str, bytes]:
    """A text of n characters with no newline at all."""
    return "one_line.txt", (SENTENCE * (n // len(SENTENCE) + 1))[:n].encode("utf-8")


def txt_spaces(n: int) -> tuple[str, bytes]:
    """A line of a few words separated by runs of n fullwidth spaces (a layout done with spaces)."""
    gap = "\u3000" * n
    return "spaces.txt", ("目標１" + gap + "A" + gap + "多胎児支援" + gap + "x\n" + SENTENCE + "\n").encode("utf-8")


def txt_lines(n: int) -> tuple[str, bytes]:
    """n short lines (a list pasted as text)."""
    return "lines.txt", "\n".join(f"・{SENTENCE[:12]}{i}" for i in range(n)).encode("utf-8")


def csv_one_column(n: int) -> tuple[str, bytes]:
    """A CSV of n rows of one column."""
    return "one_column.csv", ("項目\n" + "\n".join(f"取組{i}" for i in range(n)) + "\n").encode("utf-8")


def html_nested_divs(n: int) -> tuple[str, bytes]:
    """An HTML page whose text sits inside n nested <div>s."""
    return "nested.html", ("<html><body>" + "<div>" * n + SENTENCE + "</div>" * n + "</body></html>").encode("utf-8")


def html_wide_table(n: int) -> tuple[str, bytes]:
    """An HTML table of 3 rows and n columns."""
    cells = lambda tag, row: "".join(f"<{tag}>{row}-{i}</{tag}>" for i in range(n))  # noqa: E731
    rows = "".join(f"<tr>{cells('td', r)}</tr>" for r in range(3))
    return "wide.html", (f"<html><body><p>{SENTENCE}</p><table>{rows}</table></body></html>").encode("utf-8")


def html_long_table(n: int) -> tuple[str, bytes]:
    """An HTML table of n rows of 4 columns, its first column's label spanning all rows."""
    rows = [f"<tr><td rowspan=\"{n}\">取組内容</td><td>{i}</td><td>{SENTENCE[:10]}</td><td>x</td></tr>" if i == 0
            else f"<tr><td>{i}</td><td>{SENTENCE[:10]}</td><td>x</td></tr>" for i in range(n)]
    return "long.html", ("<html><body><table>" + "".join(rows) + "</table></body></html>").encode("utf-8")


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "HeiseiMin-W3" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    return "HeiseiMin-W3"


def pdf_tiny_texts(n: int) -> tuple[str, bytes]:
    """A PDF whose text is n text objects of one character each (as some exporters write a
    page), 1,200 to a page."""
    from reportlab.pdfgen import canvas

    font = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    text = SENTENCE * (n // len(SENTENCE) + 1)
    per_page, cols = 1200, 40
    for i in range(n):
        if i and i % per_page == 0:
            c.showPage()
        k = i % per_page
        c.setFont(font, 9)
        c.drawString(40 + (k % cols) * 12.5, 800 - (k // cols) * 25, text[i])
    c.showPage()
    c.save()
    return "tiny.pdf", buf.getvalue()


def _docx_with_body(body: str) -> bytes:
    import zipfile

    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                start = xml.index("<w:body>") + len("<w:body>")
                data = (xml[:start] + body + xml[start:]).encode("utf-8")
            dst.writestr(info.filename, data)
    return out.getvalue()


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx_paragraphs(n: int) -> tuple[str, bytes]:
    """A .docx of n paragraphs."""
    return "paragraphs.docx", _docx_with_body("".join(_p(f"{SENTENCE}{i}") for i in range(n)))


def _tc(inner: str, merge: str | None = None) -> str:
    props = f'<w:tcPr><w:vMerge w:val="{merge}"/></w:tcPr>' if merge == "restart" else (
        "<w:tcPr><w:vMerge/></w:tcPr>" if merge else "")
    return f"<w:tc>{props}{_p(inner)}</w:tc>"


def docx_table_rows(n: int) -> tuple[str, bytes]:
    """A .docx table of n rows of 3 columns (no merged cells)."""
    rows = "".join(f"<w:tr>{_tc(str(i))}{_tc(SENTENCE[:10])}{_tc('x')}</w:tr>" for i in range(n))
    grid = "<w:tblGrid>" + '<w:gridCol w:w="2000"/>' * 3 + "</w:tblGrid>"
    return "table.docx", _docx_with_body(f"<w:tbl>{grid}{rows}</w:tbl>")


def docx_merged_down(n: int) -> tuple[str, bytes]:
    """A .docx table of n rows whose first column is one label merged down over all of them."""
    rows = "".join(f"<w:tr>{_tc('取組内容' if i == 0 else '', 'restart' if i == 0 else 'continue')}"
                   f"{_tc(str(i))}{_tc(SENTENCE[:10])}</w:tr>" for i in range(n))
    grid = "<w:tblGrid>" + '<w:gridCol w:w="2000"/>' * 3 + "</w:tblGrid>"
    return "merged.docx", _docx_with_body(f"<w:tbl>{grid}{rows}</w:tbl>")


def xlsx_rows(n: int) -> tuple[str, bytes]:
    """A workbook of one sheet, n rows of 3 columns."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("報告")
    for i in range(n):
        ws.append([f"取組{i}", SENTENCE[:10], i])
    buf = io.BytesIO()
    wb.save(buf)
    return "rows.xlsx", buf.getvalue()


CASES = {
    "txt_one_line": (txt_one_line, [1_250_000, 2_500_000, 5_000_000]),
    "txt_spaces": (txt_spaces, [25_000, 50_000, 100_000]),
    "txt_lines": (txt_lines, [25_000, 50_000, 100_000]),
    "csv_one_column": (csv_one_column, [25_000, 50_000, 100_000]),
    "html_nested_divs": (html_nested_divs, [12_500, 25_000, 50_000]),
    "html_wide_table": (html_wide_table, [2_500, 5_000, 10_000]),
    "html_long_table": (html_long_table, [2_500, 5_000, 10_000]),
    "pdf_tiny_texts": (pdf_tiny_texts, [2_500, 5_000, 10_000]),
    "docx_paragraphs": (docx_paragraphs, [5_000, 10_000, 20_000]),
    "docx_table_rows": (docx_table_rows, [2_500, 5_000, 10_000]),
    "docx_merged_down": (docx_merged_down, [500, 1_000, 2_000]),
    "xlsx_rows": (xlsx_rows, [25_000, 50_000, 100_000]),
}


def run_one(case: str, n: int) -> dict:
    """Build the file, then load and parse it as a reindex does (`indexer.corpus.parse_parts`
    without the sidecar: the ward parts, else the whole text); timings in seconds."""
    from indexer import wardparts
    from indexer.load import load_bytes
    from indexer.load.common import LoadError
    from indexer.parse import parse_text

    name, data = CASES[case][0](n)
    t0 = time.perf_counter()
    try:
        loaded = load_bytes(data, name)
    except LoadError as exc:
        return {"case": case, "n": n, "bytes": len(data), "refused": exc.reason,
                "load_s": round(time.perf_counter() - t0, 3)}
    t1 = time.perf_counter()
    parts = wardparts.split(loaded, name)
    if parts is None:
        passages = len(parse_text(loaded.text, name, loaded.sha256[:16], loaded.encoding,
                                  context=loaded.context).passages)
    else:
        passages = sum(len(p.parsed.passages) for p in parts)
    t2 = time.perf_counter()
    return {"case": case, "n": n, "bytes": len(data), "load_s": round(t1 - t0, 3),
            "parse_s": round(t2 - t1, 3), "total_s": round(t2 - t0, 3), "chars": len(loaded.text),
            "passages": passages, "warnings": list(loaded.warnings)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--limit", type=float, default=120.0, help="seconds allowed to one (case, n)")
    ap.add_argument("--json", type=Path, help="write the rows here too")
    ap.add_argument("--one", nargs=2, metavar=("CASE", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1])), ensure_ascii=False))
        return 0
    rows = []
    for case in args.cases.split(","):
        for n in CASES[case][1]:
            try:
                out = subprocess.run([sys.executable, "-m", "benchmarks.hostile_inputs", "--one", case, str(n)],
                                     capture_output=True, text=True, timeout=args.limit)
                row = json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else {
                    "case": case, "n": n, "error": (out.stderr.strip().splitlines() or ["?"])[-1][:300]}
            except subprocess.TimeoutExpired:
                row = {"case": case, "n": n, "timeout_s": args.limit}
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
            if "timeout_s" in row:
                break  # a larger size would only time out too
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
