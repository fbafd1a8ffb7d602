"""HTTP fuzzer for every route of the web app (pages, JSON API, admin, glossary admin).

It throws hostile input at a running server over real HTTP and reports every answer
that breaks the app's contract (README, docs/openapi.yaml):

- a 5xx status (user input must never cause a server error; 503 only when the index
  is missing, which the fuzzer's server never is), a connection reset or a request
  that does not answer within the timeout (a hang);
- an error that is not in Japanese, or a JSON route (/api/…, /healthz) answering
  anything but JSON, or a page showing a Python traceback;
- (with --log) a "Traceback" in the server's log.

The cases (`parameter_cases`, `admin_cases`, `upload_cases`) are plain data: method,
raw URL (percent-escapes kept as written, so invalid UTF-8 and NUL reach the server),
headers, body and the statuses the contract allows. `tests/test_http_fuzz.py` runs them
against a server it starts on loopback; run standalone against a server of your own::

    KYOTEN_CORPUS=/tmp/x-corpus KYOTEN_INDEX=/tmp/x-idx KYOTEN_ADMIN_TOKEN=t \\
        KYOTEN_GLOSSARY=/tmp/x-glossary.txt kyoten serve --port 8765 &
    python -m benchmarks.http_fuzz http://127.0.0.1:8765 --token t --log server.log

Uploads go to the server's corpus: never point it at a server of the repository's
corpus/.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import re
import sys
import time
import urllib.parse
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT = 60.0
JSON_PREFIXES = ("/api/", "/healthz")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def in_japanese(message: str) -> bool:
    """Whether an error message is written in Japanese (kana, kanji or full-width forms)."""
    return bool(_JAPANESE.search(message))


@dataclass
class Case:
    name: str
    method: str
    url: str                      # path + raw query, sent as written
    headers: dict = field(default_factory=dict)
    body: bytes | None = None
    allowed: tuple[int, ...] = (200, 400)
    japanese_error: bool = True   # a 4xx must explain itself in Japanese


@dataclass
class Finding:
    case: str
    url: str
    problem: str

    def __str__(self) -> str:
        return f"{self.case}: {self.problem} ({self.url[:160]})"


# --------------------------------------------------------------------------- hostile values

LONG = "多胎児" * 400                      # 1,200 characters: over the 1,000-character cap
VERY_LONG = "あ" * 20_000                  # 60 KB of UTF-8, percent-escaped ~180 KB
CONTROL = "".join(chr(c) for c in range(0, 32)) + "\x7f"
_KANJI = "子育支援親父母地域交流講座相談妊娠期多胎児保育園広場情報提供連携課題成果目標取組内容評価"
# a 1,000-character paste of 333 distinct two-kanji words: every word its own term, synonym
# look-up, "not in the reports" check and proximity pair
MANY_WORDS = " ".join(a + b for a in _KANJI for b in _KANJI if a != b)[:1000].strip()
DOMAIN_PASTE = ("多胎児の家庭への支援として双子の親の交流会を開き、妊娠期から父親の育児参加を促す講座を行った。"
                * 30)[:1000]
WEIRD_STRINGS = [
    "", " ", "　", "%00", "a%00b", "%01%02%1b%7f", "%0d%0aSet-Cookie:%20x=1",
    "%ED%A0%80", "%ED%B0%80", "%FF%FE", "%C0%AF", "%E3%81", "%",
    "%%", "%zz", "%u3042", "\\u0000", "%F4%90%80%80", "%EF%BF%BF", "%EF%BB%BF",
    urllib.parse.quote("\u202e" + "txt.exe"), urllib.parse.quote("<script>alert(1)</script>"),
    urllib.parse.quote("' OR 1=1 --"), urllib.parse.quote('"双子"'), urllib.parse.quote("-西区"),
    urllib.parse.quote("（）「」＊？！"), urllib.parse.quote("*"), urllib.parse.quote("…"),
    urllib.parse.quote("ｶﾞ"), urllib.parse.quote("か\u3099"), urllib.parse.quote("🙂👨‍👩‍👧"),
    urllib.parse.quote(CONTROL), urllib.parse.quote(LONG), urllib.parse.quote(VERY_LONG),
    urllib.parse.quote("多胎児 " * 300), urllib.parse.quote("\u3000" * 2000),
    urllib.parse.quote(MANY_WORDS), urllib.parse.quote(DOMAIN_PASTE), urllib.parse.quote("-" * 1000),
    urllib.parse.quote('"' * 999), urllib.parse.quote(" ".join(["-西区"] * 250)),
]
INTEGERS = ["0", "-1", "1", "５", "１０", "１００", "٥", "+5", " 7 ", "1e3", "0x10", "1.5", "NaN", "inf",
            "99999999999999999999999999", "-99999999999999999999", "10001", "10000", "101", "abc",
            "%00", "%ED%A0%80", "1%002", "２" * 50, "9" * 5000]
WARDS = ["鶴見", "鶴見区", "ﾂﾙﾐ", "つるみ", "tsurumi", "Tsurumi-ku", "区不明", "保土ｹ谷", "保土ヶ谷区", "保土ケ谷",
         "ほどがや", "港北区 西区", "西区,中区", "大阪市鶴見区", "横浜市西区", "区", "西 区", "ｎｉｓｈｉ", "不明",
         "千代田区", "*", "%00", "%ED%A0%80", "西区%00", urllib.parse.quote("西" * 200)]
YEARS = ["R0-R5", "令和99年度〜令和5年度", "2023", "２０２３", "2023年度", "令和5年度", "令和５年度", "R5", "r5", "Ｒ５", "R.5", "令5", "令和元年度",
         "令和元", "平成31年度", "H31", "h31", "平成32年度", "令和0年度", "令和99年度", "R0", "R99", "昭和64年度",
         "明治1年", "1900", "1989", "2099", "2100", "9999", "0", "-1", "2021-2023", "2023-2021", "2021〜2023",
         "R3-R5", "令和3年度～令和5年度", "2021--2023", "-2023", "2023-", "--", "2021-2023-2025",
         "20231", "99999999999999999999", "昨年度", "今年度", "来年度", "%00", "%ED%A0%80", "2023%00"]
SECTIONS = ["目標", "取組内容", "成果", "課題", "評価", "取組の成果", "foo", "目標,課題", "%00", "本文", "other"]
DOC_TYPES = ["単年度評価", "5か年のまとめ", "５か年のまとめ", "unknown", "yearly", "foo", "%ED%A0%80"]
MODES = ["hybrid", "bm25", "semantic", "keyword", "HYBRID", " bm25 ", "Semantic", "fuzzy", "%00", "%ED%A0%80", ""]


def _q(params: list[tuple[str, str]]) -> str:
    """A raw query string: values already escaped as written above are kept."""
    return "&".join(f"{k}={v}" for k, v in params)


def _pct(value: str) -> str:
    """Percent-escape the characters http.client refuses in a URL, keep escapes as written."""
    return "".join(ch if 0x21 <= ord(ch) < 0x7f else urllib.parse.quote(ch, safe="") for ch in value)


# --------------------------------------------------------------------------- the cases

SEARCH_ROUTES = ("/api/search", "/", "/export.csv")


def parameter_cases(passage_id: str | None = None, doc_id: str | None = None) -> list[Case]:
    """Every read-only route with hostile parameters and identifiers."""
    cases: list[Case] = []
    per_param = {
        "q": WEIRD_STRINGS, "k": INTEGERS, "offset": INTEGERS, "mode": MODES, "ward": WARDS,
        "year": YEARS, "section": SECTIONS, "programme": INTEGERS[:12] + ["8", "事業3", "3"],
        "doc_type": DOC_TYPES, "result_ward": WARDS[:10], "result_year": YEARS[:20] + ["abc"],
        "result_section": SECTIONS, "result_programme": ["1", "7", "8", "0", "-1", "abc", "３", "%00", "9" * 40],
        "result_doc_type": DOC_TYPES, "view": ["list", "wards", "grid", "%00"],
        "year_from": YEARS, "year_to": YEARS,
    }
    for route in SEARCH_ROUTES:
        for name, values in per_param.items():
            if route == "/api/search" and name in ("view", "year_from", "year_to"):
                continue
            for value in values:
                params = [("q", "多胎児"), (name, _pct(value))] if name != "q" else [("q", _pct(value))]
                cases.append(Case(f"{route} {name}", "GET", f"{route}?{_q(params)}"))
        # repeated parameters, no query at all, filters without a query
        cases += [
            Case(f"{route} repeated", "GET", f"{route}?q=双子&q=多胎児&k=5&k=abc&ward=西区&ward=中区"),
            Case(f"{route} empty", "GET", route),
            Case(f"{route} only filters", "GET", f"{route}?ward=西区&year=R5&section=課題"),
            Case(f"{route} empty names", "GET", f"{route}?=&&&q&k&=1"),
            Case(f"{route} everything", "GET", route + "?" + _q([
                ("q", "R5 西区の課題 双子"), ("k", "100"), ("offset", "9999"), ("mode", "semantic"),
                ("ward", "西"), ("year", "令和元年度"), ("section", "課題"), ("programme", "３"),
                ("doc_type", "単年度評価"), ("result_ward", "西区"), ("result_year", "2019"),
                ("result_section", "課題"), ("result_programme", "3"), ("result_doc_type", "単年度評価")])),
            Case(f"{route} long query string", "GET", f"{route}?q=" + "a" * 60_000, allowed=(200, 400, 414, 431)),
            Case(f"{route} bare percent", "GET", f"{route}?q=%&k=%2"),
            Case(f"{route} year range", "GET", f"{route}?q=多胎児&year_from=令和5年度&year_to=R3"),
        ]
    ids = ["x", "%00", "%ED%A0%80", "..%2F..%2Fetc%2Fpasswd", "a" * 5000, urllib.parse.quote("西区" * 300),
           "%2e%2e", "-1", "0", "🙂", urllib.parse.quote("<script>")]
    if passage_id:
        ids.append(passage_id)
    for value in ids:
        for route in ("/api/passages/{}", "/api/passages/{}/similar", "/api/documents/{}", "/documents/{}",
                      "/passages/{}", "/passages/{}/similar"):
            url = route.format(value)
            cases.append(Case(f"{route} id", "GET", url, allowed=(200, 302, 404)))
    for route in ("/api/passages/{}/similar",):
        for k in INTEGERS:
            cases.append(Case("similar k", "GET", route.format(passage_id or "x") + f"?k={_pct(k)}",
                              allowed=(200, 400, 404)))
    cases += [
        Case("facets", "GET", "/api/facets?x=%00"),
        Case("healthz", "GET", "/healthz?%ED%A0%80"),
        Case("status", "GET", "/status", allowed=(200, 404)),
        Case("static traversal", "GET", "/static/..%2f..%2fconfig.py", allowed=(404,)),
        Case("static nul", "GET", "/static/style.css%00", allowed=(404,)),
        Case("unknown route", "GET", "/nothing/here", allowed=(404,)),
        Case("unknown api route", "GET", "/api/nothing", allowed=(404,)),
        Case("post to search", "POST", "/api/search", body=b"q=x",
             headers={"Content-Type": "application/x-www-form-urlencoded"}, allowed=(405,)),
        Case("put page", "PUT", "/", allowed=(405,)),
        Case("delete api", "DELETE", "/api/facets", allowed=(405,)),
        Case("head search", "HEAD", "/api/search?q=双子", allowed=(200,), japanese_error=False),
        Case("options search", "OPTIONS", "/api/search", allowed=(200,), japanese_error=False),
    ]
    return cases


def admin_cases(doc_id: str | None, job_id: str | None = None) -> list[Case]:
    """Admin routes without a token, with a wrong one, without / with a stale CSRF token,
    bad JSON and wrong content types. (The wrong-token limit makes later ones 429.)"""
    doc = doc_id or "unknown"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    cases = [
        Case("admin page", "GET", "/admin/", allowed=(200,)),
        Case("glossary page", "GET", "/admin/glossary", allowed=(200,)),
        Case("job page without login", "GET", f"/admin/jobs/{job_id or 'x'}", allowed=(401,)),
        Case("job page bad id", "GET", "/admin/jobs/%00", allowed=(401,)),
        Case("upload page no csrf", "POST", "/admin/upload", form, b"admin_token=x", allowed=(400,)),
        Case("upload page stale csrf", "POST", "/admin/upload", form, b"csrf_token=stale&admin_token=x",
             allowed=(400,)),
        Case("upload page not multipart", "POST", "/admin/upload", {"Content-Type": "text/plain"},
             b"\xff\xfe\x00", allowed=(400,)),
        Case("login no csrf", "POST", "/admin/login", form, b"admin_token=x", allowed=(400,)),
        Case("login stale csrf next", "POST", "/admin/login", form,
             b"csrf_token=stale&admin_token=x&next=//evil.example", allowed=(400,)),
        Case("logout no csrf", "POST", "/admin/logout", form, b"", allowed=(303,), japanese_error=False),
        Case("glossary save no csrf", "POST", "/admin/glossary", form, b"glossary=a+b", allowed=(400,)),
        Case("glossary restore no csrf", "POST", "/admin/glossary/restore", form, b"version=../../x",
             allowed=(400,)),
        Case("metadata page no login", "POST", f"/admin/documents/{doc}/metadata", form, "ward=西区".encode(),
             allowed=(401,)),
        Case("api upload no token", "POST", "/api/admin/upload", {}, None, allowed=(401,)),
        Case("api jobs no token", "GET", "/api/admin/jobs", allowed=(401,)),
        Case("api job no token", "GET", "/api/admin/jobs/x", allowed=(401,)),
        Case("api metadata no token", "POST", f"/api/admin/documents/{doc}/metadata",
             {"Content-Type": "application/json"}, b"{", allowed=(401,)),
        Case("api upload empty bearer", "POST", "/api/admin/upload", {"Authorization": "Bearer "}, None,
             allowed=(401,)),
        Case("api upload basic auth", "POST", "/api/admin/upload", {"Authorization": "Basic eDp5"}, None,
             allowed=(401,)),
        Case("api get upload", "GET", "/api/admin/upload", allowed=(405,)),
    ]
    for i, token in enumerate(["wrong", "%00", "\u00e9", "a" * 5000, "wrong2"]):
        hdr = {"Authorization": "Bearer " + token.encode("utf-8").decode("latin-1")}
        cases.append(Case(f"api wrong token {i}", "GET", "/api/admin/jobs", hdr, allowed=(401, 429)))
        cases.append(Case(f"api wrong x-admin-token {i}", "POST", "/api/admin/upload",
                          {"X-Admin-Token": token.encode("utf-8").decode("latin-1")}, b"", allowed=(401, 429)))
    return cases


def authorised_cases(token: str, doc_id: str | None) -> list[Case]:
    """The token-checked routes with the right token but hostile bodies."""
    auth = {"Authorization": f"Bearer {token}"}
    doc = doc_id or "unknown"
    meta = f"/api/admin/documents/{doc}/metadata"
    cases = [
        Case("api jobs", "GET", "/api/admin/jobs", auth, allowed=(200,)),
        Case("api job unknown", "GET", "/api/admin/jobs/%00", auth, allowed=(404,)),
        Case("api upload no body", "POST", "/api/admin/upload", auth, None, allowed=(400,)),
        Case("api upload json", "POST", "/api/admin/upload", {**auth, "Content-Type": "application/json"},
             b'{"files": []}', allowed=(400,)),
        Case("api upload bad multipart", "POST", "/api/admin/upload",
             {**auth, "Content-Type": "multipart/form-data; boundary=zz"}, b"--zz\r\nnonsense", allowed=(400,)),
        Case("api upload no boundary", "POST", "/api/admin/upload",
             {**auth, "Content-Type": "multipart/form-data"}, b"--zz\r\n", allowed=(400,)),
        Case("api upload newline in a file name", "POST", "/api/admin/upload",
             {**auth, "Content-Type": _NEWLINE_BATCH[1]}, _NEWLINE_BATCH[0], allowed=(200, 202)),
        Case("api upload a file name not in UTF-8", "POST", "/api/admin/upload",
             {**auth, "Content-Type": _LATIN_BATCH[1]}, _LATIN_BATCH[0], allowed=(400,)),
        Case("metadata bad json", "POST", meta, {**auth, "Content-Type": "application/json"}, b"{ward:",
             allowed=(400, 404)),
        Case("metadata json list", "POST", meta, {**auth, "Content-Type": "application/json"}, b"[1,2]",
             allowed=(400, 404)),
        Case("metadata json types", "POST", meta, {**auth, "Content-Type": "application/json"},
             json.dumps({"ward": ["西区"], "year": {"a": 1}, "year_to": 2023.5, "doc_type": None}).encode(),
             allowed=(400, 404)),
        Case("metadata bad ward", "POST", meta, {**auth, "Content-Type": "application/json"},
             json.dumps({"ward": "千代田区"}).encode(), allowed=(400, 404)),
        Case("metadata bad year", "POST", meta, {**auth, "Content-Type": "application/json"},
             json.dumps({"year": "令和99年度"}).encode(), allowed=(400, 404)),
        Case("metadata nul", "POST", meta, {**auth, "Content-Type": "application/x-www-form-urlencoded"},
             b"ward=%00&year=%ED%A0%80", allowed=(400, 404)),
        Case("metadata xml", "POST", meta, {**auth, "Content-Type": "application/xml"}, b"<a/>",
             allowed=(415, 404)),
        Case("metadata unknown doc", "POST", "/api/admin/documents/%00/metadata", auth, b"", allowed=(404,)),
    ]
    return cases


# --------------------------------------------------------------------------- uploads

def multipart(parts: list[tuple[str, str | bytes, bytes, str]], boundary: str | None = None) -> tuple[bytes, str]:
    """A multipart body of (field, filename (str or raw bytes; "" = a plain field), data, content type)."""
    boundary = boundary or "fuzz-" + uuid.uuid4().hex
    out = []
    for fieldname, filename, data, ctype in parts:
        if filename == "" and ctype == "":
            head = f'Content-Disposition: form-data; name="{fieldname}"\r\n\r\n'.encode()
        else:
            raw = filename if isinstance(filename, bytes) else filename.encode("utf-8")
            head = (f'Content-Disposition: form-data; name="{fieldname}"; filename="'.encode() + raw
                    + f'"\r\nContent-Type: {ctype or "application/octet-stream"}\r\n\r\n'.encode())
        out.append(f"--{boundary}\r\n".encode() + head + data + b"\r\n")
    return b"".join(out) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def report_text(phrase: str, ward: str = "西区") -> bytes:
    return (f"{ward}地域子育て支援拠点 令和6年度の取組\n\n毎月{phrase}を開き、親子が一緒に楽しみました。\n"
            f"{phrase}には延べ50組の親子が参加しました。\n").encode("utf-8")


def zip_bomb(inner: str, size: int = 80 * 1024 * 1024) -> bytes:
    """A .docx/.xlsx-shaped zip whose one member inflates to `size` bytes of zeros."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open(inner, "w") as fh:
            chunk = b"\x00" * (1 << 20)
            for _ in range(size >> 20):
                fh.write(chunk)
    return buf.getvalue()


def corrupt_zip() -> bytes:
    return b"PK\x03\x04" + bytes(range(256)) * 8


_NEWLINE_BATCH = multipart([("files", "good.txt", report_text("かいぎょうめい"), "text/plain"),
                            ("files", "line\nbreak.txt", report_text("かいぎょうめい2"), "text/plain")])
_LATIN_BATCH = multipart([("files", "good.txt", report_text("らてんめい"), "text/plain"),
                          ("files", "報告".encode("cp932") + b".txt", report_text("らてんめい2"), "text/plain")])


def hostile_files(tag: str, max_bytes: int) -> list[tuple[str | bytes, bytes, str]]:
    """(filename, data, what must happen: 'saved' | 'rejected' | 'any') for one upload batch each.
    Each good file's text holds a phrase of its own (tag + index) so it can be searched."""
    good = lambda i: report_text(f"{tag}ふぁずさんぷる{i}ごう")   # noqa: E731
    return [
        ("", good(0), "none"),                                     # no file chosen
        ("empty.txt", b"", "rejected"),
        ("blank.txt", b" \n\t\r\n" * 10, "rejected"),
        ("big.txt", b"a" * (max_bytes + 1), "rejected"),
        ("../../../etc/passwd.txt", good(1), "saved"),
        ("..\\..\\windows\\win.ini.txt", good(2), "saved"),
        ("/absolute/path/報告.txt", good(3), "saved"),
        ("報" * 300 + ".txt", good(4), "saved"),
        ("a" * 1000 + ".txt", good(5), "saved"),
        ("報告が.txt", good(6), "saved"),                           # NFC
        ("報告か\u3099.txt", good(7), "saved"),                      # NFD: the same name once normalised
        ("report.exe", good(8), "rejected"),
        ("report.txt.exe", good(9), "rejected"),
        ("noextension", good(10), "rejected"),
        (".txt", good(11), "saved"),
        ("....txt", good(12), "saved"),
        ("CON.txt", good(13), "saved"),
        ("報告．ＴＸＴ", good(14), "saved"),
        ("\u202etxt.exe", good(15), "rejected"),
        ("nul\x00byte.txt", good(16), "saved"),
        ("tab\tand.txt", good(17), "saved"),
        ('quote".txt', good(18), "any"),                         # read as `quote`: no extension
        ("corrupt.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 4, "any"),
        ("notpdf.pdf", b"hello world", "rejected"),
        ("corrupt.docx", corrupt_zip(), "any"),
        ("corrupt.xlsx", corrupt_zip(), "any"),
        ("text.docx", good(20), "rejected"),
        ("bomb.docx", zip_bomb("word/document.xml"), "any"),
        ("bomb.xlsx", zip_bomb("xl/worksheets/sheet1.xml"), "any"),
        ("png.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "rejected"),
        ("exe.txt", b"MZ\x90\x00" + b"\x00" * 64, "rejected"),
        ("ole.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "rejected"),
        ("garbage.doc", bytes(range(256)) * 4, "rejected"),
        ("garbage.rtf", b"not rtf", "rejected"),
        ("~$lock.docx", b"\x05lock" + b"\x00" * 100, "rejected"),
        ("binary.txt", bytes(range(1, 256)) * 40, "any"),
        ("utf16.txt", "\ufeff西区の報告　ひろば".encode("utf-16-le"), "any"),
        # last: the parser cannot read this part's header, so the app names it after the others
        ("line\nbreak.txt", good(21), "unnamed"),
    ]


# --------------------------------------------------------------------------- running

def send(base: str, case: Case, timeout: float = TIMEOUT) -> tuple[int | None, dict, bytes, str | None]:
    """(status, headers, body, error): error is set for a hang or a broken connection."""
    parsed = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    try:
        conn.request(case.method, _pct(case.url), body=case.body, headers=case.headers)
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body, None
    except TimeoutError:
        return None, {}, b"", f"no answer within {timeout:g} s"
    except (OSError, http.client.HTTPException) as exc:
        return None, {}, b"", f"{type(exc).__name__}: {exc}"
    finally:
        conn.close()


def check(case: Case, status: int | None, headers: dict, body: bytes, error: str | None) -> list[str]:
    """What is wrong with one answer (empty: nothing)."""
    if error:
        return [error]
    problems = []
    if status >= 500:
        problems.append(f"status {status}")
    elif status not in case.allowed:
        problems.append(f"status {status}, expected one of {case.allowed}")
    text = body.decode("utf-8", errors="replace")
    path = case.url.split("?", 1)[0]
    ctype = headers.get("content-type", "")
    if case.method not in ("HEAD", "OPTIONS") and path.startswith(JSON_PREFIXES) and status not in (204, 301, 302, 303, 304):
        if "json" not in ctype:
            problems.append(f"JSON route answered {ctype or 'no content type'}")
        else:
            try:
                data = json.loads(text)
            except ValueError:
                problems.append("JSON route answered invalid JSON")
            else:
                if status >= 400 and case.japanese_error and not in_japanese(str(data.get("error", ""))):
                    problems.append(f"error not in Japanese: {str(data)[:120]}")
    elif status and status >= 400 and case.japanese_error and case.method != "HEAD" and not in_japanese(text):
        problems.append("error page not in Japanese")
    if "Traceback (most recent call last)" in text:
        problems.append("traceback in the answer")
    return problems


def run_cases(base: str, cases: list[Case], timeout: float = TIMEOUT) -> tuple[int, list[Finding]]:
    findings = []
    for case in cases:
        status, headers, body, error = send(base, case, timeout)
        for problem in check(case, status, headers, body, error):
            findings.append(Finding(case.name, case.url, problem))
    return len(cases), findings


def log_tracebacks(log_path: Path, start: int = 0) -> list[str]:
    """The first line after each traceback in the server log, from byte `start` on."""
    try:
        text = log_path.read_bytes()[start:].decode("utf-8", errors="replace")
    except OSError:
        return []
    out = []
    for m in re.finditer(r"Traceback \(most recent call last\):\n(?:.*\n)*?(\S.*)", text):
        out.append(m.group(1)[:200])
    return out


def first_ids(base: str) -> tuple[str | None, str | None]:
    """A passage id and a document id of the server's index (for the id routes)."""
    status, _h, body, _e = send(base, Case("probe", "GET", "/api/search?q=" + urllib.parse.quote("支援") + "&k=1&mode=bm25"))
    if status != 200:
        return None, None
    results = json.loads(body).get("results") or []
    if not results:
        return None, None
    return results[0]["passage_id"], results[0]["doc_id"]


def _check_batch(base: str, token: str, files: list, answer: dict, timeout: float) -> list[Finding]:
    """Every file of a batch has a result, each refusal a reason; the job ends and
    names every file (nothing dropped silently)."""
    out = []
    results = answer.get("files") or []
    if len(results) != len(files):
        out.append(Finding("upload batch", "-", f"{len(files)} files sent, {len(results)} results"))
    for r in results:
        if r["status"] == "rejected" and not r.get("reason"):
            out.append(Finding("upload batch", r["file"], "refused without a reason"))
    print("  request: " + ", ".join(f"{k} {sum(r['status'] == k for r in results)}"
                                    for k in ("saved", "duplicate", "rejected")))
    job = answer.get("job")
    if not job:
        return out
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        status, _h, body, error = send(base, Case("job", "GET", f"/api/admin/jobs/{job['id']}",
                                                  {"Authorization": f"Bearer {token}"}), timeout)
        job = json.loads(body) if status == 200 else job
        if job.get("state") in ("done", "failed"):
            break
        time.sleep(1)
    else:
        out.append(Finding("upload job", job["id"], "not finished after 600 s"))
        return out
    entries = job.get("files") or []
    print(f"  job {job['state']}: " + ", ".join(f"{k} {sum(e['status'] == k for e in entries)}"
                                                for k in ("indexed", "rejected", "duplicate", "failed")))
    if job["state"] != "done":
        out.append(Finding("upload job", job["id"], f"job {job['state']}: {job.get('error')}"))
    if len(entries) != len(files):
        out.append(Finding("upload job", job["id"], f"{len(files)} files sent, {len(entries)} in the job"))
    for e in entries:
        if e["status"] in ("rejected", "failed") and not e.get("reason"):
            out.append(Finding("upload job", e["file"], "left out without a reason"))
        if e["status"] == "pending":
            out.append(Finding("upload job", e["file"], "still pending after the job ended"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("base", help="the server, e.g. http://127.0.0.1:8765")
    ap.add_argument("--token", help="the server's admin token (authorised cases and uploads)")
    ap.add_argument("--log", type=Path, help="the server's log, searched for tracebacks")
    ap.add_argument("--timeout", type=float, default=TIMEOUT)
    args = ap.parse_args(argv)
    start = args.log.stat().st_size if args.log and args.log.exists() else 0
    passage_id, doc_id = first_ids(args.base)
    groups = {"parameters": parameter_cases(passage_id, doc_id)}
    if args.token:
        groups["authorised"] = authorised_cases(args.token, doc_id)
    total, found = 0, []
    t0 = time.monotonic()
    for name, cases in groups.items():
        n, findings = run_cases(args.base, cases, args.timeout)
        total += n
        found += findings
        print(f"{name}: {n} requests, {len(findings)} findings", flush=True)
    if args.token:   # before the wrong tokens, which make this client wait a minute
        tag = uuid.uuid4().hex[:6]
        files = [(n, d) for n, d, want in hostile_files(tag, 1 << 20) if want != "none"]
        body, ctype = multipart([("files", n, d, "application/octet-stream") for n, d in files])
        status, _h, answer, error = send(args.base, Case("upload", "POST", "/api/admin/upload",
                                                         {"Authorization": f"Bearer {args.token}",
                                                          "Content-Type": ctype}, body), args.timeout)
        total += 1
        print(f"upload batch of {len(files)} hostile files: {status} {error or ''}")
        if status is None or status >= 500:
            found.append(Finding("upload batch", "/api/admin/upload", error or f"status {status}"))
        else:
            found += _check_batch(args.base, args.token, files, json.loads(answer), args.timeout)
    n, findings = run_cases(args.base, admin_cases(doc_id), args.timeout)
    total += n
    found += findings
    print(f"admin: {n} requests, {len(findings)} findings", flush=True)
    if args.log:
        for line in log_tracebacks(args.log, start):
            found.append(Finding("server log", "-", f"traceback: {line}"))
    print(f"{total} requests in {time.monotonic() - t0:.0f} s, {len(found)} findings")
    for f in found:
        print("  " + str(f))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
