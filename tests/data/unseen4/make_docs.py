"""Writes the binary and non-UTF-8 documents of tests/data/unseen4 (run once; the outputs are committed).

    python tests/data/unseen4/make_docs.py          # all; `batch2` … for one batch

Fourth round of reports nobody tuned the parser on (tests/data/unseen … unseen3 are the first
three). The expected parse of every document was written into expected.json before the
parser was run on it.

sakae_5kanen_r1_r5_year_columns.xlsx (batch 1): 栄区 5か年の振り返り（令和元年度～令和５年度）,
a programme per row with one grade column per year (令和元年度 … 令和５年度), then 成果 and
課題 columns.
tsurumi_r3_excel_sjis.csv (batch 1): 鶴見区 令和３年度, a goal table saved by Excel as CSV in
Shift_JIS (cp932: ① and ～ are cp932 characters), cells with line breaks quoted, a 自己評価
column.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

SAKAE_PROGRAMMES = [
    ("１　親子の居場所の設置・運営", ["Ｂ", "Ｂ", "Ａ", "Ａ", "Ａ"],
     "開所日を週５日から６日に増やし、期間の終わりには利用が初年度の１．４倍になった。",
     "雨の日に利用が集中し、ひろばが手狭になる。"),
    ("２　子育てに関する相談・援助の実施", ["Ｃ", "Ｂ", "Ｂ", "Ｂ", "Ａ"],
     "相談員を２名体制にし、予約なしでも相談を受けられるようになった。",
     "夜間や休日に相談したい家庭に応えられていない。"),
    ("３　地域の子育て関連情報の提供", ["Ｂ", "Ａ", "Ａ", "Ａ", "Ａ"],
     "情報誌をウェブでも読めるようにし、閲覧数が毎年増えた。",
     "紙の情報誌を手に取る場所が減っている。"),
]


def sakae_year_columns_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "振り返り"
    ws["A1"] = "栄区地域子育て支援拠点事業　５か年の振り返り（令和元年度～令和５年度）"
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append(["事業", "令和元年度", "令和２年度", "令和３年度", "令和４年度", "令和５年度",
               "５年間の成果", "今後の課題"])
    for name, grades, seika, kadai in SAKAE_PROGRAMMES:
        ws.append([name, *grades, seika, kadai])
    ws.append([])
    ws.append(["※評価　Ａ：十分にできた　Ｂ：おおむねできた　Ｃ：一部できなかった　Ｄ：できなかった"])
    wb.save(path)


TSURUMI_ROWS = [
    ["番号", "重点目標", "取組内容", "成果", "課題", "自己評価"],
    ["①", "乳児期の家庭が早くから拠点とつながる",
     "赤ちゃん訪問の訪問員に拠点の案内を配ってもらった。\n０歳児の日（毎週火曜 10:00～12:00）を設けた。",
     "０歳児の初回利用が前年度より９０組増えた。",
     "訪問の時期と０歳児の日の案内の時期が合っていない。", "Ａ"],
    ["②", "子育て支援者の学びの場をつくる",
     "支援者向けの研修を年４回開いた（発達、アレルギー、防災、虐待予防）。",
     "研修後にサロンで防災の話をする支援者が出てきた。",
     "研修の日程が平日に偏り、働く支援者が参加しにくい。", "Ｂ"],
]


def tsurumi_sjis_csv(path: Path) -> None:
    import csv
    import io

    buf = io.StringIO()
    buf.write("令和３年度　鶴見区地域子育て支援拠点事業評価（重点目標）" + ",,,,,\r\n")
    csv.writer(buf, lineterminator="\r\n").writerows(TSURUMI_ROWS)
    path.write_bytes(buf.getvalue().encode("cp932"))


def batch1() -> None:
    sakae_year_columns_xlsx(HERE / "sakae_5kanen_r1_r5_year_columns.xlsx")
    tsurumi_sjis_csv(HERE / "tsurumi_r3_excel_sjis.csv")


def main() -> None:
    batch1()


if __name__ == "__main__":
    import sys

    {"batch1": batch1}.get(sys.argv[1] if sys.argv[1:] else "", main)()
