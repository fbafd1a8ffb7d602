"""A two-site five-year summary whose first site has no site line above its programme 1 (parser31):
its programmes carry no site rather than the next site's. With no site line at all (parser33),
where programme 1 opens again the second site's part begins: its programmes are not read into the
first part's last programme."""
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


def test_a_two_site_summary_with_no_site_lines_keeps_the_second_sites_programmes_apart():
    passages = _passages(_TITLE + _BOTH_SITES + _PROGRAMMES + _PROGRAMMES.replace("増えた", "伸びた"))
    grown = {(p.programme, p.unit) for p in passages if p.section == "成果" and "伸びた" in p.text}
    first = {(p.programme, p.unit) for p in passages if p.section == "成果" and "増えた" in p.text}
    assert grown == {(n, f"doc-s2-p{n}") for n in (1, 2, 3)}
    assert first == {(n, f"doc-s1-p{n}") for n in (1, 2, 3)}


def test_a_summary_of_one_site_whose_programme_table_precedes_its_blocks_is_one_part():
    # programme 1 opens twice (a table of the programmes, then their blocks) in a summary naming
    # one site word only: no second part
    table = "事業\t自己評価（法人）\t自己評価（区）\n親子の居場所事業\tＡ\tＢ\n子育て相談事業\tＡ\tＡ\n\n"
    passages = _passages(_TITLE + "どろっぷ（本体）で事業を実施しています。\n" + table + _PROGRAMMES)
    assert not any(p.unit and "-s2-" in p.unit for p in passages)
