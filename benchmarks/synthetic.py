"""Synthetic hub reports for speed and scale benchmarks — never for quality numbers.

The five seed reports in ``corpus/`` are too few to say how the index behaves at
10 000 or 100 000 passages, so this module writes as many reports as needed by
recombining the seeds: their section sentences (取組内容 / 取組の成果 / 取組の課題,
評価の理由, 成果 / 課題 …) are parsed with the real parser, tagged by theme
(妊娠期, 父親, 多胎, 外国につながる親子, 子育てサポートシステム …) and drawn into new
reports for all 18 wards over many fiscal years, with ward and hub names
swapped, years shifted (written in 和暦), counts varied and light wording
changes. Every report takes one of the shapes the seeds show:

* ``web``      — a yearly evaluation as web-page text (tab cells with inline ``<p>/<ul>``);
* ``plain``    — a yearly evaluation with a goal list ①②③ and numbered items, plus a
  website menu / address block at the end;
* ``pdf``      — PDF text: full-width digits, lines wrapped mid-sentence, the header
  block in the middle of the page and 成果/課題 blocks away from their goal;
* ``noheader`` — a yearly evaluation without title or 実施者 (the ward is only named in
  the body);
* ``five``     — a five-year summary (5か年のまとめ) over the seven programmes.

The text is plausible but invented: figures, names and outcomes do not describe
any real hub. Output is deterministic for a given seed (and seed corpus).
"""

from __future__ import annotations

import hashlib
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from indexer import records
from indexer.clean import CIRCLED, norm
from indexer.metadata import HUB_NAMES, WARD_ALIASES, YOKOHAMA_WARDS
from indexer.parse import parse_text

SEED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FIRST_YEAR, LAST_YEAR = 2012, 2025
FILE_PREFIX = "syn_"
KINDS = ("web", "plain", "pdf", "noheader", "five")
_KIND_WEIGHTS = (0.32, 0.2, 0.19, 0.17, 0.12)
# Doc kinds forced on the first documents so that even a small corpus holds every shape.
_FIRST_KINDS = ("web", "pdf", "five", "noheader", "plain")

WARD_ROMAJI = {
    "鶴見区": "tsurumi", "神奈川区": "kanagawa", "西区": "nishi", "中区": "naka", "南区": "minami",
    "港南区": "konan", "保土ケ谷区": "hodogaya", "旭区": "asahi", "磯子区": "isogo",
    "金沢区": "kanazawa", "港北区": "kohoku", "緑区": "midori", "青葉区": "aoba", "都筑区": "tsuzuki",
    "戸塚区": "totsuka", "栄区": "sakae", "泉区": "izumi", "瀬谷区": "seya",
}
# Invented names, so that no synthetic figure reads as a real hub's.
_EXTRA_HUBS = ("ぽかぽかひろば", "こもれびルーム", "ひなたっこ", "みらいのたね")
_OPERATORS = (
    "特定非営利活動法人 こもれびの会", "特定非営利活動法人 ちいさなて", "社会福祉法人 みなと福祉会",
    "特定非営利活動法人 よこはまネスト", "公益財団法人 子ども未来財団よこはま", "特定非営利活動法人 すくすくの木",
    "一般社団法人 ひだまり協働舎", "特定非営利活動法人 まちとこども", "社会福祉法人 あおば会",
    "特定非営利活動法人 ふれあいネット", "NPO法人 にじいろ子育て", "特定非営利活動法人 つむぎ",
)
# Operators and hub names that the seed reports mention in running text.
_SEED_NAMES = ("シャーロックホームズ", "ちゅーりっぷ", "ちょこっといずみ", "横浜YMCA") + HUB_NAMES
_TOWNS = ("本町", "中央", "桜台", "緑町", "宮前", "富士見町", "東町", "港町")

PROGRAMME_HEADINGS = {
    1: "親子の居場所事業", 2: "子育て相談事業", 3: "情報収集・提供事業", 4: "ネットワーク事業",
    5: "人材育成・活動支援事業", 6: "横浜子育てサポートシステム区支部事務局運営事業", 7: "利用者支援事業",
}
_PROGRAMME_LIST = (
    "乳幼児の遊びと育ちの場及びその養育者の交流の場の提供(親子の居場所事業)",
    "子育てに関する相談及び関係機関との連携に関すること(子育て相談事業)",
    "子育てに関する情報の収集及び提供に関すること(情報収集・提供事業)",
    "子育てに関する支援活動を行う者同士の連携に関すること(支援者ネットワーク事業)",
    "子育てに関する支援活動を行う者の育成、支援に関すること(人材育成、活動支援事業)",
    "地域の住民同士で子どもを預け、預かる支え合いの促進に関すること(横浜子育てサポートシステム区支部事務局運営事業)",
    "子育て家庭のニーズに応じた施設・事業等の利用の支援に関すること(利用者支援事業)",
)
_PURPOSE = ("市民が安心して子どもを生み育て、子育てに喜びを感じることができる社会環境を形成し、"
            "子育てを地域全体で支援する地域力の創出に寄与することを目的とします。")
_PRINCIPLES = (
    "{ward}における、地域による子育て支援の拠点施設としての運営",
    "子どもの視点に立ち、すべての就学前児童及びその養育者、並びに子育てに関する支援活動を行う者に開かれた運営",
    "子どもと家庭を支援する各種の行政等機関・地域等との連携を図る運営",
    "利用者の意見、子育てをめぐる社会情勢、市民ニーズの変化に柔軟に対応できる運営",
    "子ども及びその養育者の育ちを支援するとともに、養育者自身が事業の担い手として関わることができる視点に立った運営",
    "地域の人と人とのつながりを広げ、地域ぐるみの子育て支援を目指す運営",
)
_METHOD = (
    "今年度の取組状況や利用者アンケート結果等をもとに、協働契約書中の役割分担表の項目に沿って設定した、"
    "今年度の達成目標のうち、当該年度に特に重点的に取り組む達成目標である「重点目標」について、"
    "以下の通り、相互振り返りを踏まえた取組成果と課題を公表します。",
    "今年度の取組状況や成果、課題を踏まえ、次年度の重点目標を公表します。",
)

# Themes: keywords that tag seed sentences, and goal wordings in the reports' own style.
THEMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "妊娠期": (("妊娠", "プレママ", "プレパパ", "両親教室", "沐浴", "産後", "出産", "マタニティ"), (
        "妊娠期からの切れ目のない支援について、{partner}と連携しながら取り組みます。",
        "妊娠期の家庭が拠点や地域の支援の場とつながり、産後も安心して子育てができるよう取り組みます。",
        "プレママ・プレパパが出産前から拠点を知り、産後の利用につながる仕組みを{partner}と共に作ります。",
    )),
    "父親": (("父親", "パパ", "夫婦"), (
        "父親の育児参加を支え、父親同士がつながれる機会を{partner}と共に広げます。",
        "父親への支援を意識し、夫婦で子育てに取り組めるよう講座や交流の場をつくります。",
    )),
    "多胎": (("多胎", "双子", "ツイン", "三つ子"), (
        "多胎児を育てる家庭が孤立しないよう、当事者同士の交流と{partner}との連携を進めます。",
        "双子・三つ子など多胎児家庭のニーズを把握し、妊娠期から利用につながる支援を行います。",
    )),
    "外国": (("外国", "多文化", "多国籍", "やさしい日本語", "英語", "中国"), (
        "外国につながる親子が地域で安心して子育てができるよう、{partner}と支援方法を検討します。",
        "多文化共生の視点を持ち、外国につながる親子が気軽に利用できる拠点づくりに取り組みます。",
    )),
    "子サポ": (("子育てサポートシステム", "子サポ", "提供会員", "利用会員", "預かり", "入会説明会"), (
        "横浜子育てサポートシステムの理解を広げ、提供会員の確保と活動の充実に取り組みます。",
        "地域の支え合いである子育てサポートシステムについて、{partner}と協力して周知を進めます。",
    )),
    "情報": (("情報", "アプリ", "SNS", "LINE", "発信", "公式サイト", "インスタグラム", "Instagram", "通信"), (
        "子育て家庭に必要な情報が届くよう、SNSやアプリを活用した効果的な情報発信に取り組みます。",
        "地域の子育て情報を集約し、{partner}と共に発信の仕組みを見直します。",
    )),
    "ネットワーク": (("ネットワーク", "連絡会", "関係機関", "エリア会議", "ケアプラザ", "民生委員"), (
        "地域の子育て支援関係者とのネットワークを強化し、子育て家庭を地域につなげます。",
        "{partner}との連携を深め、地域ぐるみで子育て家庭を支える体制づくりを進めます。",
    )),
    "人材": (("担い手", "ボランティア", "サークル", "研修", "支援者", "人材"), (
        "地域の子育て支援の担い手を育成し、活動を支える研修や交流の機会を充実させます。",
        "子育て支援に関心のある人が活動に参加するきっかけを{partner}と共につくります。",
    )),
    "相談": (("相談", "子育てパートナー", "利用者支援", "傾聴", "専門"), (
        "気軽に相談できる場として、子育てパートナーと拠点スタッフが連携した相談対応を充実させます。",
        "相談内容に応じて{partner}へ適切につなぎ、継続したフォローを行います。",
    )),
    "居場所": (("ひろば", "交流", "居場所", "利用者同士", "おしゃべり"), (
        "誰もが安心して過ごせる居場所として、利用者同士が交流できる機会を増やします。",
        "親子が気軽に訪れ、利用者同士が支え合える居場所づくりに取り組みます。",
    )),
    "多様": (("多様", "発達", "ダブルケア", "障害", "ひとり親", "復職", "ワーキング"), (
        "多様な養育者が利用しやすいよう、ニーズに応じたプログラムを{partner}と連携して実施します。",
        "発達に心配のある子どもの養育者やダブルケア家庭など、多様な家庭への支援を充実させます。",
    )),
    "学生": (("中学", "高校", "大学", "学生", "ふれあい体験", "次世代"), (
        "これから親になる世代が子育てにふれ、学び合う機会を学校や{partner}と共につくります。",
        "中高生や大学生と乳幼児親子のふれあいを通じて、子育てへの関心を育みます。",
    )),
}
_PARTNERS = ("区", "関係機関", "地域の子育て支援者", "区こども家庭支援課", "親と子のつどいの広場",
             "地域ケアプラザ", "保育園・幼稚園", "母子保健コーディネーター")
# Which themes each five-year programme draws extra sentences from.
_PROGRAMME_THEMES = {
    1: ("居場所", "多様", "父親", "妊娠期", "多胎", "外国"), 2: ("相談",), 3: ("情報",),
    4: ("ネットワーク",), 5: ("人材", "学生"), 6: ("子サポ",), 7: ("相談", "多様"),
}
# Light wording changes applied per occurrence (both directions).
_PARAPHRASES = (
    ("子ども", "子供"), ("取り組みます", "取り組んでいきます"), ("実施した", "行った"),
    ("実施しました", "行いました"), ("つなげた", "つないだ"), ("養育者", "保護者"),
    ("必要がある", "必要があります"), ("検討していく", "検討を進める"), ("スタッフ", "職員"),
    ("開催した", "実施した"), ("参加者", "参加した方"), ("周知した", "広く知らせた"),
    ("関係機関", "関係する機関"), ("引き続き", "今後も"),
)
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_KATAKANA_MARKS = "アイウエオカキクケコサシスセソ"


# --- seed pools -----------------------------------------------------------------

_MARKER = re.compile(rf"^(?:[\s\u3000・●○◆■□\-]|[{CIRCLED}]+[、,]?|\d+\s*[.．]?\s+|[{_KATAKANA_MARKS}]\s+|⇒)+")


def _clean_item(text: str) -> str:
    return _MARKER.sub("", text).strip()


def _is_sentence(text: str) -> bool:
    return len(text) >= 18 and "|" not in text and ("。" in text or len(text) >= 40)


@dataclass
class _Item:
    text: str
    year: int          # fiscal year the seed sentence was written for (for shifting)
    themes: frozenset[str]


@dataclass
class _Pools:
    goals: list[_Item] = field(default_factory=list)
    content: list[_Item] = field(default_factory=list)
    outcome: list[_Item] = field(default_factory=list)
    issue: list[_Item] = field(default_factory=list)
    # programme -> kind -> items; kinds: aim, prior, reason_op, reason_ward, result, challenge, viewpoint
    five: dict[int, dict[str, list[_Item]]] = field(default_factory=dict)
    by_theme: dict[tuple[str, str], list[_Item]] = field(default_factory=dict)


def _themes_of(text: str) -> frozenset[str]:
    t = norm(text)
    return frozenset(name for name, (keys, _g) in THEMES.items() if any(k in t for k in keys))


@lru_cache(maxsize=4)
def _pools(seed_dir: str) -> _Pools:
    """Sentences of the seed reports by section kind (and programme), tagged by theme."""
    paths = sorted(p for p in Path(seed_dir).glob("*.txt") if p.is_file())
    if not paths:
        raise FileNotFoundError(f"no seed reports (*.txt) in {seed_dir}")
    pools = _Pools()
    for path in paths:
        data = path.read_bytes()
        text = data.decode("utf-8-sig", errors="replace")
        parsed = parse_text(text, path.name, hashlib.sha256(data).hexdigest()[:16])
        for p in parsed.passages:
            year = p.fiscal_year_from or 2023
            lines = [_clean_item(x) for x in p.text.split("\n")]
            if p.section in (records.GOAL, records.NEXT_GOAL):
                goal = _clean_item(p.text.replace("\n", ""))
                if len(goal) >= 15:
                    pools.goals.append(_Item(goal, year, _themes_of(goal)))
                continue
            if p.programme:
                kind = {records.SELF_EVAL: "aim", records.REASON_OPERATOR: "reason_op",
                        records.REASON_WARD: "reason_ward", records.RESULT: "result",
                        records.CHALLENGE: "challenge", records.VIEWPOINT: "viewpoint"}.get(p.section)
                if kind == "challenge" and p.goal_no is not None:
                    kind = "prior"  # the 目指す拠点の姿 table's (参考) column
                if kind is None:
                    continue
                bucket = pools.five.setdefault(p.programme, {}).setdefault(kind, [])
                for line in lines:
                    if (kind in ("aim", "viewpoint") and len(line) >= 10) or _is_sentence(line):
                        bucket.append(_Item(line, year, _themes_of(line)))
                # five-year sentences also feed the yearly pools
                target = {"reason_op": pools.outcome, "result": pools.outcome,
                          "challenge": pools.issue, "prior": pools.issue}.get(kind)
                if target is not None:
                    target.extend(_Item(x, year, _themes_of(x)) for x in lines if _is_sentence(x))
                continue
            target = {records.CONTENT: pools.content, records.OUTCOME: pools.outcome,
                      records.ISSUE: pools.issue}.get(p.section)
            if target is not None:
                target.extend(_Item(x, year, _themes_of(x)) for x in lines if _is_sentence(x))
    for kind in ("content", "outcome", "issue", "goals"):
        for item in getattr(pools, kind):
            for theme in item.themes:
                pools.by_theme.setdefault((kind, theme), []).append(item)
    for programme in range(1, 8):  # a programme the seeds lack borrows from its themes
        five = pools.five.setdefault(programme, {})
        for kind, source in (("reason_op", pools.outcome), ("result", pools.outcome),
                             ("challenge", pools.issue), ("reason_ward", pools.outcome)):
            if len(five.get(kind, [])) < 4:
                themed = [i for i in source if i.themes & set(_PROGRAMME_THEMES[programme])]
                five.setdefault(kind, []).extend(themed or source)
        if not five.get("aim"):
            five["aim"] = [_Item("利用者を温かく迎え入れる雰囲気のある場になっている。", 2023, frozenset())]
    return pools


# --- wording variation ----------------------------------------------------------

_WARD_RE = re.compile("|".join(map(re.escape, sorted(YOKOHAMA_WARDS + tuple(WARD_ALIASES), key=len, reverse=True))))
_NAME_RE = re.compile("|".join(map(re.escape, sorted(_SEED_NAMES, key=len, reverse=True))))
_ERA_YEAR = re.compile(r"(令和|平成)\s*(元|[0-9０-９]{1,2})(\s*年度?)")
_LETTER_YEAR = re.compile(r"(?<![A-Za-z])([RH])([0-9]{1,2})(?![0-9])")
_WESTERN_YEAR = re.compile(r"(?<![0-9])(20[0-3][0-9])(?![0-9])")
_COUNT = re.compile(r"(?<![0-9,.])([0-9][0-9,]*)(\s*)(人|件|回|組|か所|部|団体|名|サークル|%|％)")
_PARA_MAP = {a: b for a, b in _PARAPHRASES} | {b: a for a, b in _PARAPHRASES}
_PARA_RE = re.compile("|".join(map(re.escape, sorted(_PARA_MAP, key=len, reverse=True))))


def era_year(year: int, fiscal: bool = True) -> str:
    """2023 -> 令和5年度 (fiscal) or 令和5年; 2019 as a fiscal year is written 令和元年度."""
    if year >= 2019:
        n = year - 2018
        era = "令和"
    else:
        n, era = year - 1988, "平成"
    return f"{era}{'元' if n == 1 else n}{'年度' if fiscal else '年'}"


def _april_first(year: int) -> str:
    # Reiwa began on 1 May 2019, so 1 April 2019 is still 平成31年.
    return "平成31年" if year == 2019 else era_year(year, fiscal=False)


@dataclass
class _Ctx:
    rng: random.Random
    ward: str
    hub: str
    year: int
    fullwidth: bool = False

    def vary(self, item: _Item, strength: float = 0.35) -> str:
        rng, delta = self.rng, self.year - item.year
        # "横浜市地域子育て支援拠点システム" would read as a title naming 横浜市 as the ward
        text = _WARD_RE.sub(self.ward, item.text.replace("横浜市地域子育て支援拠点", "横浜市の地域子育て支援拠点"))
        text = _NAME_RE.sub(self.hub, text)

        def era(m: re.Match) -> str:
            n = 1 if m.group(2) == "元" else int(m.group(2).translate({0xFF10 + i: 48 + i for i in range(10)}))
            western = (2018 if m.group(1) == "令和" else 1988) + n + delta
            fiscal = "度" in m.group(3)
            return era_year(western, fiscal) if western >= 1989 else m.group(0)

        def letter(m: re.Match) -> str:
            western = (2018 if m.group(1) == "R" else 1988) + int(m.group(2)) + delta
            return f"R{western - 2018}" if western >= 2019 else f"H{western - 1988}"

        def count(m: re.Match) -> str:
            raw = int(m.group(1).replace(",", "") or 0)
            value = max(1, round(raw * rng.uniform(0.6, 1.5))) if raw > 2 else raw
            if m.group(3) in ("%", "％"):
                value = min(value, 99)
            shown = f"{value:,}" if "," in m.group(1) else str(value)
            return shown + m.group(2) + m.group(3)

        if delta:
            text = _ERA_YEAR.sub(era, text)
            text = _LETTER_YEAR.sub(letter, text)
            text = _WESTERN_YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)
        text = _COUNT.sub(count, text)
        text = _PARA_RE.sub(lambda m: _PARA_MAP[m.group(0)] if rng.random() < strength else m.group(0), text)
        return text


# --- document model -------------------------------------------------------------


@dataclass
class _Goal:
    text: str
    theme: str
    content: list[str]
    outcome: list[str] = field(default_factory=list)
    issue: list[str] = field(default_factory=list)


@dataclass
class SyntheticDoc:
    """One generated report: its file name, text and what it was generated as."""

    index: int
    name: str
    text: str
    kind: str
    ward: str
    year_from: int
    year_to: int
    goals: int = 0
    # the first 取組の成果 sentence of each evaluated goal, in goal order (yearly kinds)
    outcomes: list[str] = field(default_factory=list)

    @property
    def doc_type(self) -> str:
        return records.FIVE_YEAR if self.kind == "five" else records.YEARLY


def _pick(rng: random.Random, pools: _Pools, kind: str, theme: str, n: int, themed_share: float = 0.9) -> list[_Item]:
    themed = pools.by_theme.get((kind, theme), [])
    pool = getattr(pools, kind)
    out: list[_Item] = []
    seen: set[int] = set()
    for _ in range(n * 4):
        if len(out) >= n:
            break
        source = themed if themed and rng.random() < themed_share else pool
        item = rng.choice(source)
        if id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out


def _goal_text(ctx: _Ctx, pools: _Pools, theme: str) -> str:
    rng = ctx.rng
    seeds = pools.by_theme.get(("goals", theme), [])
    if seeds and rng.random() < 0.4:
        return ctx.vary(rng.choice(seeds))
    template = rng.choice(THEMES[theme][1])
    return ctx.vary(_Item(template.format(partner=rng.choice(_PARTNERS)), ctx.year, frozenset({theme})))


def _goals(ctx: _Ctx, pools: _Pools, n: int, evaluated: bool, themes: list[str] | None = None) -> list[_Goal]:
    rng = ctx.rng
    themes = themes or rng.sample(sorted(THEMES), n)
    goals = []
    for theme in themes[:n]:
        content = [ctx.vary(i) for i in _pick(rng, pools, "content", theme, rng.randint(2, 4))]
        goal = _Goal(_goal_text(ctx, pools, theme), theme, content)
        if evaluated:
            goal.outcome = [ctx.vary(i) for i in _pick(rng, pools, "outcome", theme, rng.randint(2, 4))]
            goal.issue = [ctx.vary(i) for i in _pick(rng, pools, "issue", theme, rng.randint(1, 3))]
        goals.append(goal)
    return goals


def _circled(n: int) -> str:
    return CIRCLED[n - 1]


def _nth_year(year: int) -> int:
    return (year - 2010) % 5 + 1


def _dates(year: int) -> str:
    return f"{_april_first(year)}4月1日～{era_year(year + 1, fiscal=False)}3月31日"


def _fiscal_label(rng: random.Random, year: int) -> str:
    # 2019 is written both ways in the reports: 平成31年度 and 令和元年度.
    return "平成31年度" if year == 2019 and rng.random() < 0.5 else era_year(year)


# --- renderers --------------------------------------------------------------------


def _render_web(ctx: _Ctx, operator: str, goals: list[_Goal], nexts: list[_Goal]) -> str:
    rng, ward = ctx.rng, ctx.ward
    label, next_label = _fiscal_label(rng, ctx.year), era_year(ctx.year + 1)
    lines = ["", "", f"{ward}地域子育て支援拠点事業", f"{label}重点目標評価結果・{next_label}重点目標", "",
             f"事業実施期間\t{_dates(ctx.year)}({_nth_year(ctx.year)}年度目／5か年度)",
             f"事業の実施者\t{operator} {ward}こども家庭支援課",
             f"事業目的\t<p>{_PURPOSE}</p> <p>【事業・施設運営の基本理念】</p> <ol style=\"list-style-type: none\"> "
             + " ".join(f"{k} {p.format(ward=ward)}" for k, p in enumerate(_PRINCIPLES, 1)),
             "事業の内容\t<ol style=\"list-style-type: none\"> "
             + " ".join(f"{k} {p}" for k, p in enumerate(_PROGRAMME_LIST, 1)),
             "事業の評価実施方法及び評価結果の公表方法\t<ol style=\"list-style-type: none\"> "
             + " ".join(f"{k} {p}" for k, p in enumerate(_METHOD, 1)),
             "", f"{label}重点目標の評価", ""]

    def cell(items: list[str], numbered: bool) -> str:
        if numbered:
            return " ".join(f"<p>{_circled(k)}{t}</p>" for k, t in enumerate(items, 1))
        return "<ul style=\"list-style-type: none\"> " + " ".join(f"・{t}" for t in items)

    for no, g in enumerate(goals, 1):
        lines += [f"{label} 重点目標{_circled(no)}\t{g.text}",
                  f"取組内容\t{cell(g.content, rng.random() < 0.6)}",
                  f"取組の成果\t{cell(g.outcome, rng.random() < 0.4)}",
                  f"取組の課題\t{cell(g.issue, rng.random() < 0.5)}", ""]
    lines += ["次年度重点目標", ""]
    for no, g in enumerate(nexts, 1):
        lines += [f"{next_label} 重点目標{_circled(no)}\t{g.text}", f"取組内容\t{cell(g.content, False)}"]
    return "\n".join(lines)


def _render_plain(ctx: _Ctx, operator: str, goals: list[_Goal], nexts: list[_Goal]) -> str:
    rng, ward = ctx.rng, ctx.ward
    label, next_label = _fiscal_label(rng, ctx.year), era_year(ctx.year + 1)
    lines = [f"{next_label}重点目標", "", f"{ward}地域子育て支援拠点事業", f"{label}重点目標評価結果・次年度重点目標", "",
             f"事業実施期間 {_dates(ctx.year)}({_nth_year(ctx.year)}年度目/5か年度)",
             f"事業の実施者 {operator}", f"{ward}こども家庭支援課", f"事業目的   {_PURPOSE}", "",
             "【事業・施設運営の基本理念】"]
    lines += [f"{k} {p.format(ward=ward)}" for k, p in enumerate(_PRINCIPLES, 1)]
    lines += [""] + [f"{'事業の内容 ' if k == 1 else ''}{k} {p}" for k, p in enumerate(_PROGRAMME_LIST, 1)]
    lines += ["事業の評価", "実施方法及び", "評価結果の", "公表方法"]
    lines += [f"{k} {p}" for k, p in enumerate(_METHOD, 1)] + ["", " ", "", f"{label}重点目標の評価", label, "重点目標"]
    lines += [f"{_circled(no)}{g.text}" for no, g in enumerate(goals, 1)]

    def numbered(head: str, group: list[_Goal], attr: str) -> list[str]:
        out = []
        for no, g in enumerate(group, 1):
            items = getattr(g, attr)
            text = items[0]
            if len(items) > 1 and rng.random() < 0.6:
                text = text.rstrip("。") + "。また、" + items[1]
            out.append(f"{head + ' ' if no == 1 else ''}{_circled(no)}{text}")
        return out

    lines += numbered("取組内容", goals, "content") + numbered("取組の成果", goals, "outcome")
    lines += numbered("取組の課題", goals, "issue")
    lines += [f"{next_label}重点目標", next_label, "重点目標"]
    lines += [f"{_circled(no)}{g.text}" for no, g in enumerate(nexts, 1)]
    lines += numbered("取組内容", nexts, "content")
    lines += [f"{ctx.hub}ブログ", "ボランティア募集", "非常勤職員募集", "", "アクセス", "", "マップ", "",
              f"横浜市{ward}{rng.choice(_TOWNS)}{rng.randint(1, 5)}-{rng.randint(1, 20)}-{rng.randint(1, 9)}",
              f"{ctx.hub}ビル {rng.randint(1, 4)}階", "TEL/FAX: 045-000-0000",
              "開館時間:10:00~16:00", "休館日 :日曜日・月曜日・年末年始", "     臨時休館をする場合があります"]
    return "\n".join(lines)


_NO_BREAK_BEFORE = re.compile(rf"^(?:[\s\u3000・●○◆■□◇※⇒\-【(（{CIRCLED}]|\d|[ア-ン]\s|"
                              r"取組内容|取組の成果|取組の課題|事業|評価の理由|振り返りの視点|目指す拠点の姿|拠点事業)")
_SENTENCE_END = "。．！？!?」』）)"


def _wrap(line: str, width: int) -> list[str]:
    """Wrap a line the way PDF text extraction does: mid-sentence, at the page width."""
    out = []
    rest = line
    while len(rest) > width:
        cut = width
        # never leave a short tail line, or break where the parser could not rejoin
        while cut > 20 and (rest[cut - 1] in _SENTENCE_END or _NO_BREAK_BEFORE.match(rest[cut:])):
            cut -= 1
        if cut <= 20 or len(rest) - cut < 4:
            break
        out.append(rest[:cut])
        rest = rest[cut:]
    out.append(rest)
    return out


def _render_pdf(ctx: _Ctx, operator: str, goals: list[_Goal], nexts: list[_Goal]) -> str:
    rng, ward = ctx.rng, ctx.ward
    fw = (lambda s: s.translate(_FULLWIDTH))
    label = fw(_fiscal_label(rng, ctx.year))
    width = rng.randint(40, 50)
    blocks: list[list[str]] = []

    def bullets(items: list[str]) -> list[str]:
        return [line for t in items for line in _wrap("●" + t, width)]

    def outcome_block(g: _Goal) -> list[str]:
        return ["取組の成果", *bullets(g.outcome), "", "取組の課題", *bullets(g.issue)]

    def goal_block(no: int, g: _Goal) -> list[str]:
        return [label, f"重点目標{_circled(no)}", *_wrap("\u3000" + g.text, width), "", "取組内容", *bullets(g.content)]

    header = ["【単年度事業評価様式】", f"{ward}地域子育て支援拠点事業", f"{label}重点目標評価結果",
              fw(f"事業実施期間 {_dates(ctx.year)}（{_nth_year(ctx.year)}年度目／5か年度）"),
              "事業の実施者", operator.replace(" ", ""), f"{ward}こども家庭支援課", "事業目的",
              *_wrap("  " + _PURPOSE, width), "【事業・施設運営の基本理念】",
              *[line for k, p in enumerate(_PRINCIPLES, 1) for line in _wrap(fw(f"{k}") + "\u3000" + p.format(ward=ward), width)]]
    programmes = ["事業の内容", *[line for k, p in enumerate(_PROGRAMME_LIST, 1)
                                  for line in _wrap(fw(str(k)) + "\u3000" + p.replace("(", "（").replace(")", "）"), width)],
                  "", "事業の評価", "実施方法及び", "評価結果の", "公表方法", "",
                  *[line for k, p in enumerate(_METHOD, 1) for line in _wrap(fw(str(k)) + "\u3000" + p, width)]]
    # PDF order: goal ①'s outcome block first, then the programme list, the goal ①,
    # the page header, goal ②'s outcome block *before* goal ②, … the last goal in order.
    blocks.append(outcome_block(goals[0]))
    blocks.append(programmes)
    blocks.append([f"{label}重点目標の評価"])
    blocks.append(goal_block(1, goals[0]))
    blocks.append(header)
    blocks.append([f"- {rng.randint(1, 3)} -"] if rng.random() < 0.5 else ["改訂版"])
    for no, g in enumerate(goals[1:], 2):
        if no < len(goals):
            blocks.append(outcome_block(g))
            blocks.append(goal_block(no, g))
        else:
            blocks.append(goal_block(no, g))
            blocks.append(outcome_block(g))
    if nexts:
        next_label = fw(era_year(ctx.year + 1))
        blocks.append([f"{next_label}重点目標"])
        for no, g in enumerate(nexts, 1):
            blocks.append([next_label, f"重点目標{_circled(no)}", *_wrap("\u3000" + g.text, width), "",
                           "取組内容", *bullets(g.content)])
    return "\n".join(line for b in blocks for line in [*b, ""])


def _render_noheader(ctx: _Ctx, goals: list[_Goal], nexts: list[_Goal]) -> str:
    rng, ward = ctx.rng, ctx.ward
    label, next_label = _fiscal_label(rng, ctx.year), era_year(ctx.year + 1)
    if not any(ward in t for g in goals for t in [g.text, *g.content, *g.outcome]):
        goals[0].content.append(f"{ward}全体の関係機関と情報を共有しながら進める。")
    tags = ("【情報発信】", "【妊娠期支援】", "【ネットワーク】", "【人材育成】", "")
    lines = [f"1 {label}重点目標の評価"]
    for g in goals:
        numbered = " ".join(f"{_circled(k)}{t}" for k, t in enumerate(g.content, 1))
        lines += [f"<p>{label} 重点目標</p>\t<p>{g.text} {rng.choice(tags)}</p>",
                  f"<p>取組内容</p>\t<p>{numbered}</p>",
                  f"<p>取組の成果</p>\t<p>{' '.join('・' + t for t in g.outcome)}</p>",
                  f"<p>取組の課題</p>\t<p>{' '.join('・' + t for t in g.issue)}</p>"]
    lines.append("2 次年度重点目標")
    for g in nexts:
        lines += [f"{next_label} 重点目標\t{g.text}",
                  f"取組内容\t<p>{g.content[0]}</p> <ul style=\"list-style-type: none\"> "
                  + " ".join("・" + t for t in g.content[1:])]
    return "\n".join(lines)


def _render_five(ctx: _Ctx, operator: str, pools: _Pools, start: int) -> str:
    rng, ward = ctx.rng, ctx.ward
    end = start + 4
    end_label = era_year(end)
    if end_label[:2] == era_year(start)[:2]:
        end_label = end_label[2:]  # 令和3年度～7年度
    period = f"{era_year(start)}～{end_label}(5か年)"
    lines = ["", "", f"{ward}地域子育て支援拠点事業 5か年のまとめ 実施概要", "", " ",
             f"対象事業\t{ward}地域子育て支援拠点事業", f"対象期間\t{period}",
             f"事業の実施者\t{operator} {ward}こども家庭支援課",
             "実施目的\t1 今期5か年の事業を振り返り、成果や課題、今後の方向性などを整理します。 "
             "2 市民協働事業の実践を通じて経験を蓄積し、その後の市民協働や市民協働事業に活かしていくため、当該評価を公開し、透明性を高めます。",
             f"実施時期\t{era_year(end, fiscal=False)}8月",
             "実施について\t<p>拠点事業は、区と運営法人との協働により進めています。</p> <p>【参考】拠点の7事業</p> "
             "<ol style=\"list-style-type: none\"> " + " ".join(f"{k} {p}" for k, p in enumerate(_PROGRAMME_LIST, 1)),
             ""]
    term = (start - 2006) // 5 + 1
    for programme in range(1, 8):
        five = pools.five[programme]
        sample = (lambda kind, lo, hi: [ctx.vary(i) for i in rng.sample(five[kind], min(len(five[kind]), rng.randint(lo, hi)))])
        aims = sample("aim", 2, 4)
        if not aims:
            continue
        lines += [f"{programme} {PROGRAMME_HEADINGS[programme]}", "",
                  f"目指す拠点の姿\t(参考){term}期目振り返りの課題\t自己評価(A~D)\t", "\t\t法人\t区"]
        for no, aim in enumerate(aims, 1):
            prior = " ".join("○" + t for t in sample("prior", 0, 2)) if five.get("prior") and rng.random() < 0.6 else ""
            grades = [rng.choice("AAAB"), rng.choice("AABBC")]
            lines.append(f"{_circled(no)}{aim}\t{prior}\t{grades[0]}\t{grades[1]}")
        lines += ["", "評価の理由(法人)", ""]
        if rng.random() < 0.5:
            a, b = rng.randint(100, 20000), rng.randint(100, 20000)
            lines += [f"\t{era_year(start)}\t{era_year(end - 1)}", f"年間利用者数\t{a:,}人\t{b:,}人",
                      f"新規登録者\t{a // 16:,}人\t{b // 15:,}人", ""]
        style = rng.choice(("circled", "number", "dot"))
        for no, aim in enumerate(aims, 1):
            short = re.sub(r"(になっている|となっている|ている|ができている)?。$", "", aim)[:40]
            head = {"circled": f"{_circled(no)}{short}", "number": f"{no} {short}", "dot": f"{no}. {short}"}[style]
            lines += [head, ""] + [f"- ・{t}" for t in sample("reason_op", 2, 5)] + [""]
        lines += ["評価の理由(区)", ""]
        lines += [f"- {_circled(k)}{t}" for k, t in enumerate(sample("reason_ward", 1, 3), 1)]
        lines += ["", "拠点事業としての成果と課題", "", "(成果)", ""]
        lines += [f"- ・{t}" for t in sample("result", 2, 4)]
        lines += ["", "(課題)", ""] + [f"- ・{t}" for t in sample("challenge", 1, 3)]
        views = five.get("viewpoint") or []
        if views:
            lines += ["", "振り返りの視点", ""]
            lines += [f"- {_KATAKANA_MARKS[k]} {v.text}" for k, v in enumerate(views[: len(_KATAKANA_MARKS)])]
        lines.append("")
    return "\n".join(lines)


# --- documents and corpora ----------------------------------------------------------


def _ward_order(seed: int, round_no: int) -> list[str]:
    wards = list(YOKOHAMA_WARDS)
    random.Random(f"kyoten-synthetic:{seed}:round:{round_no}").shuffle(wards)
    return wards


def _hub_of(seed: int, ward: str) -> str:
    hubs = list(HUB_NAMES + _EXTRA_HUBS)
    random.Random(f"kyoten-synthetic:{seed}:hubs").shuffle(hubs)
    return hubs[YOKOHAMA_WARDS.index(ward) % len(hubs)]


def generate_document(index: int, seed: int = 0, seed_dir: Path | None = None,
                      kind: str | None = None) -> SyntheticDoc:
    """The `index`-th report of the synthetic corpus for `seed` (independent of the others)."""
    pools = _pools(str(seed_dir or SEED_CORPUS))
    rng = random.Random(f"kyoten-synthetic:{seed}:doc:{index}")
    ward = _ward_order(seed, index // len(YOKOHAMA_WARDS))[index % len(YOKOHAMA_WARDS)]
    if kind is None:
        kind = _FIRST_KINDS[index] if index < len(_FIRST_KINDS) else rng.choices(KINDS, _KIND_WEIGHTS)[0]
    hub = _hub_of(seed, ward)
    if index >= len(YOKOHAMA_WARDS) and rng.random() < 0.3:
        hub = hub + "サテライト"
    operator = rng.choice(_OPERATORS)
    if kind == "five":
        start = rng.randint(FIRST_YEAR, LAST_YEAR - 4)
        ctx = _Ctx(rng, ward, hub, start)
        text = _render_five(ctx, operator, pools, start)
        year_from, year_to, n_goals = start, start + 4, 0
        first_outcomes = []
    else:
        year = rng.randint(FIRST_YEAR, LAST_YEAR - 1)
        ctx = _Ctx(rng, ward, hub, year)
        n_goals = rng.choice((2, 2, 3, 3, 3)) if kind == "pdf" else rng.choice((1, 2, 2, 2, 3))
        themes = rng.sample(sorted(THEMES), n_goals + 3)
        goals = _goals(ctx, pools, n_goals, True, themes[:n_goals])
        nexts = _goals(ctx, pools, rng.randint(1, 3), False, themes[n_goals - 1:])  # one theme carried over
        if kind == "web":
            text = _render_web(ctx, operator, goals, nexts)
        elif kind == "plain":
            text = _render_plain(ctx, operator, goals, nexts)
        elif kind == "pdf":
            text = _render_pdf(ctx, operator, goals, nexts)
        elif kind == "noheader":
            text = _render_noheader(ctx, goals, nexts)
        else:
            raise ValueError(f"unknown kind {kind!r}")
        year_from, year_to = year, year + 1
        first_outcomes = [g.outcome[0] for g in goals]
    name = f"{FILE_PREFIX}{index:06d}_{WARD_ROMAJI[ward]}_{year_from}_{kind}.txt"
    return SyntheticDoc(index, name, text, kind, ward, year_from, year_to, n_goals, first_outcomes)


def generate_corpus(out_dir: Path, target_passages: int, seed: int = 0,
                    seed_dir: Path | None = None) -> dict:
    """Write synthetic reports into `out_dir` until the real parser would make about
    `target_passages` passages of them (each report is parsed to count), and return
    statistics. Earlier synthetic files (``syn_*.txt``) in `out_dir` are replaced;
    other files are left alone (and not counted).
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{FILE_PREFIX}*.txt"):
        old.unlink()
    target = max(1, int(target_passages))
    tolerance = max(2, int(target * 0.02))  # stop this close to the target
    total = 0
    index = 0
    skipped = 0
    seen: set[str] = set()
    docs_by_kind: Counter[str] = Counter()
    passages_by_kind: Counter[str] = Counter()
    wards: Counter[str] = Counter()
    years: set[int] = set()
    size = 0
    parse_seconds = 0.0
    while total < target:
        doc = generate_document(index, seed, seed_dir)
        index += 1
        data = doc.text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            continue
        t0 = time.perf_counter()
        n = len(parse_text(doc.text, doc.name, digest[:16]).passages)
        parse_seconds += time.perf_counter() - t0
        over, under = total + n - target, target - total
        if over > max(tolerance, under) and skipped < 30:
            skipped += 1  # a smaller report further on lands closer to the target
            continue
        skipped = 0
        seen.add(digest)
        (out_dir / doc.name).write_bytes(data)
        total += n
        size += len(data)
        docs_by_kind[doc.kind] += 1
        passages_by_kind[doc.kind] += n
        wards[doc.ward] += 1
        years.update(range(doc.year_from, doc.year_to + 1))
        if target - total <= tolerance:
            break
    return {
        "out_dir": str(out_dir),
        "seed": seed,
        "target_passages": target,
        "passages": total,
        "documents": sum(docs_by_kind.values()),
        "next_index": index,
        "documents_by_kind": dict(sorted(docs_by_kind.items())),
        "passages_by_kind": dict(sorted(passages_by_kind.items())),
        "wards": len(wards),
        "fiscal_years": sorted(years),
        "bytes": size,
        "seconds": round(time.perf_counter() - started, 3),
        "parse_seconds": round(parse_seconds, 3),
    }
