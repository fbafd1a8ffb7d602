"""When each report was first indexed and last changed (ux17): recorded per file in the
generation's manifest (`indexer.store.stamp_file_dates`), carried from one generation to
the next, shown on the list of reports, the report's page and in /api/documents.

Keyword-only indexes of a few seed reports, built with `kyoten reindex`'s own function.
"""

from __future__ import annotations

import json
import re
import shutil

from indexer import store
from indexer.reindex import reindex
from web_fixtures import SEED_CORPUS

SEEDS = ("000_8f4773b09691ae88.txt", "001_c1c139b861364dac.txt")
NEW = "003_d2a364418de75729.txt"


def corpus_of(tmp_path, names=SEEDS):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in names:
        shutil.copyfile(SEED_CORPUS / name, corpus / name)
    return corpus


def current_manifest(index) -> dict:
    return store.open_generation(index).manifest


def dates_of(manifest: dict) -> dict[str, tuple]:
    return {name: (e.get("first_indexed"), e.get("last_changed")) for name, e in manifest["files"].items()}


def test_a_changed_report_keeps_its_first_indexing_date_and_gets_the_reindex_s_as_its_change(tmp_path):
    corpus, index = corpus_of(tmp_path), tmp_path / "index"
    reindex(corpus, index)
    first = current_manifest(index)
    c1 = first["created"]
    assert dates_of(first) == {name: (c1, c1) for name in SEEDS}
    changed, kept = SEEDS
    with open(corpus / changed, "a", encoding="utf-8") as fh:
        fh.write("\n追記：子育て広場の利用者アンケートを実施しました。\n")
    shutil.copyfile(SEED_CORPUS / NEW, corpus / NEW)
    reindex(corpus, index)
    second = current_manifest(index)
    c2 = second["created"]
    assert dates_of(second) == {changed: (c1, c2), kept: (c1, c1), NEW: (c2, c2)}
    reindex(corpus, index, full=True)   # re-read in full: nothing changed, nothing new
    assert dates_of(current_manifest(index)) == dates_of(second)


def test_a_report_indexed_before_dates_were_recorded_says_記録なし_and_a_new_one_its_date(tmp_path):
    """An index built before this change has no dates: they stay unknown (never guessed)
    and the pages say so; a report added afterwards has its own."""
    from search_app.web import create_app

    corpus, index = corpus_of(tmp_path), tmp_path / "index"
    reindex(corpus, index)
    gen = index / store.current_name(index)
    manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"].values():   # as an index of the tenth session left it
        entry.pop("first_indexed"), entry.pop("last_changed")
    (gen / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    shutil.copyfile(SEED_CORPUS / NEW, corpus / NEW)
    reindex(corpus, index)
    created = current_manifest(index)["created"]
    assert dates_of(current_manifest(index)) == {**{n: (None, None) for n in SEEDS}, NEW: (created, created)}

    client = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "SEMANTIC": False,
                         "TESTING": True}).test_client()
    listed = {d["source"]: d for d in client.get("/api/documents").get_json()["documents"]}
    assert {s: (d["first_indexed"], d["last_changed"]) for s, d in listed.items()} == \
        {**{n: (None, None) for n in SEEDS}, NEW: (created, created)}
    html = client.get("/documents").get_data(as_text=True)
    assert html.count('<span class="no-dates"') == len(SEEDS)
    assert f'<span class="first-indexed">登録 {created[:16].replace("T", " ")}</span>' in html
    new, old = listed[NEW], listed[SEEDS[0]]
    page = client.get(new["url"]).get_data(as_text=True)
    assert re.search(rf'索引に登録</dt><dd class="first-indexed">{created[:16].replace("T", " ")}', page)
    assert "索引に登録</dt><dd class=\"first-indexed\">記録なし" in client.get(old["url"]).get_data(as_text=True)
    one = client.get(f"/api/documents/{new['doc_id']}").get_json()
    assert (one["first_indexed"], one["last_changed"]) == (created, created) and one["document"]["doc_id"] == new["doc_id"]
