"""Writes the non-UTF-8 documents of tests/data/unseen5 (run once; the outputs are committed).

    python tests/data/unseen5/make_docs.py

Fifth round of reports nobody tuned the parser on (tests/data/unseen … unseen4 are the first
four). The expected parse of every document was written into expected.json before the
parser was run on it.

minami_r3_sjis_hankaku.txt (batch 1): 南区 令和３年度, a text file saved in Shift_JIS by an old
office system, whose labels are written in half-width katakana (ﾃｰﾏ１, ｺﾒﾝﾄ) and half-width
digits.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

MINAMI_HANKAKU = """\
令和3年度 南区地域子育て支援拠点事業 評価ｼｰﾄ

■ﾃｰﾏ1 乳幼児の親子が安心して遊べる場を広げる
【取組内容】
公園での出張ひろばを月2回、雨天時は地区ｾﾝﾀｰで開いた。
【成果】
出張ひろばの参加は延べ650組で、初めて拠点を知った親子が多かった。
【課題】
夏の暑い時期に屋外で開けない日が続いた。
【自己評価】B

■ﾃｰﾏ2 子育て情報を必要な人に届ける
【取組内容】
ﾎｰﾑﾍﾟｰｼﾞとSNSで毎週ｲﾍﾞﾝﾄ情報を発信した。
【成果】
SNSのﾌｫﾛﾜｰが1,200人になり、ｲﾍﾞﾝﾄの申込みの半分がSNS経由になった。
【課題】
SNSを使わない祖父母世代に情報が届いていない。
【自己評価】A
"""


def minami_sjis_hankaku(path: Path) -> None:
    path.write_bytes(MINAMI_HANKAKU.replace("\n", "\r\n").encode("shift_jis"))


def main() -> None:
    minami_sjis_hankaku(HERE / "minami_r3_sjis_hankaku.txt")


if __name__ == "__main__":
    main()
