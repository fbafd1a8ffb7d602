"""Save reports in the Office 97–2003 formats (.doc, .xls) and RTF, as the
archives hold them: test fixtures and benchmark layouts, made from the .docx
/ .xlsx renderings of `benchmarks.format_variants` by LibreOffice headless.

    python -m kyoten_build.legacy_office [OUT_DIR]     # the committed test fixtures

A build tool (it needs Debian's libreoffice-writer-nogui and
libreoffice-calc-nogui; the password-protected fixtures also python3-uno),
not part of the product: the product reads these formats in `indexer.load`.

Word never leaves two tables touching, nor a table as the last thing of a
document (a paragraph mark always follows; Word joins adjacent tables into
one). python-docx writes both, and LibreOffice's .doc export of such a file
joins the tables or drops the last one, so `word_shaped` first adds the
empty paragraphs Word would have.
"""

from __future__ import annotations

import argparse
import copy
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILTERS = {
    ".doc": "doc:MS Word 97",
    ".rtf": "rtf:Rich Text Format",
    ".xls": "xls:MS Excel 97",
    # not legacy, but made the same way: OpenDocument, and a file printed to PDF
    ".odt": "odt",
    ".ods": "ods",
    ".pdf": "pdf",
}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def word_shaped(docx_bytes: bytes) -> bytes:
    """The .docx with an empty paragraph between touching tables and after a
    final table, as Word itself lays out a document."""
    import docx

    document = docx.Document(io.BytesIO(docx_bytes))
    body = document.element.body
    empty = document.add_paragraph("")._p  # appended before sectPr: also ends a final table
    children = list(body.iterchildren())
    for first, second in zip(children, children[1:]):
        if first.tag == second.tag == f"{_W}tbl":
            first.addnext(copy.deepcopy(empty))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def convert(files: dict[str, bytes], target: str, timeout: float = 600) -> dict[str, bytes]:
    """{name: bytes} (.docx or .xlsx names) converted to `target` (".doc",
    ".rtf", ".xls") in one LibreOffice run; {name with the new suffix: bytes}."""
    with tempfile.TemporaryDirectory(prefix="kyoten-legacy-") as tmp:
        work = Path(tmp)
        src = work / "src"
        src.mkdir()
        for name, data in files.items():
            if name.endswith(".docx") and target in (".doc", ".rtf"):
                data = word_shaped(data)
            (src / name).write_bytes(data)
        out = work / "out"
        subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                        "--norestore", "--convert-to", FILTERS[target], "--outdir", str(out),
                        *sorted(str(p) for p in src.iterdir())],
                       check=True, capture_output=True, timeout=timeout, cwd=work)
        result = {}
        for name in files:
            made = out / (Path(name).stem + target)
            if not made.is_file():
                raise RuntimeError(f"LibreOffice did not convert {name} to {target}")
            result[made.name] = made.read_bytes()
        return result


# --- password-protected files (LibreOffice through python3-uno) ----------------------

_UNO_SCRIPT = r"""
import sys, time, uno
from com.sun.star.beans import PropertyValue

def pv(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

pipe, source, target, filter_name, password = sys.argv[1:6]
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(300):
    try:
        ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(0.1)
else:
    sys.exit("LibreOffice did not start")
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (pv("Hidden", True),))
doc.storeToURL(uno.systemPathToFileUrl(target), (pv("FilterName", filter_name), pv("Password", password)))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
"""


def save_with_password(data: bytes, source_suffix: str, target: str, password: str) -> bytes:
    """A document saved in `target` format (".doc" or ".xls") protected by
    `password` (Office's RC4 encryption of the 97–2003 formats)."""
    filter_name = FILTERS[target].split(":", 1)[1]
    with tempfile.TemporaryDirectory(prefix="kyoten-legacy-") as tmp:
        work = Path(tmp)
        source = work / f"source{source_suffix}"
        source.write_bytes(word_shaped(data) if source_suffix == ".docx" else data)
        out = work / f"protected{target}"
        pipe = f"kyoten-legacy-{time.monotonic_ns()}"
        office = subprocess.Popen(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                                   "--headless", "--norestore", f"--accept=pipe,name={pipe};urp;"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            subprocess.run(["/usr/bin/python3", "-c", _UNO_SCRIPT, pipe, str(source), str(out),
                            filter_name, password], check=True, timeout=120)
        finally:
            try:
                office.wait(timeout=20)
            except subprocess.TimeoutExpired:
                office.kill()
                office.wait()
        return out.read_bytes()


# --- the committed test fixtures -----------------------------------------------------

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "data" / "legacy"
# seed stem -> the layouts saved in the old formats (what tests/test_load_legacy.py reads)
FIXTURE_SEEDS = {
    "000_8f4773b09691ae88": ("docx", "xlsx_year_sheets"),     # 泉区, one year's goals and the next
    "004_edbefdd13c451103": ("docx_goal_rows", "xlsx_year_sheets"),  # 港北区, several years
}
PASSWORD = "kyoten"


def make_fixtures(out: Path) -> list[Path]:
    sys.path.insert(0, str(REPO))
    from benchmarks.format_variants import RENDERERS

    out.mkdir(parents=True, exist_ok=True)
    written = []
    word: dict[str, bytes] = {}
    excel: dict[str, bytes] = {}
    for stem, layouts in FIXTURE_SEEDS.items():
        text = (REPO / "corpus" / f"{stem}.txt").read_text(encoding="utf-8")
        for layout in layouts:
            render, suffix = RENDERERS[layout]
            (word if suffix == ".docx" else excel)[f"{stem}.{layout}{suffix}"] = render(text)
    made = {**convert(word, ".doc"), **convert(word, ".rtf"), **convert(excel, ".xls")}
    first_word = next(iter(word.items()))
    first_excel = next(iter(excel.items()))
    made["password.doc"] = save_with_password(first_word[1], ".docx", ".doc", PASSWORD)
    made["password.xls"] = save_with_password(first_excel[1], ".xlsx", ".xls", PASSWORD)
    for name, data in sorted(made.items()):
        (out / name).write_bytes(data)
        written.append(out / name)
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", default=str(FIXTURES))
    args = ap.parse_args(argv)
    for path in make_fixtures(Path(args.out)):
        print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
