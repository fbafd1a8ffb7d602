"""Document-level metadata: ward, fiscal years, type, operator, hub name.

Detectors read the cleaned rows (`clean.Row`, normalised once by `clean.to_rows`)
and look where reports state each fact: the title, the "事業の実施者" row, the
"〇〇区こども家庭支援課" signature, the period line. Unknown stays unknown:

* a ward is one of Yokohama's 18 wards, or a named 市/町/村 when the document
  belongs to another municipality — never a word that merely ends in 区
  (事業区分, 地区) and never a ward of another city (川崎市川崎区 -> 川崎市);
* a fiscal year comes from the evaluation heading or the period line (or a
  title that states it) — never the span of every year mentioned somewhere.

`find_*(text)` wrappers keep the text-level interface for callers with a
plain string; the parser calls `detect(rows, source_lines, context, source)` once.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath

from . import headings, records, wareki
from .clean import Row, compact, norm, to_rows

YOKOHAMA_WARDS = (
    "鶴見区", "神奈川区", "西区", "中区", "南区", "港南区", "保土ケ谷区", "旭区", "磯子区",
    "金沢区", "港北区", "緑区", "青葉区", "都筑区", "戸塚区", "栄区", "泉区", "瀬谷区",
)


def ward_rank(ward: str | None) -> tuple[int, str]:
    """Yokohama's wards in the city's order, then other cities' (by name), then 区不明 (None)."""
    if not ward:
        return (2, "")
    if ward in YOKOHAMA_WARDS:
        return (0, f"{YOKOHAMA_WARDS.index(ward):02d}")
    return (1, ward)


# Spelling variants users and reports use for the same ward.
WARD_ALIASES = {"保土ヶ谷区": "保土ケ谷区", "保土谷区": "保土ケ谷区"}
HOME_CITY = "横浜市"
# Tokyo's 23 special wards are municipalities of their own (世田谷区 is not a ward of a city).
TOKYO_WARDS = (
    "千代田区", "中央区", "港区", "新宿区", "文京区", "台東区", "墨田区", "江東区", "品川区", "目黒区", "大田区",
    "世田谷区", "渋谷区", "中野区", "杉並区", "豊島区", "北区", "荒川区", "板橋区", "練馬区", "足立区", "葛飾区",
    "江戸川区",
)
_TOKYO_WARD_RE = re.compile(r"(?<![一-龥ヶケ])(" + "|".join(sorted(TOKYO_WARDS, key=len, reverse=True)) + ")")

# The wards of the other designated cities (政令指定都市), as the cities name them (浜松市's
# before and after its 2024 reorganisation). Eight share a name with one of Yokohama's (鶴見区 of
# 大阪市, 泉区 and 青葉区 of 仙台市, 中区, 南区, 西区, 旭区, 緑区): a report that names such a city
# and never 横浜市 is that city's; a ward only one city has (高津区, 浦和区) names that city.
DESIGNATED_CITY_WARDS = {
    "札幌市": ("中央区", "北区", "東区", "白石区", "豊平区", "南区", "西区", "厚別区", "手稲区", "清田区"),
    "仙台市": ("青葉区", "宮城野区", "若林区", "太白区", "泉区"),
    "さいたま市": ("西区", "北区", "大宮区", "見沼区", "中央区", "桜区", "浦和区", "南区", "緑区", "岩槻区"),
    "千葉市": ("中央区", "花見川区", "稲毛区", "若葉区", "緑区", "美浜区"),
    "川崎市": ("川崎区", "幸区", "中原区", "高津区", "宮前区", "多摩区", "麻生区"),
    "相模原市": ("緑区", "中央区", "南区"),
    "新潟市": ("北区", "東区", "中央区", "江南区", "秋葉区", "南区", "西区", "西蒲区"),
    "静岡市": ("葵区", "駿河区", "清水区"),
    "浜松市": ("中央区", "浜名区", "天竜区", "中区", "東区", "西区", "南区", "北区", "浜北区"),
    "名古屋市": ("千種区", "東区", "北区", "西区", "中村区", "中区", "昭和区", "瑞穂区", "熱田区", "中川区", "港区",
              "南区", "守山区", "緑区", "名東区", "天白区"),
    "京都市": ("北区", "上京区", "左京区", "中京区", "東山区", "山科区", "下京区", "南区", "右京区", "西京区", "伏見区"),
    "大阪市": ("都島区", "福島区", "此花区", "西区", "港区", "大正区", "天王寺区", "浪速区", "西淀川区", "東淀川区",
            "東成区", "生野区", "旭区", "城東区", "阿倍野区", "住吉区", "東住吉区", "西成区", "淀川区", "鶴見区",
            "住之江区", "平野区", "北区", "中央区"),
    "堺市": ("堺区", "中区", "東区", "西区", "南区", "北区", "美原区"),
    "神戸市": ("東灘区", "灘区", "兵庫区", "長田区", "須磨区", "垂水区", "北区", "中央区", "西区"),
    "岡山市": ("北区", "中区", "東区", "南区"),
    "広島市": ("中区", "東区", "南区", "西区", "安佐南区", "安佐北区", "安芸区", "佐伯区"),
    "北九州市": ("門司区", "若松区", "戸畑区", "小倉北区", "小倉南区", "八幡東区", "八幡西区"),
    "福岡市": ("東区", "博多区", "中央区", "南区", "西区", "城南区", "早良区"),
    "熊本市": ("中央区", "東区", "西区", "南区", "北区"),
}
_CITIES_OF_WARD: dict[str, list[str]] = {}
for _city, _wards in DESIGNATED_CITY_WARDS.items():
    for _ward in _wards:
        _CITIES_OF_WARD.setdefault(_ward, []).append(_city)
# A ward only one designated city has, and no Yokohama or Tokyo ward is called (高津区 → 川崎市).
_UNIQUE_CITY_WARD = {ward: cities[0] for ward, cities in _CITIES_OF_WARD.items()
                     if len(cities) == 1 and ward not in YOKOHAMA_WARDS and ward not in TOKYO_WARDS}
_UNIQUE_CITY_WARD_RE = re.compile(r"(?<![一-龥ヶケ])(" + "|".join(sorted(_UNIQUE_CITY_WARD, key=len, reverse=True)) + ")")


def city_of_shared_ward(ward: str, text: str, where: str | None = None, attached: bool = False) -> str | None:
    """The designated city a ward name Yokohama or Tokyo also has belongs to, in a text that
    never says 横浜市 or 東京都: the one such city named in `where` (the text itself unless given:
    a page's title and footer, the file's name) — written right before the ward when `attached`
    (大阪市鶴見区役所 signing a report titled 鶴見区…; 泉区 on a page of 仙台市; 中央区 under a page
    title naming 浜松市); else None."""
    if HOME_CITY in text or "東京都" in text:
        return None
    where = text if where is None else where
    named = [city for city in _CITIES_OF_WARD.get(ward, ()) if (city + ward if attached else city) in where]
    return named[0] if len(named) == 1 else None


# Yokohama's hub names (拠点の愛称). Only used when the text itself names them.
HUB_NAMES = (
    "わっくんひろば", "かなーちえ", "スマイル・ポート", "のんびりんこ", "はぐはぐの樹",
    "こっころ", "とことこ", "どろっぷ", "ラフール", "Popola", "とつなーれ", "にこりこ",
    "すきっぷ", "せやっこ",
)

# The ward each of those hubs serves (one hub per ward): a hub's own page may name only
# its nickname. Read only when nothing else names a place.
HUB_WARDS = {
    "わっくんひろば": "鶴見区", "かなーちえ": "神奈川区", "スマイル・ポート": "西区", "のんびりんこ": "中区",
    "はぐはぐの樹": "南区", "こっころ": "保土ケ谷区", "とことこ": "金沢区", "どろっぷ": "港北区",
    "ラフール": "青葉区", "Popola": "都筑区", "とつなーれ": "戸塚区", "にこりこ": "栄区", "すきっぷ": "泉区",
    "せやっこ": "瀬谷区",
}

_WARD_NAMES = sorted(YOKOHAMA_WARDS + tuple(WARD_ALIASES), key=len, reverse=True)


def _ward_alternative(name: str) -> str:
    """A Yokohama ward's name as a pattern that is not the end of another city's ward
    (南区 is not read in 安佐南区 or 城南区, 西区 not in 八幡西区)."""
    longer = {w[:-len(name)] for w in _CITIES_OF_WARD if w.endswith(name) and w != name and w not in YOKOHAMA_WARDS}
    return "".join(f"(?<!{re.escape(p)})" for p in sorted(longer)) + re.escape(name)


# Longest names first so 港南区 is not read as 南区.
_WARD_RE = re.compile("|".join(map(_ward_alternative, _WARD_NAMES)))
# Another municipality, named as a whole word: 川崎市, 相模原市, 葉山町, 清川村. The
# name starts where a run of kanji starts (so 政令指定都市 or 市町村 are not names), or after
# its prefecture and county (神奈川県中郡二宮町, 足柄上郡開成町; a county holds towns and villages
# only, so 大和郡山市 is a city, not 山市 in 大和郡). A city whose own name ends in 市 takes the 市
# after it (四日市市), and one whose name holds 町 or 村 runs on to its 市 (十日町市, 東村山市, 武蔵村山市:
# a town or village holds no city), unless that 市 begins a word (大和市市民活動課).
_NOT_AFTER_NAME = "(?![町村民内外長立営議場街会])"
_MUNICIPALITY_RE = re.compile(r"(?<![一-龥ヶケ])(?:[一-龥]{2,3}[都道府県])?(?:[一-龥ヶケ]{1,4}郡(?=[一-龥ヶケ]{1,4}?[町村]))?"
                              r"([一-龥ヶケ]{1,4}?(?:市(?:市" + _NOT_AFTER_NAME + r")?|[町村](?:[一-龥ヶケ]{0,2}?市"
                              + _NOT_AFTER_NAME + r")?))" + _NOT_AFTER_NAME)
# Words ending in 市/町/村 that name no municipality (matched as endings: 大都市, 政令市) …
_NOT_MUNICIPALITY = ("都市", "市町村", "政令市", "中核市", "特例市", "町村")
# … and words that refer to one (本市, 当町), matched whole: 熊本市 and 松本市 are cities.
_THIS_MUNICIPALITY = ("本市", "当市", "同市", "各市", "全市", "他市", "両市", "本町", "当町", "同町", "各町", "全町",
                      "本村", "当村", "同村", "各村")


def municipality_names(text: str):
    """Names of municipalities other than Yokohama in a text (in order)."""
    for m in _MUNICIPALITY_RE.finditer(text):
        name = m.group(1)
        if ((not name.endswith(_NOT_MUNICIPALITY) or name in _REAL_NAMES) and name not in _THIS_MUNICIPALITY
                and name != HOME_CITY):
            yield m


# Municipalities whose names end like a word that names none (京都市 ends in 都市).
_REAL_NAMES = ("京都市",)
# A ward named with the hub programme (the report's title) or its office (the signature).
_TITLE_WARD = re.compile(r"([一-龥ヶケ]{1,4}区)地域子育て支援拠点")
_SIGNATURE_WARD = re.compile(r"([一-龥ヶケ]{1,4}区)こども家庭支援課")
_CORPORATION = re.compile(
    r"((?:特定非営利活動法人|NPO法人|公益財団法人|一般財団法人|公益社団法人|一般社団法人|"
    r"社会福祉法人|学校法人|株式会社|有限会社|合同会社)\s*[^\s、。,]+)"
)
# The kinds of corporation that run hubs, as a name starts (特定非営利活動法人…, 株式会社…).
CORPORATION_KIND = (r"(?:(?:特定非営利活動|NPO|公益財団|一般財団|公益社団|一般社団|社会福祉|学校)法人"
                    r"|株式会社|有限会社|合同会社)")
_OFFICE_AFTER_OPERATOR = re.compile(r"[一-龥ヶケ]{1,4}[区市]こども家庭支援課")
# Rows that say who runs or reports the work.
_ACTOR_LABEL = re.compile(r"^(?:事業の実施者|実施者|実施主体|運営法人|運営主体|事業者|所管課|所管局|担当課|担当部署|所管"
                          rf"|運営(?:者|団体|事業者)?(?=[:：]?{CORPORATION_KIND}))")
# A title: the programme name, an evaluation sheet or report, a summary.
TITLE_WORDS = re.compile(
    r"(地域子育て支援拠点|子育て支援センター|重点目標|評価シート|評価結果|事業評価|施策評価|評価書|報告書|事業報告|のまとめ|"
    # (評価票 / 評価表 / 評価調書: a form's title; つどいの広場, 子育てひろば: the hub programme's other names)
    r"評価(?:票|表|調書)|つどいの広場|子育て(?:ひろば|広場)|"
    r"実施概要|(?:事業|拠点|取り?組み?)の?振り返り)"
)
# 5か年のまとめ, 5カ年, 5ヶ年, 五か年, 5年間のまとめ, 5か年度の総括 (matched without spaces).
# (not a year's own number: 令和5年度の評価, R.5年度の評価 and 2025年度の評価 are one year's)
# Also a contract period's summary named by its number (第2期（平成22〜26年度）の振り返り,
# 第3期事業評価のまとめ): the hubs run on five-year periods, and older summaries say only 第N期.
FIVE_YEAR_TITLE = re.compile(
    r"(?:(?<!令和)(?<!平成)(?<![RH\d０-９.．])(?:5|五)[かカヶケヵ箇个]?年(?:度|間)?の?(?:まとめ|総括|振り返り|評価)"
    r"|第[1-9一二三四五六七八九]期(?:[(（][^()（）]{1,24}[)）])?(?:の|における)?(?:事業)?(?:評価)?の?(?:まとめ|総括|振り返り|評価)$)")
# A mid-term review of the five-year period (中間振り返り, 中間評価, 中間期のまとめ): the
# same programme-by-programme shape as the five-year summary, over its first years.
MID_TERM_TITLE = re.compile(r"中間(?:期の?)?(?:振り返り|評価|まとめ|総括|報告)")
# A year's own mid-year report (重点目標 中間報告（上半期）), not the five-year period's mid-term.
_HALF_YEAR = re.compile(r"上半期|下半期|半期|重点目標")
# Lines that state the period a document covers.
_PERIOD_LABEL = re.compile(
    r"^(?:事業実施期間|対象期間|評価対象年度|評価対象期間|評価実施期間|評価期間|対象年度|実施年度|評価年度|事業期間|計画期間|実施期間"
    r"|年度$|期間$)"
)


# The wards as file names write them in Latin letters (the city's Hepburn, with the
# spellings of Kunrei and of long vowels written out) or in kana.
_WARD_SPELLINGS = {
    "鶴見区": ("tsurumi", "turumi", "つるみ"), "神奈川区": ("kanagawa", "かながわ"),
    "西区": ("nishi", "nisi", "にし"), "中区": ("naka", "なか"), "南区": ("minami", "みなみ"),
    "港南区": ("konan", "kounan", "kohnan", "こうなん"), "保土ケ谷区": ("hodogaya", "ほどがや"),
    "旭区": ("asahi", "あさひ"), "磯子区": ("isogo", "いそご"), "金沢区": ("kanazawa", "かなざわ"),
    "港北区": ("kohoku", "kouhoku", "kohhoku", "こうほく"), "緑区": ("midori", "みどり"),
    "青葉区": ("aoba", "あおば"), "都筑区": ("tsuzuki", "tuzuki", "つづき"),
    "戸塚区": ("totsuka", "totuka", "とつか"), "栄区": ("sakae", "さかえ"), "泉区": ("izumi", "いずみ"),
    "瀬谷区": ("seya", "せや"),
}
_SPELLED_WARD = {spelling: ward for ward, spellings in _WARD_SPELLINGS.items() for spelling in spellings}
# a file name's words: runs of letters or of kana between separators (_ - . space, digits)
_NAME_WORD = re.compile(r"[a-z]+|[ぁ-ゖ]+")


def ward_in_file_name(name: str) -> str | None:
    """The ward a file name spells in Latin letters or kana (konan-ku_r6.txt, Kohoku_R5.pdf,
    tsurumiku.csv, こうなん区): a word of the name that is a ward's spelling, alone or with its
    ku / く; only when the name spells exactly one ward (a hub called みどりのひろば is no word
    of its own). None else."""
    words = _NAME_WORD.findall(unicodedata.normalize("NFKC", name).lower().replace("ō", "o").replace("ū", "u"))
    found = set()
    for word in words:
        for spelling in (word, word[:-2] if word.endswith("ku") else None, word[:-1] if word.endswith("く") else None):
            if spelling in _SPELLED_WARD:
                found.add(_SPELLED_WARD[spelling])
                break
    return found.pop() if len(found) == 1 else None


def canonical_ward(name: str | None) -> str | None:
    if not name:
        return None
    name = norm(name).strip()
    return WARD_ALIASES.get(name, name)


def wards_in_text(text: str) -> list[str]:
    """Every known ward named in a text (used to read ward intent from queries)."""
    normalized = norm(text)
    found: list[str] = []
    rest = normalized
    for ward in _WARD_NAMES:
        if ward in rest:
            found.append(canonical_ward(ward))
            rest = rest.replace(ward, " ")
    return found


# --- where facts are stated -------------------------------------------------------


def title_rows(rows: list[Row]) -> list[Row]:
    """Rows that read as a title: short, no sentence, naming the programme or the
    kind of document; plus the document's first line when it is short."""
    found = []
    first = next((r for r in rows if r.cells), None)
    for row in (r for r in rows if r.cells):
        text = row.compact
        if len(text) > 80 or "。" in text:
            continue
        if (row is first and len(text) <= 40) or (TITLE_WORDS.search(text) and len(row.filled_cells) <= 2) or (
                len(row.filled_cells) <= 2 and (FIVE_YEAR_TITLE.search(text) or MID_TERM_TITLE.search(text))):
            found.append(row)
    return found


def actor_rows(rows: list[Row]) -> list[Row]:
    """The 事業の実施者 / 所管課 rows (with the next row when the label stands alone)."""
    found = []
    for i, row in enumerate(rows):
        if row.cells and _ACTOR_LABEL.match(headings.label_form(row.first).text):
            found.append(row)
            nxt = next((r for r in rows[i + 1:i + 3] if r.cells), None)
            if nxt is not None:
                found.append(nxt)
    return found


# A signature line naming the office in charge: 相模原市 こども・若者未来局 こども・若者政策課.
# (a note on the office in brackets after it: 大阪市鶴見区役所 保健福祉課（子育て支援）)
_OFFICE_ROW = re.compile(r"(?:課|局|部|室|係|役所|事務所|支援センター)(?:[(（][^()（）]{1,12}[)）])?$")


def is_office_line(row: Row) -> bool:
    """A line that is only the name of an office (大和市こども部こども総務課, 磯子区福祉保健
    センター こども家庭支援課), or the operator's (運営　特定非営利活動法人…): a report's
    signature, not a sentence. Also the date it was
    signed before it and the co-signers after it, joined by ・ or ／ (令和５年６月　青葉区こども
    家庭支援課・ＮＰＯ法人ラフール運営委員会): each of them an office or a corporation."""
    text = row.compact
    if len(row.filled_cells) != 1 or len(text) > 80 or re.search(r"[。、,，]", text):
        return False
    if len(text) <= 40 and _OFFICE_ROW.search(text) and _OFFICE_NAME.search(text):
        return True
    if len(text) <= 60 and _OPERATOR_LINE.match(text):
        return True  # 運営：特定非営利活動法人ひだまりネット — the operator signing with the office
    dated = _DATE_LINE.match(text)
    names = [name for name in re.split(r"[・／/]", text[dated.end():] if dated else text) if name]
    return (len(names) >= 2 or dated is not None) and bool(names) and all(len(name) <= 40 for name in names) and (
        bool(_OFFICE_ROW.search(names[0]) and _OFFICE_NAME.search(names[0]))
        and all(_OFFICE_ROW.search(name) or _CORPORATION.match(name) for name in names[1:]))


# The operator's line: 運営 (運営団体, 運営者) and the corporation it names.
_OPERATOR_LINE = re.compile(rf"運営(?:者|団体|事業者)?[:：]?{CORPORATION_KIND}")

# An office's name: a place, then its division (…課, …局, …部, …センター).
_OFFICE_NAME = re.compile(r"[一-龥ヶケ]{1,6}[市区町村].*(?:課|局|部|室|係|事務所|センター)(?:[(（][^()（）]{1,12}[)）])?$")


def office_rows(rows: list[Row]) -> list[Row]:
    """Short lines that end with an office's name (the signature of a report or page)."""
    return [r for r in rows if r.cells and len(r.compact) <= 60 and "。" not in r.compact
            and _OFFICE_ROW.search(r.compact)]


def _place_in(text: str) -> str | None:
    """The place a title, 実施者 or office line names: a Yokohama ward (unless a city is
    named right before it, as in 相模原市緑区), else another municipality. Corporation
    names are skipped (an operator called 〇〇町子育てネット is not a town)."""
    text = _CORPORATION.sub(" ", text)
    ward = _WARD_RE.search(text)
    if ward and not _other_city_before(text, ward.start()):
        return canonical_ward(ward.group(0))
    city = next(municipality_names(text), None)
    if city:
        return city.group(1)
    other = _TOKYO_WARD_RE.search(text) or _KANA_CITY_RE.search(text)
    if other:
        return other.group(0)
    ward_of_city = _UNIQUE_CITY_WARD_RE.search(text)
    return _UNIQUE_CITY_WARD[ward_of_city.group(1)] if ward_of_city else None


def ward_of(rows: list[Row]) -> str | None:
    """The ward (or other municipality) a report is about, else None.

    The title naming the hub programme (〇〇区地域子育て支援拠点事業) or the ward
    office's signature wins; then whatever place the title rows, the 実施者
    row or an office signature line name; then the place most named in the
    text. A 区 that is not one of Yokohama's wards is never taken (it is a word
    such as 事業区分, or a ward of another city, whose name is the city's).
    """
    return _stated_place(rows) or _most_named_place(rows)


def _stated_place(rows: list[Row]) -> str | None:
    """The place the report states as its own: its title naming the hub programme, its
    office's signature, its title rows, its 実施者 row or an office line."""
    for pattern in (_TITLE_WARD, _SIGNATURE_WARD):
        for row in rows:
            for m in pattern.finditer(row.compact):
                known = _WARD_RE.search(m.group(1))  # 横浜市泉区… -> 泉区
                if known is None:
                    continue
                start = m.start(1) + known.start()
                if not _other_city_before(row.compact, start):
                    return canonical_ward(known.group(0))
    # (a row's words apart first: 令和２年度　札幌市… is 札幌市, not 年度札幌市; then run together,
    # for a letter-spaced 港 北 区)
    places = [place for row in title_rows(rows) + actor_rows(rows) + office_rows(rows) + _place_rows(rows)
              + hub_label_rows(rows)
              if (place := _place_in(row.normalized) or _place_in(row.compact))]
    if not places:
        return None
    if places[0] in YOKOHAMA_WARDS + TOKYO_WARDS and not any(HOME_CITY in row.compact for row in rows):
        # 南区子育て支援センター … 堺市子ども青少年局: a ward named bare in the title of a report
        # signed by another city, which never says 横浜市, is that city's ward
        other = next((p for p in places[1:] if p not in YOKOHAMA_WARDS), None)
        if other is not None:
            return other
        # 鶴見区つどいの広場 … 大阪市鶴見区役所: a city that has a ward of that name, written with it or
        # named in the report's head (仙台市から…運営を受託 under the title); a Yokohama report citing
        # another city in passing further down stays Yokohama's
        text = "\n".join(row.compact for row in rows)
        head = "\n".join(row.compact for row in [r for r in rows if r.cells][:_HEAD_ROWS])
        city = (city_of_shared_ward(places[0], text, attached=True)
                or city_of_shared_ward(places[0], text, where=head))
        if city is not None:
            return city
    return places[0]


def hub_label_rows(rows: list[Row]) -> list[Row]:
    """The rows naming the hub under its label (施設名 | 大和市地域子育て支援センター　ぽかぽか | 記入者
    | …, 拠点名：…): the report's own place where they name one, however many cells the row has."""
    found = []
    for row in rows:
        if row.cells and row.filled_cells:
            first = norm(" ".join(row.filled_cells[0])).strip()
            if _HUB_LABEL.match(headings.label_form(first).text) or _HUB_LABEL_VALUE.match(first):
                found.append(row)
    return found


_HUB_LABEL_VALUE = re.compile(r"^\W*(?:拠点名|施設名|センター名|事業所名)[\s:：]*\S")


def _place_rows(rows: list[Row]) -> list[Row]:
    """A line near the top that is only a municipality's name (茅ヶ崎市 under 事業評価調書):
    the report's owner, as a sheet heads it."""
    return [r for r in [r for r in rows if r.cells][:_HEAD_ROWS]
            if len(r.filled_cells) == 1 and (_MUNICIPALITY_ONLY.fullmatch(r.compact) or r.compact in KANA_CITIES)]


_MUNICIPALITY_ONLY = re.compile(r"[一-龥ヶケ]{1,4}[市町村]")


# An address in Yokohama: a postal code or an address label, then 横浜市 and the ward (〒235-0016
# 横浜市磯子区…, 所在地：横浜市旭区…, 住所　横浜市…) …
_ADDRESS = re.compile(r"(?:〒|\d{3}[-－]\d{4}|所在地|住所)[^。]{0,12}?横浜市\s*(" + "|".join(_WARD_NAMES) + ")")
# … or 横浜市, the ward, the town and its block number with no label (ひだまり　横浜市旭区鶴ケ峰1-2-3,
# 横浜市緑区中山町３丁目), on a line of no sentence
_BARE_ADDRESS = re.compile(r"横浜市\s*(" + "|".join(_WARD_NAMES) + r")[^\s\d０-９。、]{1,12}?[\d０-９一二三四五六七八九十]+"
                           r"(?:丁目|番地?|[-－‐ー−])")
_ADDRESS_LINE_CHARS = 80
# … or the address without its city (〒241-0022　旭区鶴ケ峰…, 所在地：旭区…), the ward a word of its own
# (not 大阪市旭区): Yokohama's when its postal code is one of Yokohama's, or, with no postal code, when
# the report says elsewhere that it is Yokohama's (旭区 is also 大阪市's, 緑区 相模原市's)
_CITYLESS_ADDRESS = re.compile(r"(?:〒\s*(?:(\d{3})[-－]\d{4})?|(\d{3})[-－]\d{4}|所在地|住所)[^。]{0,12}?"
                               r"(?<![一-龥ヶケ])(" + "|".join(_WARD_NAMES) + ")")
# The first three digits of Yokohama's postal codes (220–227 西区…青葉区, 230–236 鶴見区…金沢区, 240–241
# 保土ケ谷区・旭区, 244–247 戸塚区…栄区; 228–229, 237–239 and 242–243 are other cities').
YOKOHAMA_POSTAL_PREFIXES = frozenset(map(str, (*range(220, 228), *range(230, 237), 240, 241, *range(244, 248))))


def _address_ward(lines: list[str], bare: bool = True, home: bool = False) -> str | None:
    """The ward of the report's own address (the hub's address at its end, or in a page footer),
    read from the source lines and the page context: cleaning drops an address block as page
    furniture. With `bare` False only an address under a postal code or 所在地 / 住所 counts (a bare
    横浜市○○区… line in the text may be a venue's). An address without 横浜市 counts under one of
    Yokohama's postal codes, or with none where `home` (the report names 横浜市 elsewhere). None
    when the addresses name different wards."""
    found = []
    for line in lines:
        text = norm(line)
        m = _ADDRESS.search(text) or (_BARE_ADDRESS.search(text) if bare and len(text) <= _ADDRESS_LINE_CHARS
                                      and "。" not in text else None)
        if m:
            found.append(canonical_ward(m.group(1)))
            continue
        m = _CITYLESS_ADDRESS.search(text)
        if m and not _other_city_before(text, m.start(3)):
            postal = m.group(1) or m.group(2)
            if postal in YOKOHAMA_POSTAL_PREFIXES or (postal is None and home):
                found.append(canonical_ward(m.group(3)))
    return found[-1] if found and len(set(found)) == 1 else None


def _named_in_passing(ward: str, rows: list[Row], source_lines: list[str], address: str | None = None) -> bool:
    """Whether a ward the text names (no title or signature states it) is named once, and no more
    often than the hub the report is of (its nickname, `hub_of`), a hub serving another ward — or
    once where the report's own address (`address`, `_address_ward`) is in another ward: the
    ward is then another ward's hub or partner named in passing (港北区の拠点と合同で研修会を開き),
    not the report's own."""
    times = sum(1 for row in rows for m in _WARD_RE.finditer(_CORPORATION.sub(" ", row.normalized))
                if canonical_ward(m.group(0)) == ward)
    if address is not None and address != ward:
        # the hub's address (横浜市旭区…) states where the report is of; a ward named once in its
        # text is a partner's
        return times == 1
    hub = hub_of(source_lines)
    if hub is None or HUB_WARDS.get(hub) in (None, ward):
        return False
    # once: a ward named twice or more is a theme of the report (港北区全体の情報発信 … 港北区全体の
    # 一元化), its own even where the hub named as often belongs elsewhere (a report filed under
    # another ward's name, as the archive test's relabelled copies are)
    return times == 1 and times <= hubs_named("\n".join(source_lines))[hub]


def _most_named_place(rows: list[Row]) -> str | None:
    """The place the text names most: a Yokohama ward (not one written after another
    city, as in 相模原市緑区), or another municipality named at least twice and more
    often than any ward."""
    wards: Counter[str] = Counter()
    cities: Counter[str] = Counter()
    of_other_city: dict[str, str] = {}  # a ward name written after another city: that city
    of_home_city: set[str] = set()  # a ward name written after 横浜市
    for row in rows:
        text = _CORPORATION.sub(" ", row.normalized)
        for m in _WARD_RE.finditer(text):
            ward = canonical_ward(m.group(0))
            if _other_city_before(text, m.start()):
                of_other_city.setdefault(ward, _city_before(text, m.start()))
            else:
                wards[ward] += 1
                if _ends_before(text, m.start(), len(HOME_CITY)).endswith(HOME_CITY):
                    of_home_city.add(ward)
        for m in municipality_names(text):
            cities[m.group(1)] += 1
    for ward, city in of_other_city.items():
        if ward in wards and ward not in of_home_city and city:
            # 相模原市緑区 once, then 緑区 bare: the same city's ward, not Yokohama's
            cities[city] += wards.pop(ward)
    top = wards.most_common(2)
    # wards named equally often (a city-wide summary citing one example per ward) name none
    ward = top[0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None
    if ward is not None and ward[0] in YOKOHAMA_WARDS:
        # 泉区 named often on a page of 仙台市, which never says 横浜市: that city's ward
        shared = city_of_shared_ward(ward[0], "\n".join(row.compact for row in rows))
        if shared is not None:
            return shared
    city = cities.most_common(1)[0] if cities else None
    if city and city[1] >= 2 and (ward is None or city[1] > ward[1]):
        return city[0]
    return ward[0] if ward else None


# A city's name ending right before a ward's (相模原市 of 相模原市緑区). Only the few
# characters before a position are read (the name and a line end `$` may stand before), so
# that a line naming wards thousands of times costs time in proportion to its length.
_CITY_AT_END = re.compile(r"[一-龥ヶケ]{1,4}[市町村]$")
_CITY_AT_END_CHARS = 4 + 1 + 1


def _city_name_before(text: str, pos: int) -> re.Match[str] | None:
    """The kanji municipality name that ends right at `pos` (read from a bounded window)."""
    return _CITY_AT_END.search(text, max(0, pos - _CITY_AT_END_CHARS), pos)


def _ends_before(text: str, pos: int, width: int) -> str:
    """Up to `width` characters of `text[:pos]` with trailing whitespace stripped: what
    `text[:pos].rstrip()` ends with, without copying the whole head of a long line."""
    end = pos
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[max(0, end - width):end]


def _city_before(text: str, pos: int) -> str | None:
    """The other city named right before position `pos` (相模原市 of 相模原市緑区)."""
    m = _city_name_before(text, pos)
    if m is not None and not m.group(0).endswith(HOME_CITY):
        city = next(municipality_names(m.group(0)), None)
        return city.group(1) if city else m.group(0)
    before = _ends_before(text, pos, _KANA_CITY_CHARS)
    return next((c for c in KANA_CITIES if before.endswith(c)), None)


def _other_city_before(text: str, pos: int) -> bool:
    """'川崎市川崎区…', '相模原市緑区…', 'さいたま市緑区…': the 区 belongs to the city named
    right before it."""
    m = _city_name_before(text, pos)
    if m is not None and not m.group(0).endswith(HOME_CITY):
        return True
    return _ends_before(text, pos, _KANA_CITY_CHARS).endswith(KANA_CITIES)


# Cities whose names are written in kana (the municipality pattern reads kanji names).
KANA_CITIES = ("さいたま市", "つくば市", "つくばみらい市", "ひたちなか市", "いわき市", "みどり市", "かすみがうら市",
               "いすみ市", "いなべ市", "あわら市", "さぬき市", "かほく市", "たつの市", "みやま市", "うきは市", "えびの市",
               "むつ市", "南アルプス市")
_KANA_CITY_RE = re.compile("|".join(KANA_CITIES))
_KANA_CITY_CHARS = max(map(len, KANA_CITIES))


def operator_of(rows: list[Row]) -> str | None:
    """The operating corporation (運営法人), e.g. 特定非営利活動法人 ちょこっといずみ, as
    written in the 実施者 row (or the first row naming a corporation)."""
    ordered = actor_rows(rows) + rows
    for row in ordered:
        m = _CORPORATION.search(row.normalized_source)
        if not m:
            continue
        operator = _balanced(m.group(1))
        # The 実施者 row continues with the ward office; cut it off.
        operator = _OFFICE_AFTER_OPERATOR.split(operator)[0]
        for ward in YOKOHAMA_WARDS:
            if operator.endswith(ward):
                operator = operator[: -len(ward)]
        return operator.strip() or None
    return None


def _balanced(name: str) -> str:
    """Drop closing brackets that close something opened before the name: （運営：NPO法人ぽかぽか）."""
    while name[-1:] in (")", "）") and (name.count("(") + name.count("（")) < (name.count(")") + name.count("）")):
        name = name[:-1]
    return name


def hub_of(lines: list[str]) -> str | None:
    """The hub's name (拠点の愛称) most named in the source lines. Counted in the source,
    not the cleaned rows: a hub's own web page may name it only in the site menu or
    address block (とことこブログ, とことこビル 3階), which cleaning drops."""
    counts = hubs_named("\n".join(lines))  # (no name holds a line break: one pass per name)
    return counts.most_common(1)[0][0] if counts else None


# A known hub's name however a report spells it: full or half width, in capitals or small letters
# (ＰＯＰＯＬＡ, popola), without its middle dot or letter-spaced (スマイルポート), its kana word in kanji
# (わっくん広場) or its kanji in kana (はぐはぐのき). Each name and the text are read in one folded form.
_HUB_FOLDS = (("広場", "ひろば"), ("樹", "き"))
_HUB_FOLD_DROP = re.compile(r"[・･ \u3000\t]")


def _hub_fold(text: str) -> str:
    text = _HUB_FOLD_DROP.sub("", norm(text).casefold())
    for written, read in _HUB_FOLDS:
        text = text.replace(written, read)
    return text


_FOLDED_HUB_NAMES = {_hub_fold(hub): hub for hub in HUB_NAMES}


def hubs_named(text: str) -> Counter[str]:
    """How often the text names each known hub (`HUB_NAMES`), under the name the list holds."""
    folded = _hub_fold(text)
    return Counter({hub: n for name, hub in _FOLDED_HUB_NAMES.items() if (n := folded.count(name))})


def _spelled_otherwise(folded: str) -> str:
    """A pattern of a folded hub name as a (normalised) text may spell it: a folded word in either
    spelling (ひろば / 広場, き / 樹), a middle dot or spaces between any two letters (case is the
    pattern's flag)."""
    units, i = [], 0
    while i < len(folded):
        for written, read in _HUB_FOLDS:
            if folded.startswith(read, i):
                units.append(f"(?:{re.escape(read)}|{re.escape(written)})")
                i += len(read)
                break
        else:
            units.append(re.escape(folded[i]))
            i += 1
    return r"[・･ \u3000]*".join(units)


# Every known hub's name however a text spells it (what `hubs_named` counts), as one pattern for
# a reader that marks or sets aside the names where they stand (wardparts' headings); the
# name the list holds is `listed_hub(match)`. (Texts are matched after `norm`: full width folded.)
HUB_WORD = re.compile("|".join(_spelled_otherwise(f) for f in sorted(_FOLDED_HUB_NAMES, key=len, reverse=True)),
                      re.IGNORECASE)


def listed_hub(written: str) -> str | None:
    """The name `HUB_NAMES` holds for a hub's name as a text spells it (わっくん広場 → わっくんひろば)."""
    return _FOLDED_HUB_NAMES.get(_hub_fold(written))


# Where a report states the hub it is of, when its name is none of HUB_NAMES: after the
# programme's name (旭区地域子育て支援拠点ひだまり　令和２年度…, 座間市地域子育て支援センターひまわり
# センター長…), in a title, a page header or footer, a signature, or as the value of a 拠点名 /
# 施設名 label. The name runs to a space, a bracket, a year or the document's own words.
HUB_PREFIX = re.compile(r"(?:地域子育て支援(?:拠点|センター)|子育て支援センター|つどいの広場|子育て(?:ひろば|広場))"
                         r"(?:サテライト|分室)?[ \u3000]?")
_HUB_NAME_END = re.compile(r"[\s\u3000（()「『【［\[〈<、。，,・:：／/|]|令和|平成|[RＲHＨ][0-9０-９元]|[0-9０-９]|年度"
                           r"|事業|重点|評価|報告|振り返り|のまとめ|サテライト|分室|本体|運営|センター長|施設長|拠点長")
# A name is no hub's when it is a word of the report (における…, の事業, 等) or names a place or office.
# (自己 / 第三者 / 中間 run into 評価シート; 指定管理者 / 所管課 label the next item on the line)
_NOT_HUB_NAME = re.compile(r"^(?:の|に|における|について|に関する|として|では|で|と$|等|など|及び|および|全体|各|内)"
                           r"|^(?:自己|第三者|外部|総合|中間|単年度)$"
                           r"|[区市町村]$|事業|評価|目標|計画|支援|利用|相談|区役所|こども家庭|子育て|拠点|法人|管理者|所管|担当")
# A name opening a line, the programme's name in brackets after it: いそっぴ（磯子区地域子育て支援拠点）.
_NAME_BEFORE_PROGRAMME = re.compile(r"^([^\s()（）「」【】、。:：]{2,16})[(（][^()（）]{0,12}"
                                    r"(?:地域子育て支援(?:拠点|センター)|子育て支援センター|つどいの広場)[^()（）]{0,8}[)）]")
_KANA_WORD = re.compile(r"[ぁ-んァ-ヶー・]{2,16}")
# The labels whose value is the hub's name (拠点名：…, 施設名 | …).
_HUB_LABEL = re.compile(r"^(?:拠点名|拠点|施設名|施設|センター名|事業所名|実施施設|実施場所名)(?:称)?[:：]?$")


def _hub_name_in(text: str, prefixed: bool = True) -> str | None:
    """The hub name a line states after the programme's name (or, `prefixed` False, a label's
    whole value: わっくんひろば, 地域子育て支援拠点ひなたぼっこ), else None."""
    text = norm(text).strip()
    before = _NAME_BEFORE_PROGRAMME.match(text) if prefixed else None
    if (before and not _NOT_HUB_NAME.search(before.group(1)) and not _WARD_RE.search(before.group(1))
            and not _HUB_NAME_END.search(before.group(1))):
        # いそっぴ（磯子区地域子育て支援拠点）　施設長…: the name, then the programme it runs in brackets
        return before.group(1)
    m = HUB_PREFIX.search(text)
    if m:
        rest = text[m.end():]
    elif not prefixed:
        rest = text
    else:
        return None
    if m is None:
        # a label's value naming the facility, then its nickname (東区子どもプラザ　ひがしっこ): the
        # nickname, the value's last word when that is in kana
        words = rest.split()
        if len(words) > 1 and _KANA_WORD.fullmatch(words[-1]):
            rest = words[-1]
    quoted = re.match(r"[「『]([^「」『』]{2,16})[」』]", rest)
    if quoted:
        rest = quoted.group(1)  # 子育て支援センター「すくすくランド」: the name in its quotes
    end = _HUB_NAME_END.search(rest)
    name = rest[:end.start()] if end else rest
    if end is not None and rest[end.start()] in ":：":
        return None  # 指定管理者：… (the next label on the line), no name
    if end is not None and not prefixed and m is None and rest[end.start()] not in " \u3000（(":
        return None
    if not 2 <= len(name) <= 16 or _NOT_HUB_NAME.search(name) or _WARD_RE.fullmatch(name):
        return None
    return name


def stated_hub(rows: list[Row], context: tuple[str, ...] = ()) -> str | None:
    """The hub's name as the report states it where no known nickname (`HUB_NAMES`) is named: the
    value of a 拠点名 / 施設名 label, else a title, page header or footer, or signature line naming
    the hub after the programme's name (地域子育て支援拠点ひだまり); the name most often stated,
    None when none is."""
    labelled: Counter = Counter()
    named: Counter = Counter()
    column: int | None = None  # a table's 拠点名 column (年度 | 区名 | 拠点名 | 重点目標 …)
    for row in rows:
        if not row.cells:
            column = None
            continue
        if len(row.filled_cells) >= 3:
            header = [i for i, c in enumerate(row.cells)
                      if c and _HUB_LABEL.match(headings.label_form(" ".join(c)).text)]
            after = next((" ".join(c) for c in row.cells[header[0] + 1:] if c), "") if len(header) == 1 else ""
            if (len(header) == 1 and not any("。" in " ".join(c) for c in row.cells)
                    and _hub_name_in(after, prefixed=False) is None):
                # (拠点名 | 港南区地域子育て支援拠点はっちー | 運営法人 | … is a label and its value)
                column = header[0]
                continue
            if column is not None and column < len(row.cells) and row.cells[column]:
                # a row of a system's export under its 拠点名 column: that cell's name
                if name := _hub_name_in(" ".join(row.cells[column]), prefixed=False):
                    labelled[name] += 1
                continue
        cells = [norm(" ".join(c)).strip() for c in row.filled_cells]
        first = headings.label_form(cells[0]).text if cells else ""
        label = re.match(r"^\W*(?:拠点名|施設名|センター名|事業所名)[\s:：]*(.*)$", cells[0]) if cells else None
        if _HUB_LABEL.match(first) and len(cells) >= 2:
            name = _hub_name_in(cells[1], prefixed=False)
        elif label and label.group(1):
            name = _hub_name_in(label.group(1), prefixed=False)
        else:
            name = None
        if name:
            labelled[name] += 1
            continue
        text = row.compact
        if "。" in text or len(text) > 80:
            continue
        for cell in cells:
            name = _hub_name_in(cell)
            if name:
                named[name] += 1
    for line in context:
        if "。" not in line and len(line) <= 80 and (name := _hub_name_in(line)):
            named[name] += 1
    for counts in (labelled, named):
        if counts:
            return counts.most_common(1)[0][0]
    # a title opening with the hub's nickname alone, then the year and the report's kind (ひだまり
    # 令和２年度　年度評価), or standing between the year and the report's kind (令和２年度　ひだまり
    # 年度評価): the first title row of the text, else of the page context
    for row in title_rows(rows)[:1] + title_rows(_rows("\n".join(context)))[:1]:
        text = norm(row.text).strip()
        m = _NICKNAME_TITLE.match(text)
        if m and not _NOT_A_NICKNAME.fullmatch(m.group(1)) and wareki.find_years(m.group(2)):
            return m.group(1)
        m = _NICKNAME_AFTER_YEAR.match(text)
        if m and not _NOT_A_NICKNAME.fullmatch(m.group(2)) and wareki.find_years(m.group(1)):
            return m.group(2)
    return None


# A nickname standing alone: a kana word (ひだまり), or kanji then kana (陽だまり, 森のおうち — parser33:
# a nickname no list holds, written with a kanji; a word of kanji only is a ward's or a report's
# word, and kanji and kana alternating is a verb's (振り返り, 取り組み), so neither is read)
# (拠点での, 区について: kanji then particles is a phrase, no name)
_NICKNAME = (r"(?:[ぁ-ゖァ-ヺー・]{2,12}|[一-龥々]{1,3}"
             r"(?!(?:での|について|による|として|における|まで|から|より|への|との|など|ほか|ごと)(?:[ \u3000]|$))"
             r"[ぁ-ゖァ-ヺー・]{2,10})")
# A title opening with a nickname, a space, then the year and what the report is.
_NICKNAME_TITLE = re.compile(rf"^({_NICKNAME})[ \u3000]+(.*(?:評価|振り返り|ふりかえり|報告|まとめ|重点目標).*)$")
# … or a year, a space, the nickname, a space, then what the report is (令和２年度　ひだまり　年度評価).
_NICKNAME_AFTER_YEAR = re.compile(rf"^(\S{{2,16}}年度)[ \u3000]+({_NICKNAME})[ \u3000]+"
                                  r"(\S*(?:評価|振り返り|ふりかえり|報告|まとめ|重点目標)\S*)$")
# Kana words a title may open with (or hold after its year) that name no hub.
_NOT_A_NICKNAME = re.compile(r"はじめに|おわりに|まとめ|ふりかえり|ごあいさつ|あいさつ|おしらせ|お知らせ|こども|こそだて|"
                             r"レポート|シート|データ|チェック|アンケート|ひろば|サロン|センター|プラザ|ステーション")


def doc_type_of(rows: list[Row]) -> str:
    """5か年のまとめ (however the five years are written), 単年度評価 (重点目標), else unknown.

    A five-year title wins; a report with 重点目標 is yearly even if its text
    mentions a five-year summary in passing."""
    if any(FIVE_YEAR_TITLE.search(row.compact) or (MID_TERM_TITLE.search(row.compact) and not _HALF_YEAR.search(row.compact))
           for row in title_rows(rows)):
        return records.FIVE_YEAR
    if any(headings.programme_table_columns([" ".join(c) for c in row.cells]) for row in rows if row.cells):
        return records.FIVE_YEAR  # a table of the programmes with their self-evaluations (open data)
    if any("重点目標" in row.compact for row in rows):
        return records.YEARLY
    if any(FIVE_YEAR_TITLE.search(row.compact) for row in rows):
        return records.FIVE_YEAR
    if _has_goal_blocks(rows):
        return records.YEARLY
    return records.UNKNOWN


def _has_goal_blocks(rows: list[Row]) -> bool:
    """Goals with what came of them, in words other than 重点目標: a goal heading
    (目標1, 令和3年度の目標, 今年度の目標) — or a numbered or bulleted line right above a 取組内容
    heading (1. 多胎児を… / 取組：…; ◆ 居場所をつくる。 / 取組内容：…) — and a 成果 or 課題 heading, or a table header naming
    both (目標（ねらい） | 実践内容 | 効果 | 今後の課題)."""
    from . import goaltables  # (goaltables builds on blocks, which reads this module's titles)

    filled = [row for row in rows if row.cells]
    found = [headings.heading_key(row.first) for row in filled]
    keys = {h.key for h in found if h}
    # the heading each row stands over, a table of the goal's figures passed (【1】… / 指標 |
    # 目標値 | 実績値 / … / 取組状況)
    over = [headings.heading_key(r.first) if (r := goaltables.past_figures(filled, i + 1)) is not None else None
            for i in range(len(filled))]
    numbered_goal = any((h is None and (headings.leading_number(row.first) is not None
                                        or headings.BULLET_LINE.match(row.first))
                         # 取組①　出張ひろばを開く / 内容：…: a numbered 取組 with its own content label
                         or (h is not None and h.key == headings.CONTENT and h.rest
                             and headings.leading_number(h.rest) is not None))
                        and nxt is not None and nxt.key == headings.CONTENT
                        for row, h, nxt in zip(filled, found, over))
    if (headings.GOAL in keys or numbered_goal) and keys & {headings.OUTCOME, headings.ISSUE}:
        return True
    # 目標１：… above a table whose header names its sections (取組内容 | 成果 | 課題 | 評価)
    if headings.GOAL in keys and any(
            len(row.filled_cells) >= 2 and {h.key for c in row.cells if c for h in [headings.heading_key(" ".join(c))] if h}
            & {headings.OUTCOME, headings.ISSUE} for row in filled):
        return True
    # a goal table's header: 目標（ねらい） | 実践内容 | 効果 | 今後の課題
    for row in filled:
        cells = {h.key for c in row.cells if c for h in [headings.heading_key(" ".join(c))] if h is not None}
        if headings.GOAL in cells and cells & {headings.OUTCOME, headings.ISSUE}:
            return True
        # 項目 | 事業１ … | 事業２ … over rows labelled 実施内容 / 実績 / 改善の方向性: a goal per column
        if keys & {headings.OUTCOME, headings.ISSUE} and goaltables.goal_per_column(row):
            return True
        # (項目 | 年度計画（目標） | 取組内容 | 成果 | 課題: a goal column the table reader knows)
        columns = set((goaltables.goal_table_columns(row) or {}).values()) if len(row.filled_cells) >= 3 else set()
        if headings.GOAL in columns and columns & {headings.OUTCOME, headings.ISSUE}:
            return True
    return False


def evaluated_year_of(rows: list[Row]) -> wareki.YearMention | None:
    """The fiscal year a yearly report evaluates: the year in front of its evaluation
    heading (令和5年度重点目標の評価, 2023年度 重点目標評価結果, 令和3年度 重点目標と取組の成果・課題)."""
    for row in rows:
        if not row.cells:
            continue
        text = headings.label_form(row.first).text
        m = headings.EVAL_PHRASE.search(text)
        if not m and (after := headings.year_evaluated_after_period(row.first)) is not None:
            # 重点目標（令和３～５年度）　令和５年度の振り返り: the year after the goals' period
            return wareki.find_years(after)[-1]
        if not m:
            continue
        years = [y for y in wareki.find_years(text[: m.start()]) if y.end <= m.start()]
        if years:
            return years[-1]
    return None


# The date a report was written (作成日：令和5年3月31日).
_WRITTEN_LABEL = re.compile(r"^(?:作成日|作成年月日|記入日|報告日|提出日|作成)")
_MONTH = re.compile(r"\s*(\d{1,2})\s*月")
# A line that is only a date (令和6年5月31日, 2024年5月): the date a letter-style report is
# signed, as a 作成日 states it.
_DATE_LINE = re.compile(r"(?:(?:令和|平成)(?:元|\d{1,2})|(?:19|20)\d{2})年\d{1,2}月(?:\d{1,2}日)?")


def is_date_line(row: Row) -> bool:
    """A line that is only a date (令和6年5月31日): a signed report's date, not a goal's text."""
    first = row.first  # (cheap tests first: this is asked of every row after a goal)
    return (len(first) <= 24 and "月" in first and len(row.filled_cells) == 1
            and bool(_DATE_LINE.fullmatch(row.compact)))


def written_year_of(rows: list[Row]) -> wareki.YearMention | None:
    """The fiscal year a yearly report that states no year evaluates, from the date it was
    written (作成日：…, or a line that is only a date, as a signed report ends): the fiscal year that ends with or most recently before that date (an
    evaluation is written at the end of its year, 令和5年3月31日 → 令和4年度, or soon after
    it, 令和5年6月 → 令和4年度)."""
    for row in rows:
        if not row.cells or not (_WRITTEN_LABEL.match(headings.label_form(row.first).text)
                                 or is_date_line(row)):
            continue
        text = row.normalized
        for mention in wareki.find_years(text):
            month = _MONTH.match(text, mention.end)
            if month is None:
                continue
            year = mention.year_from - (1 if int(month.group(1)) >= 4 else 0)
            return wareki.YearMention(year, year, wareki.western_to_label(year), 0, 0)
    return None


def period_of(rows: list[Row]) -> wareki.YearMention | None:
    """The fiscal years a document covers, from its period line (対象期間 令和3年度～7年度,
    事業実施期間 2023年4月1日～2024年3月31日, 評価対象年度 令和4年度) or a title stating
    a year; None when the document does not say."""
    for i, row in enumerate(rows):
        if not row.cells:
            continue
        label = headings.label_form(row.first).text
        m = _PERIOD_LABEL.match(label)
        if not m:
            continue
        value = _rest_after_label(row, m.end()).strip()
        if not wareki.find_years(value):
            nxt = next((r for r in rows[i + 1:i + 3] if r.cells), None)
            value = nxt.normalized if nxt is not None else ""
        mention = _span(value)
        if mention:
            return mention
    for row in title_rows(rows):
        mention = _span(row.normalized)
        if mention:
            return mention
    for row in [r for r in rows if r.cells][:_HEAD_ROWS]:
        mention = _year_line(row)
        if mention:
            return mention
    return None


# A short line near the top that opens with the fiscal year(s) the report is about, beside the
# hub's name or alone (令和３年度　かなーちえ under the title; （平成26年度から平成30年度まで）).
_HEAD_ROWS = 6
_YEAR_LINE_CHARS = 30
_YEAR_LINE_OPENING = re.compile(r"^[(\[<【〔《]?")


def _year_line(row: Row) -> wareki.YearMention | None:
    text = row.normalized.strip()
    if len(row.compact) > _YEAR_LINE_CHARS or "。" in text or "年度" not in text:
        return None
    years = wareki.find_years(text)
    if not years or years[0].start != _YEAR_LINE_OPENING.match(text).end() or "年度" not in years[0].label:
        return None
    return _span(text.strip("()[]<>【】〔〕《》 "))


# Two fiscal years joined as a range: 令和元年度から令和５年度まで, 平成27年度～令和元年度.
_RANGE_JOIN = re.compile(r"(?:(?<!\s)\s+)?(?:から|より|[～〜~\-－‐ー])\s*")
_SENTENCE_RANGE_ROWS = 10


def period_in_sentence(rows: list[Row]) -> wareki.YearMention | None:
    """A range of fiscal years written in a sentence near the top (本報告は、令和元年度から
    令和５年度までの５年間を振り返ったものです。): the period a summary covers when no period
    line or title states it. The first such range of two to ten years, else None."""
    for row in [r for r in rows if r.cells][:_SENTENCE_RANGE_ROWS]:
        text = row.normalized
        years = wareki.find_years(text)
        for first, second in zip(years, years[1:]):
            if (_RANGE_JOIN.fullmatch(text[first.end:second.start]) and "年度" in first.label + second.label
                    and 1 <= second.year_to - first.year_from <= 9):
                return wareki.YearMention(first.year_from, second.year_to, text[first.start:second.end], 0, 0)
        for mention in years:
            if 1 <= mention.year_to - mention.year_from <= 9 and "年度" in mention.label:
                return mention  # 令和元年度～５年度 read as one mention
    return None


def _rest_after_label(row: Row, label_chars: int) -> str:
    first = headings.text_after(row.first, headings.label_form(row.first).prefix_chars + label_chars)
    others = [item for cell in row.cells for item in cell][1:]
    return norm(" ".join([first] + others))


def _span(value: str) -> wareki.YearMention | None:
    years = wareki.find_years(value)
    if not years:
        return None
    first, last = years[0], years[-1]
    label = value.split("(")[0].strip()
    if not wareki.find_years(label):
        # a title with the years in brackets: 5カ年の振り返り(平成27年度~平成31年度)
        label = value[first.start:last.end].strip()
    return wareki.YearMention(first.year_from, max(first.year_from, last.year_to), label, 0, 0)


@dataclass
class Detected:
    """What the detectors found in one document's rows."""

    ward: str | None
    doc_type: str
    operator: str | None
    hub: str | None
    evaluated_year: wareki.YearMention | None
    period: wareki.YearMention | None
    written_year: wareki.YearMention | None = None  # see written_year_of


def detect(rows: list[Row], source_lines: list[str], context: tuple[str, ...] = (), source: str = "") -> Detected:
    """Every detector over one document's rows (and its source lines, for the hub name).

    A ward the text does not name is read from the text around it (`context`: a web
    page's title and footer, a PDF's running footer) and then from the file's name
    (R2_南区拠点_振り返り.txt), under the same rule as the text (相模原市南区 is not
    Yokohama's 南区), then from the report's address block (〒… 横浜市磯子区…), and last
    from the hub's nickname (どろっぷ → 港北区). A year the text does not state is read from
    the same context (its title's or period line's year, never a date), then from the file's name."""
    ward = _stated_place(rows)
    named = _place_in(norm(PurePath(source).with_suffix("").as_posix())) if source else None
    spelled = ward_in_file_name(PurePath(source).stem) if source and named is None else None
    if ward is None and named is not None and named not in YOKOHAMA_WARDS:
        # a report filed under another city's name (鎌倉市_子育て支援センター_R2.txt) that only
        # mentions a Yokohama ward as its neighbour (栄区の拠点と合同で…) is that city's
        ward = named
    # (the hub's address, in the text or in a page header or footer: 〒… 横浜市旭区…, 所在地：…; as
    # evidence against a ward the text names once, only one under its postal code or label, or in
    # the page context: a bare address line in the text may be a venue's)
    home = any(HOME_CITY in norm(line) for line in [*source_lines, *context])  # 横浜市 anywhere
    address = _address_ward(source_lines + list(context), home=home)
    stated_address = _address_ward(source_lines, bare=False, home=home) or _address_ward(list(context), home=home)
    if ward is None:
        ward = _most_named_place(rows)
        if ward in YOKOHAMA_WARDS and _named_in_passing(ward, rows, source_lines, stated_address):
            # わっくんひろばでは… and 港北区の拠点と合同で… once: the report is of its hub, whose ward
            # the later evidence (context, file name, address) or the hub itself tells
            ward = None
    if ward in YOKOHAMA_WARDS + TOKYO_WARDS and (context or source):
        # 中央区 in the heading of a page whose title or footer names 浜松市, 南区 in a report filed
        # as 相模原市_南区….txt (and never 横浜市): that city's ward
        around = [*context, compact(norm(PurePath(source).stem)) if source else ""]
        text = "\n".join([*around, *(row.compact for row in rows)])
        ward = city_of_shared_ward(ward, text, where="\n".join(around)) or ward
    if ward is None and context:
        ward = ward_of(_rows("\n".join(context)))
    if ward is None:
        ward = named
    if ward is None:
        ward = address
    if ward is None:
        # a file named in Latin letters or kana only (konan-ku_r6_report.txt)
        ward = spelled
    hub = hub_of(source_lines)
    if hub is None and context:
        # a report whose text names no hub, printed with its hub in every page's header or footer
        # (地域子育て支援拠点にこりこ): that hub, when the context names one and no other (a site's
        # menu listing every hub names none)
        named = {name for line in context for name in hubs_named(line)}
        hub = named.pop() if len(named) == 1 else None
    if hub is None:
        # a hub whose nickname the list does not hold (ひだまり, いそっぴ, a centre of another city):
        # its name where the report states it (拠点名 label, title, page header, signature)
        hub = stated_hub(rows, context)
    if ward is None:
        # a hub's page naming only its nickname (どろっぷ): the ward that hub serves
        ward = HUB_WARDS.get(hub or hub_of(list(context)) or "")
    evaluated, period, written = evaluated_year_of(rows), period_of(rows), written_year_of(rows)
    if evaluated is None and period is None and written is None and context:
        # a report whose text states no year, titled with one in its page header (a Word
        # report's first-page header: 緑区…　令和５年度　事業評価) or its web page's <title>
        around = _rows("\n".join(context))
        evaluated, period = evaluated_year_of(around), period_of(around)
    if evaluated is None and period is None and written is None and source:
        # a report whose text states no year, filed under one (kohoku_R5_hyoka.txt)
        period = year_in_file_name(PurePath(source).stem)
    return Detected(
        ward=ward, doc_type=doc_type_of(rows), operator=operator_of(rows), hub=hub,
        evaluated_year=evaluated, period=period, written_year=written,
    )


# No hub evaluation predates the Heisei era: an earlier year in a file name is something else (S1).
_FIRST_REPORT_YEAR = 1989


def year_in_file_name(name: str) -> wareki.YearMention | None:
    """The one fiscal year a file name states (R5, 令和5年度, H30, 2023年度, 2023): None when it
    states none or several (R1-R5 is a period the text should state)."""
    s = norm(name)
    years = wareki.find_years(s)
    if not years:
        years = [wareki.YearMention(int(m.group(1)), int(m.group(1)), m.group(1), m.start(), m.end())
                 for m in re.finditer(r"(?<!\d)((?:19|20)\d{2})(?!\d)", s)]
    if len(years) != 1 or years[0].year_from != years[0].year_to or years[0].year_from < _FIRST_REPORT_YEAR:
        return None
    return wareki.YearMention(years[0].year_from, years[0].year_to, wareki.western_to_label(years[0].year_from), 0, 0)


# --- text-level wrappers -----------------------------------------------------------


def _rows(text: str) -> list[Row]:
    return to_rows(text)[1]


def find_ward(text: str) -> str | None:
    return ward_of(_rows(text))


def find_operator(text: str) -> str | None:
    return operator_of(_rows(text))


def find_hub(text: str) -> str | None:
    return hub_of(text.split("\n"))


def find_doc_type(text: str) -> str:
    return doc_type_of(_rows(text))


def find_evaluated_year(text: str) -> wareki.YearMention | None:
    return evaluated_year_of(_rows(text))


def find_period(text: str) -> wareki.YearMention | None:
    return period_of(_rows(text))

