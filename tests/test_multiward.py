"""Files holding several wards' reports: a workbook with a sheet per ward, a city-wide
compilation with a section per ward. Each ward's part is a document of its own (its
ward, years, goals, citation); a report that merely names other wards stays whole.

Test files: tests/data/multiward/generate.py (the seed reports relabelled to wards).
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from indexer import sidecar, store
from indexer.corpus import parse_corpus, parse_parts
from indexer.load import load_file
from indexer.parse import parse_text
from indexer.reindex import file_doc_ids, reindex
from search_app.service import SearchService
from search_app.uploads import parts_message

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "corpus"
_spec = importlib.util.spec_from_file_location("multiward_generate", REPO / "tests/data/multiward/generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)
WARDS = [ward for ward, _hub, _seed, _src in generate.SECTIONS]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("multiward")
    generate.build(folder)
    return folder


def parts_of(folder: Path, name: str):
    return parse_parts(folder / name, folder)


def goals(passages) -> list[tuple]:
    return [(p.fiscal_year_from, p.goal_no, p.goal) for p in passages if p.section == "目標"]


def blocks(passages) -> list[tuple]:
    """The evidence blocks of a report: each passage of a goal or programme block."""
    return [(p.section, p.fiscal_year_from, p.goal_no, p.goal, p.programme, p.text) for p in passages if p.unit]


def read_whole(path: Path):
    """A file parsed as one document, as every file was before parts existed."""
    loaded = load_file(path)
    parsed = parse_text(loaded.text, path.name, loaded.sha256[:16], loaded.encoding, context=loaded.context)
    sidecar.apply(parsed.document, parsed.passages, None)
    return parsed


def alone(ward: str) -> list[tuple]:
    """The goals of a ward's report parsed as a file of its own."""
    _w, _hub, seed, src = next(s for s in generate.SECTIONS if s[0] == ward)
    return goals(parse_text(generate.relabelled(seed, src, ward), "x.txt", "x").passages)


def reports(parts):
    return [p for p in parts if any(x.unit for x in p.passages)]


# ----------------------------------------------------------------------------- splitting


@pytest.mark.parametrize("name", ["wards_by_sheet.xlsx", "wards_title_cells.xlsx"])
def test_a_workbook_with_a_sheet_per_ward_gives_each_ward_its_own_goals(files, name, tmp_path):
    parts = parts_of(files, name)
    assert [p.document.ward for p in parts] == WARDS
    for part, (ward, _hub, seed, src) in zip(parts, generate.SECTIONS):
        doc = part.document
        assert doc.part["label"].startswith("シート「") and doc.part["count"] == 3
        assert {p.ward for p in part.passages} == {ward}
        # the same goals as that ward's report saved as a workbook of its own
        own = tmp_path / f"{ward}.xlsx"
        sheet = generate.relabelled(seed, src, ward)
        if name == "wards_title_cells.xlsx":
            sheet = f"{ward}地域子育て支援拠点事業 評価シート\n" + sheet
        own.write_bytes(generate.workbook_bytes([(ward, sheet)]))
        (whole,) = parse_parts(own, tmp_path)
        assert blocks(part.passages) == blocks(whole.passages) and blocks(whole.passages)
        assert all(p.to_dict()["source"]["part"] == doc.part["label"] for p in part.passages)
    assert len({p.document.doc_id for p in parts}) == 3


def test_a_sheet_naming_only_its_hub_is_that_hubs_wards_report(files):
    parts = parts_of(files, "hubs_title_cells.xlsx")
    assert [p.document.ward for p in parts] == WARDS
    assert all(p.document.part["label"] == f"シート「Sheet{i}」" for i, p in enumerate(parts, 1))


def test_a_sheet_stating_no_ward_in_a_split_workbook_is_the_ward_its_text_names(tmp_path):
    sheets = [(ward, generate.relabelled(seed, src, ward)) for ward, _h, seed, src in generate.SECTIONS]
    sheets[2] = ("Sheet3", sheets[2][1])   # 西区's report states no ward of its own, only names it
    (tmp_path / "book.xlsx").write_bytes(generate.workbook_bytes(sheets))
    parts = parse_parts(tmp_path / "book.xlsx", tmp_path)
    assert [p.document.ward for p in parts] == WARDS


def test_a_sheet_named_after_its_ward_is_cited_by_that_name(files):
    labels = [p.document.part["label"] for p in parts_of(files, "wards_by_sheet.xlsx")]
    assert labels == [f"シート「{w}」" for w in WARDS]


def test_a_compiled_report_gives_each_ward_its_own_goals_years_and_lines(files):
    parts = parts_of(files, "zenku_r5_compiled.txt")
    lines = (files / "zenku_r5_compiled.txt").read_text(encoding="utf-8").split("\n")
    assert [p.document.ward for p in reports(parts)] == WARDS
    cover = parts[0].document
    assert cover.ward is None and cover.part["label"].startswith("冒頭")
    for part in reports(parts):
        ward = part.document.ward
        assert goals(part.passages) == alone(ward)   # the same goals as its report alone
        first, last = part.document.part["lines"]
        assert lines[first - 1].startswith(ward)       # the part starts at its ward's heading
        for p in part.passages:
            assert first <= p.line_start <= p.line_end <= last
            # the cited lines hold the passage's words
            assert p.text.split("\n")[0][:8] in "".join(lines[p.line_start - 1:p.line_end])
    assert {p.document.fiscal_year_from for p in reports(parts)} == {2023, 2018}  # 西区's seed is 平成30年度


def test_every_line_of_a_compiled_report_belongs_to_one_part(files):
    parts = parts_of(files, "zenku_r5_compiled.txt")
    spans = [p.document.part["lines"] for p in parts]
    assert spans[0][0] == 1
    assert all(a[1] + 1 == b[0] for a, b in zip(spans, spans[1:]))
    n = len((files / "zenku_r5_compiled.txt").read_text(encoding="utf-8").split("\n"))
    assert spans[-1][1] == n


def test_a_section_stating_no_year_takes_the_year_of_its_compilation(files):
    parts = reports(parts_of(files, "zenku_r5_noyear.txt"))
    assert [p.document.ward for p in parts] == WARDS
    for part in parts:
        assert part.document.fiscal_year_from == 2023
        assert {p.fiscal_year_from for p in part.passages if p.unit} == {2023}


@pytest.mark.parametrize("name", ["zenku_r5_compiled.pdf", "zenku_r5_compiled.docx", "zenku_r5_compiled.html"])
def test_a_compiled_pdf_or_word_file_is_split_like_its_text(files, name):
    parts = reports(parts_of(files, name))
    assert [p.document.ward for p in parts] == WARDS
    text_parts = reports(parts_of(files, "zenku_r5_compiled.txt"))
    for part, text_part in zip(parts, text_parts):
        assert [g[1:] for g in goals(part.passages)] == [g[1:] for g in goals(text_part.passages)]
    if name.endswith(".pdf"):
        pages = [p.document.part["pages"] for p in parts]
        assert all(pages) and pages == sorted(pages)
        assert all(p.page_start is not None for part in parts for p in part.passages)


def test_a_ward_mentioned_in_a_reports_text_does_not_split_it(files):
    path = files / "izumi_names_other_wards.txt"
    (part,) = parts_of(files, path.name)
    whole = parse_text(path.read_text(encoding="utf-8"), path.name, part.document.doc_id)
    assert part.document.part is None and part.document.ward == "泉区"
    assert [p.to_dict() for p in part.passages] == [p.to_dict() for p in whole.passages]


def test_a_citywide_summary_with_a_line_per_ward_stays_one_document(files):
    path = files / "citywide_summary.txt"
    (part,) = parts_of(files, path.name)
    whole = read_whole(path)
    assert part.document.part is None
    assert [p.to_dict() for p in part.passages] == [p.to_dict() for p in whole.passages]


def test_a_wards_workbook_with_a_sheet_per_year_stays_one_document(files):
    path = files / "tsurumi_year_sheets.xlsx"
    (part,) = parts_of(files, path.name)
    whole = read_whole(path)
    assert part.document.part is None and part.document.ward == "鶴見区"
    assert part.document.to_dict() == whole.document.to_dict()
    assert [p.to_dict() for p in part.passages] == [p.to_dict() for p in whole.passages]
    held = " ".join(p.goal or "" for p in part.passages)
    assert "妊娠期からの支援" in held and "安心して子育てができる地域" in held   # both sheets' goals


def test_the_seed_reports_are_read_as_before():
    for path in sorted(SEEDS.glob("*.txt")):
        (part,) = parse_parts(path, SEEDS)
        whole = read_whole(path)
        assert part.document.part is None and "part" not in part.document.to_dict()
        assert part.document.to_dict() == whole.document.to_dict()
        assert [p.to_dict() for p in part.passages] == [p.to_dict() for p in whole.passages]


def test_kyoten_parse_lists_every_wards_part(files):
    parsed = parse_corpus(files)
    by_file = {}
    for d in parsed.documents:
        by_file.setdefault(d.source, []).append(d.ward)
    assert by_file["zenku_r5_compiled.txt"] == [None] + WARDS
    assert by_file["izumi_names_other_wards.txt"] == ["泉区"]
    assert len(by_file["citywide_summary.txt"]) == 1
    assert not parsed.errors


# ----------------------------------------------------------------------------- index and search


def corpus_with(tmp_path: Path, files: Path, *names: str) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(files / name, corpus / name)
    return corpus


def test_the_ward_answer_credits_each_ward_with_its_own_part(tmp_path, files):
    corpus = corpus_with(tmp_path, files, "zenku_r5_compiled.txt")
    summary = reindex(corpus, tmp_path / "index")
    assert summary.documents == 4 and not summary.failed
    assert any(n.startswith("zenku_r5_compiled.txt は複数の区の報告（鶴見区、神奈川区、西区）") for n in summary.notes)
    service = SearchService.open(tmp_path / "index", semantic=False)
    for part in reports(parts_of(files, "zenku_r5_compiled.txt")):
        goal = next(p.goal for p in part.passages if p.section == "目標")
        answer = service.search(goal[:25], mode="bm25")
        top = answer["results"][0]
        assert top["ward"] == part.document.ward and top["doc_id"] == part.document.doc_id
        assert answer["wards"][0]["ward"] == part.document.ward
        assert top["source"]["file"] == "zenku_r5_compiled.txt"
        assert top["source"]["part"] == part.document.part["label"]


def generation(index: Path):
    return store.open_generation(index)


def test_removing_a_compiled_file_removes_every_wards_part(tmp_path, files):
    corpus = corpus_with(tmp_path, files, "zenku_r5_compiled.txt", "izumi_names_other_wards.txt")
    index = tmp_path / "index"
    reindex(corpus, index)
    entry = generation(index).manifest["files"]["zenku_r5_compiled.txt"]
    assert len(file_doc_ids(entry)) == 4 and [p["ward"] for p in entry["parts"]] == [None] + WARDS
    (corpus / "zenku_r5_compiled.txt").unlink()
    summary = reindex(corpus, index)
    assert summary.removed == ["zenku_r5_compiled.txt"]
    gen = generation(index)
    assert {d["source"] for d in gen.documents} == {"izumi_names_other_wards.txt"}
    assert {p["source_file"] for p in gen.passages} == {"izumi_names_other_wards.txt"}
    service = SearchService.open(index, semantic=False)
    assert not {r["ward"] for r in service.search("重点目標", mode="bm25", k=100)["results"]} & set(WARDS)


def test_changing_a_compiled_file_replaces_all_its_parts_and_leaves_none_behind(tmp_path, files):
    corpus = corpus_with(tmp_path, files, "zenku_r5_compiled.txt")
    index = tmp_path / "index"
    reindex(corpus, index)
    old_ids = set(file_doc_ids(generation(index).manifest["files"]["zenku_r5_compiled.txt"]))
    path = corpus / "zenku_r5_compiled.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("プレママ", "プレママさん"), encoding="utf-8")
    summary = reindex(corpus, index)
    assert summary.changed == ["zenku_r5_compiled.txt"]
    gen = generation(index)
    new_ids = set(file_doc_ids(gen.manifest["files"]["zenku_r5_compiled.txt"]))
    assert len(new_ids) == 4 and not new_ids & old_ids
    assert {d["doc_id"] for d in gen.documents} == new_ids
    assert {p["doc_id"] for p in gen.passages} == new_ids
    full = reindex(corpus, tmp_path / "full", full=True)
    assert full.documents == len(gen.documents) and full.passages == len(gen.passages)


def test_an_unchanged_compiled_file_keeps_its_parts_and_a_reupload_under_another_name_is_a_duplicate(tmp_path, files):
    corpus = corpus_with(tmp_path, files, "zenku_r5_compiled.txt")
    index = tmp_path / "index"
    first = reindex(corpus, index)
    shutil.copy(corpus / "zenku_r5_compiled.txt", corpus / "zenku_r5_copy.txt")
    second = reindex(corpus, index)
    assert second.unchanged == 1 and second.duplicates == [{"file": "zenku_r5_copy.txt",
                                                            "same_as": "zenku_r5_compiled.txt"}]
    assert second.documents == first.documents == 4 and second.passages == first.passages


class CountingEmbedder:
    """An embedder that counts the texts it is asked to embed (vectors from their hash)."""

    model_name = cache_key = "counting-test-embedder"
    dim = 8

    def __init__(self):
        self.encoded: list[str] = []

    def encode_passages(self, texts, show_progress=False):
        self.encoded.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, hash(t) % self.dim] = 1.0
        return out


def test_changing_one_wards_section_embeds_only_the_changed_texts(tmp_path, files):
    corpus = corpus_with(tmp_path, files, "zenku_r5_compiled.txt")
    index = tmp_path / "index"
    embedder = CountingEmbedder()
    reindex(corpus, index, embedder=embedder)
    embedder.encoded.clear()
    path = corpus / "zenku_r5_compiled.txt"
    text = path.read_text(encoding="utf-8")
    at = text.index("神奈川区地域子育て支援拠点「かなーちえ」")
    changed = text[:at] + text[at:].replace("安心して子育てができる地域", "安心して子育てできる地域", 1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    summary = reindex(corpus, index, embedder=embedder)
    assert summary.changed == ["zenku_r5_compiled.txt"] and summary.unembedded == 0
    assert embedder.encoded and all("安心して子育てできる地域" in t for t in embedder.encoded)


# ----------------------------------------------------------------------------- person-set metadata


def test_a_correction_of_one_part_changes_that_part_only(tmp_path, files):
    corpus = corpus_with(tmp_path, files, "zenku_r5_compiled.txt")
    path = corpus / "zenku_r5_compiled.txt"
    key = reports(parse_parts(path, corpus))[1].document.part["key"]
    sidecar.write_part(path, key, sidecar.validate(year_from="令和4年度"))
    parts = reports(parse_parts(path, corpus))
    assert [p.document.fiscal_year_from for p in parts] == [2023, 2022, 2018]
    assert parts[1].document.metadata_source["fiscal_years"] == "person"
    assert parts[0].document.metadata_source["fiscal_years"] == "detected"
    assert sidecar.for_part(sidecar.read(path), key).fiscal_year_from == 2022
    sidecar.write_part(path, key, sidecar.Metadata())   # cleared: the sidecar goes
    assert not sidecar.sidecar_path(path).exists()


def test_one_ward_set_for_a_whole_compiled_file_is_not_applied_and_says_so(tmp_path, files):
    corpus = corpus_with(tmp_path, files, "zenku_r5_compiled.txt")
    path = corpus / "zenku_r5_compiled.txt"
    sidecar.write(path, sidecar.validate(ward="栄区", doc_type="単年度評価"))
    parts = parse_parts(path, corpus)
    assert [p.document.ward for p in reports(parts)] == WARDS
    assert all(any("栄区" in w and "適用していません" in w for w in p.document.warnings) for p in parts)
    assert all(p.document.metadata_source["doc_type"] == "person" for p in parts)


def test_a_bad_part_entry_in_a_sidecar_fails_the_file_with_its_reason(tmp_path, files):
    corpus = corpus_with(tmp_path, files, "zenku_r5_compiled.txt")
    sidecar.sidecar_path(corpus / "zenku_r5_compiled.txt").write_text(
        json.dumps({"parts": {"x": {"ward": "川崎区"}}}, ensure_ascii=False), encoding="utf-8")
    summary = reindex(corpus, tmp_path / "index")
    assert summary.failed and "川崎区" in summary.failed[0]["reason"]


# ----------------------------------------------------------------------------- what the uploader is told


def test_the_upload_result_says_how_many_wards_reports_a_file_was_read_as():
    parts = [{"ward": None}, {"ward": "鶴見区"}, {"ward": "神奈川区"}, {"ward": "西区"}]
    message = parts_message(parts)
    assert message.startswith("3区の報告（鶴見区、神奈川区、西区）として読み込み")
    assert "4 件の文書" in message and "区の報告でない部分 1 件" in message
    assert parts_message([{"ward": "鶴見区"}]) is None
    assert "指定した区（栄区）は、区ごとの文書には適用していません" in parts_message(parts, {"ward": "栄区"})


# ----------------------------------------------------------------------------- the admin pages


@pytest.fixture
def site(tmp_path):
    from search_app.web import admin
    from upload_site import make_site

    corpus = tmp_path / "seed" / "corpus"
    shutil.copytree(SEEDS, corpus)
    from search_app.indexing import build_index

    build_index(corpus, tmp_path / "seed" / "index", semantic=False, full=True)
    s = make_site((corpus, tmp_path / "seed" / "index"), tmp_path / "site")
    yield s
    admin.shutdown_jobs(s.app)


def test_an_uploaded_compilation_is_reported_as_several_wards_reports_and_each_part_can_be_corrected(site, files):
    from upload_site import AUTH, TOKEN, csrf_from

    answer, job = site.upload_and_index(("全区_評価報告書.txt", (files / "zenku_r5_compiled.txt").read_bytes()))
    (entry,) = job["files"]
    assert entry["status"] == "indexed", entry
    assert entry["note"].startswith("3区の報告（鶴見区、神奈川区、西区）として読み込み")
    assert [p["ward"] for p in entry["parts"]] == [None] + WARDS
    csrf = csrf_from(site.client.get("/admin/").get_data(as_text=True))
    assert site.client.post("/admin/login", data={"csrf_token": csrf, "admin_token": TOKEN}).status_code == 303
    page = site.client.get(f"/admin/jobs/{job['id']}").get_data(as_text=True)
    assert "3区の報告" in page and "神奈川区</a>" in page

    kanagawa = entry["parts"][2]["doc_id"]
    doc = site.client.get(f"/api/documents/{kanagawa}").get_json()["document"]
    assert doc["ward"] == "神奈川区" and doc["part"]["label"].startswith("「神奈川区")
    html = site.client.get(f"/documents/{kanagawa}").get_data(as_text=True)
    assert "ファイル内の位置" in html and "神奈川区地域子育て支援拠点" in html
    # (its text is also the seed report it was relabelled from: the ward filter tells them apart)
    hit = site.search("安心して子育てができる地域", ward="神奈川区")["results"][0]
    assert hit["doc_id"] == kanagawa
    assert hit["ward"] == "神奈川区" and hit["source"]["part"] == doc["part"]["label"]
    # the CSV cites the part too, as the page does
    rows = list(csv.reader(io.StringIO(site.client.get("/export.csv", query_string={
        "q": "安心して子育てができる地域", "ward": "神奈川区"}).get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[1][5].startswith("uploads/") and rows[1][5].endswith(f"（{doc['part']['label']}）")

    resp = site.client.post(f"/api/admin/documents/{kanagawa}/metadata", json={"year": "令和4年度"}, headers=AUTH)
    assert resp.status_code == 202, resp.get_json()
    assert site.wait(resp.get_json()["job"]["id"])["state"] == "done"
    stored = sidecar.read(site.corpus / "uploads" / "全区_評価報告書.txt")
    assert stored.ward is None and stored.fiscal_year_from is None
    assert stored.parts[doc["part"]["key"]].fiscal_year_from == 2022
    years = {}
    for part in entry["parts"][1:]:
        corrected = site.client.get(f"/api/documents/{part['doc_id']}").get_json()["document"]
        years[corrected["ward"]] = corrected["fiscal_year_from"]
    assert years == {"鶴見区": 2023, "神奈川区": 2022, "西区": 2018}


def test_a_new_splitting_rule_reads_unchanged_files_again_once(tmp_path, files, monkeypatch):
    from indexer import wardparts

    corpus = corpus_with(tmp_path, files, "zenku_r5_compiled.txt", "izumi_names_other_wards.txt")
    index = tmp_path / "index"
    monkeypatch.setattr(wardparts, "VERSION", "0")
    reindex(corpus, index)
    monkeypatch.setattr(wardparts, "VERSION", "1")
    again = reindex(corpus, index)
    assert sorted(again.reparsed) == ["izumi_names_other_wards.txt", "zenku_r5_compiled.txt"]
    assert any("区ごとに読み分ける規則" in n for n in again.notes)
    assert reindex(corpus, index).unchanged == 2
