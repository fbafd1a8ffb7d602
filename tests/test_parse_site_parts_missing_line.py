"""A two-site five-year summary whose first site has no site line above its programme 1 (parser31):
its programmes carry no site rather than the next site's."""
from __future__ import annotations

from indexer.parse import parse_text

_PROGRAMMES = "".join(f"{n}　{name}\n自己評価　法人：Ａ　区：Ｂ\n成果\n{name}の利用が増えた。\n課題\n{name}の担い手が足りない。\n"
                      for n, name in ((1, "親子の居場所事業"), (2, "子育て相談事業"), (3, "情報収集・提供事業")))
_TITLE = "港北区地域子育て支援拠点どろっぷ　5か年のまとめ（令和元年度～令和５年度）\n"
_BOTH_SITES = "どろっぷ（本体）とどろっぷサテライトの２か所で事業を実施しています。\n"


def _passages(text: str):
    return parse_text(text, "report.txt", "doc").passages


def test_a_two_site_summary_with_no_site_lines_gives_its_programmes_no_site():
    passages = _passages(_TITLE + _BOTH_SITES + _PROGRAMMES + _PROGRAMMES.replace("増えた", "伸びた"))
    assert [p for p in passages if p.programme] and all(p.site is None for p in passages if p.programme)


def test_programmes_above_the_first_site_line_are_not_given_the_next_sites_name():
    passages = _passages(_TITLE + _BOTH_SITES + _PROGRAMMES + "■どろっぷサテライト\n"
                         + _PROGRAMMES.replace("増えた", "伸びた"))
    grown = {(p.programme, p.site) for p in passages if p.programme and p.section == "成果" and "伸びた" in p.text}
    first = {(p.programme, p.site) for p in passages if p.programme and p.section == "成果" and "増えた" in p.text}
    assert grown == {(n, "どろっぷサテライト") for n in (1, 2, 3)}
    assert first == {(n, None) for n in (1, 2, 3)}
