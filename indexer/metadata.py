"""Document-level metadata: ward, fiscal years, type, operator, hub name.

Each fact is looked for where reports state it most reliably (the title, the
"事業の実施者" row, the "〇〇区こども家庭支援課" signature) and only then in the
running text, because some reports (港北区's) have no header at all.
"""

from __future__ import annotations

import re
from collections import Counter

from . import records, wareki
from .clean import norm

YOKOHAMA_WARDS = (
    "鶴見区", "神奈川区", "西区", "中区", "南区", "港南区", "保土ケ谷区", "旭区", "磯子区",
    "金沢区", "港北区", "緑区", "青葉区", "都筑区", "戸塚区", "栄区", "泉区", "瀬谷区",
)
# Spelling variants users and reports use for the same ward.
WARD_ALIASES = {"保土ヶ谷区": "保土ケ谷区", "保土谷区": "保土ケ谷区"}

# Yokohama's hub names (拠点の愛称). Only used when the text itself names them.
HUB_NAMES = (
    "わっくんひろば", "かなーちえ", "スマイル・ポート", "のんびりんこ", "はぐはぐの樹",
    "こっころ", "とことこ", "どろっぷ", "ラフール", "Popola", "とつなーれ", "にこりこ",
    "すきっぷ", "せやっこ",
)

_KANJI_WARD = r"[一-龥ヶケ]{1,4}[区市]"
# A ward (区) in a title or signature wins over a city (市): reports mention
# "横浜市地域子育て支援拠点システム" in passing, sometimes before their own title.
_TITLE_WARD = re.compile(r"([一-龥ヶケ]{1,4}区)地域子育て支援拠点")
_SIGNATURE_WARD = re.compile(r"([一-龥ヶケ]{1,4}区)こども家庭支援課")
_TITLE_CITY = re.compile(r"([一-龥ヶケ]{1,4}市)地域子育て支援拠点事業")
_CORPORATION = re.compile(
    r"((?:特定非営利活動法人|NPO法人|公益財団法人|一般財団法人|公益社団法人|一般社団法人|"
    r"社会福祉法人|学校法人|株式会社|有限会社|合同会社)\s*[^\s、。,]+)"
)


def canonical_ward(name: str | None) -> str | None:
    if not name:
        return None
    name = norm(name).strip()
    return WARD_ALIASES.get(name, name)


def _known_ward_in(text: str) -> str | None:
    # Longest names first so 港南区 is not read as 南区.
    for ward in sorted(YOKOHAMA_WARDS + tuple(WARD_ALIASES), key=len, reverse=True):
        if ward in text:
            return canonical_ward(ward)
    return None


def find_ward(text: str) -> str | None:
    """The ward a report is about: title, then signature, then most named."""
    normalized = norm(text)
    for pattern in (_TITLE_WARD, _SIGNATURE_WARD):
        m = pattern.search(normalized)
        if m:
            return _known_ward_in(m.group(1)) or canonical_ward(m.group(1))
    counts: Counter[str] = Counter()
    names = sorted(YOKOHAMA_WARDS + tuple(WARD_ALIASES), key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, names)))
    for m in pattern.finditer(normalized):
        counts[canonical_ward(m.group(0))] += 1
    if counts:
        return counts.most_common(1)[0][0]
    m = _TITLE_CITY.search(normalized)
    if m:
        return m.group(1)
    generic = re.findall(_KANJI_WARD, normalized)
    return Counter(generic).most_common(1)[0][0] if generic else None


def wards_in_text(text: str) -> list[str]:
    """Every known ward named in a text (used to read ward intent from queries)."""
    normalized = norm(text)
    found: list[str] = []
    rest = normalized
    for ward in sorted(YOKOHAMA_WARDS + tuple(WARD_ALIASES), key=len, reverse=True):
        if ward in rest:
            found.append(canonical_ward(ward))
            rest = rest.replace(ward, " ")
    return found


def find_operator(text: str) -> str | None:
    """The operating corporation (運営法人), e.g. 特定非営利活動法人 ちょこっといずみ."""
    normalized = norm(text)
    m = _CORPORATION.search(normalized)
    if not m:
        return None
    operator = m.group(1)
    # The 実施者 row continues with the ward office; cut it off.
    operator = re.split(rf"{_KANJI_WARD}こども家庭支援課", operator)[0]
    for ward in YOKOHAMA_WARDS:
        if operator.endswith(ward):
            operator = operator[: -len(ward)]
    return operator.strip() or None


def find_hub(text: str) -> str | None:
    counts = Counter({hub: text.count(hub) for hub in HUB_NAMES if hub in text})
    return counts.most_common(1)[0][0] if counts else None


def find_doc_type(text: str) -> str:
    normalized = norm(text)
    if re.search(r"5\s*か年(?:度)?の\s*まとめ", normalized):
        return records.FIVE_YEAR
    if "重点目標" in normalized:
        return records.YEARLY
    return records.UNKNOWN


_EVAL_YEAR = re.compile(r"重点目標(?:の評価|評価結果)")
_PERIOD = re.compile(r"対象期間[\s\t]*(.+)")


def find_evaluated_year(text: str) -> wareki.YearMention | None:
    """The fiscal year a yearly report evaluates (令和5年度重点目標評価結果 -> 2023)."""
    for line in norm(text).split("\n"):
        m = _EVAL_YEAR.search(line)
        if not m:
            continue
        years = [y for y in wareki.find_years(line[: m.start()]) if y.end <= m.start()]
        if years:
            return years[-1]
    return None


def find_period(text: str) -> wareki.YearMention | None:
    """The period a five-year summary covers (対象期間 令和3年度～7年度)."""
    m = _PERIOD.search(norm(text))
    if m:
        years = wareki.find_years(m.group(1))
        if years:
            first, last = years[0], years[-1]
            return wareki.YearMention(first.year_from, last.year_to, m.group(1).split("(")[0].strip(),
                                      0, 0)
    years = wareki.find_years(text)
    if years:
        lo = min(y.year_from for y in years)
        hi = max(y.year_to for y in years)
        return wareki.YearMention(lo, hi, "", 0, 0)
    return None
