"""Ward grouping: the answer to "which wards tackled this, and how?".

A ward is listed only when one of its passages ranks near the top, its best
score is a sizeable share of the best score overall, and (keyword and hybrid
modes) its reports cover most of the query's concepts (coverage.py): a ward
that merely shares a common word (支援, 地域) with the query is left out.
Each listed ward reads as one card: the matching goal, its 取組内容 / 取組の成果
/ 取組の課題, the year and the operator.
"""

from __future__ import annotations

from indexer import records, wareki

# Chosen on the dev set (README "Quality"; a plateau, not a peak): a ward must
# place a passage in the top WARD_DEPTH results and reach WARD_SHARE of the top score.
WARD_DEPTH = 20
WARD_SHARE = 0.3

CARD_SECTIONS = {
    "取組内容": (records.CONTENT, records.REASON_OPERATOR),
    "取組の成果": (records.OUTCOME, records.RESULT),
    "取組の課題": (records.ISSUE, records.CHALLENGE),
}


def _card_slot(kind: str) -> str | None:
    for slot, kinds in CARD_SECTIONS.items():
        if kind in kinds:
            return slot
    return None


def group_by_ward(service, ranked: list[tuple[int, float]], terms, surfaces,
                  depth: int | None = None, share: float | None = None,
                  eligible: set[str] | None = None) -> list[dict]:
    depth = WARD_DEPTH if depth is None else depth
    share = WARD_SHARE if share is None else share
    data = service.data
    if not ranked:
        return []
    top = ranked[0][1]
    groups: dict[str, dict] = {}
    hits_by_ward: dict[str, list[tuple[int, float]]] = {}
    for rank, (i, score) in enumerate(ranked):
        ward = data.passages[i]["ward"] or "区不明"
        hits_by_ward.setdefault(ward, []).append((i, score))
        if ward in groups or rank >= depth or (eligible is not None and ward not in eligible):
            continue
        if top > 0 and score < share * top:
            continue
        groups[ward] = {"best": i, "score": score}
    out = []
    for ward, g in groups.items():
        best = data.passages[g["best"]]
        hit_ids = {i for i, _ in hits_by_ward[ward]}
        out.append(_card(service, ward, best, g["score"], hit_ids, terms, surfaces,
                         [data.passages[i]["passage_id"] for i, _ in hits_by_ward[ward]]))
    return out


def _card(service, ward: str, best: dict, score: float, hit_ids: set[int], terms, surfaces,
          passage_ids: list[str]) -> dict:
    """One ward's card: the best passage's goal with its sections."""
    data = service.data
    same_goal = []
    for i in data.by_part.get((best["doc_id"], best["programme"], best["fiscal_year_from"]), []):
        p = data.passages[i]
        if best["goal_no"] is not None and p["goal_no"] not in (best["goal_no"], None):
            continue
        if best["programme"] is None and p["goal_no"] != best["goal_no"]:
            continue
        same_goal.append(i)
    sections: dict[str, dict | None] = {slot: None for slot in CARD_SECTIONS}
    for slot, kinds in CARD_SECTIONS.items():
        candidates = [i for i in same_goal if data.passages[i]["section"] in kinds]
        # prefer the passage that matched, then one of the same goal number
        candidates.sort(key=lambda i: (i not in hit_ids, data.passages[i]["goal_no"] != best["goal_no"]))
        if candidates:
            sections[slot] = service.passage_dict(candidates[0], None, terms, surfaces)
    best_dict = service.passage_dict(data.by_id[best["passage_id"]], score, terms, surfaces)
    if _card_slot(best["section"]) is None:
        sections["other"] = [best_dict]
    else:
        sections["other"] = []
    doc = data.documents.get(best["doc_id"], {})
    return {
        "ward": ward,
        "passage_count": len(passage_ids),
        "best_score": round(float(score), 4),
        "year_display": wareki.year_label(best["fiscal_year_from"], best["fiscal_year_to"]),
        "year_label": best["year_label"],
        "operator": best.get("operator") or doc.get("operator"),
        "hub": doc.get("hub"),
        "goal": best.get("goal"),
        "goal_no": best.get("goal_no"),
        "programme": best.get("programme"),
        "programme_name": best.get("programme_name"),
        "best_passage_id": best["passage_id"],
        "best": best_dict,
        "doc_id": best["doc_id"],
        "sections": sections,
        "passages": passage_ids,
    }
