"""Known limits left by the thirteenth round (docs/parsing.md, "unseen14"), each a general rule
proved on small documents: a grade followed by a colon and its reasons, a sheet's page header in
.ods and SpreadsheetML, a city whose name holds 村 or 町 inside it."""
from __future__ import annotations

from indexer import ratings, records
from indexer.parse import parse_text

_REPORT = """令和５年度　みなと市子育て支援センター　事業評価
重点目標１　親子の居場所づくり
実施内容
ひろばを週五日開いた。
{rating}
今後の方向性
午後の利用を増やす工夫をする。
"""


def _goal_one(parsed):
    unit = f"{parsed.document.doc_id}-y2023-g1"
    return [p for p in parsed.passages if p.unit == unit]


def _grades(passages):
    return {g for p in passages for g in (p.grades or {}).values()}


def _outcome(passages):
    return [p.text for p in passages if p.section == records.OUTCOME]


def test_a_grade_followed_by_a_colon_and_its_reasons_rates_the_goal_and_the_reasons_are_its_outcome():
    for rating in ("評価：Ａ：目標を上回った。初めて来た親子が前年の二倍になった。",
                   "評価\nＡ：目標を上回った。初めて来た親子が前年の二倍になった。"):
        goal = _goal_one(parse_text(_REPORT.format(rating=rating), "minato.txt", "d14colon", "utf-8"))
        assert _grades(goal) == {"A"}, rating
        assert _outcome(goal) == ["目標を上回った。初めて来た親子が前年の二倍になった。"], rating


def test_a_scale_explained_a_grade_a_line_under_a_rating_label_still_rates_no_goal():
    rating = "評価\nＡ：目標を上回った\nＢ：目標どおり\nＣ：目標を下回った"
    parsed = parse_text(_REPORT.format(rating=rating), "minato.txt", "d14scale", "utf-8")
    assert not any(p.grades for p in parsed.passages)
    assert not [p for p in parsed.passages if p.section == records.OUTCOME]


def test_a_grade_and_colon_is_a_rating_unless_another_grade_is_listed_after_it():
    assert ratings.leading_grade("Ａ：利用者が増えた。") == ("Ａ", "利用者が増えた。")
    assert ratings.leading_grade("Ａ：達成　Ｂ：概ね達成") is None
    assert ratings.leading_grade("Ａ：") is None
    assert not ratings.opens_legend("Ａ：利用者が増えた。", "今後の方向性")
    assert ratings.opens_legend("Ａ：目標を上回った", "Ｂ：目標どおり")
    assert ratings.opens_legend("Ａ＝十分")  # a grade and ＝ explains it, as before


def _place(title):
    text = f"令和５年度　{title}　事業評価\n重点目標１　親子の居場所づくり\n実施内容\nひろばを週五日開いた。\n"
    return parse_text(text, "report.txt", "d14city", "utf-8").document.ward


def test_a_report_of_a_city_whose_name_holds_mura_or_machi_is_filed_under_the_whole_city():
    assert _place("東村山市地域子育て支援センター") == "東村山市"
    assert _place("武蔵村山市子育て支援センター") == "武蔵村山市"
    assert _place("奈良県大和郡山市子育て支援センター") == "大和郡山市"  # 大和郡 is no county of 山市
    assert _place("十日町市子育て支援センター") == "十日町市"


def test_a_town_or_county_still_reads_as_before_and_a_word_after_a_city_does_not_join_it():
    from indexer import metadata
    names = [m.group(1) for t in ("神奈川県中郡二宮町の拠点", "足柄上郡開成町", "東大和市", "大和市市民活動課", "鎌倉市小町",
                                  "四日市市", "本町市場")
             for m in metadata.municipality_names(t)]
    assert names == ["二宮町", "開成町", "東大和市", "大和市", "鎌倉市", "四日市市"]


# --- a sheet's page header in .ods and SpreadsheetML -------------------------------------------

_ROWS = [("重点目標", "実施内容", "評価"), ("1　親子の居場所づくり", "ひろばを週五日開いた。", "Ｂ"),
         ("2　相談の充実", "相談日を月二回にした。", "Ａ")]


def _ods(header_paragraph: str, master_attribute: str = ' style:master-page-name="PageStyle_1"') -> bytes:
    import io
    import zipfile
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    rows = "".join("<table:table-row>" + "".join(f"<table:table-cell><text:p>{v}</text:p></table:table-cell>"
                                                 for v in row) + "</table:table-row>" for row in _ROWS)
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:automatic-styles>'
               f'<style:style style:name="ta1" style:family="table"{master_attribute}/></office:automatic-styles>'
               '<office:body><office:spreadsheet><table:table table:name="評価" table:style-name="ta1">'
               f'{rows}</table:table></office:spreadsheet></office:body></office:document-content>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ns}><office:master-styles>'
              '<style:master-page style:name="PageStyle_1"><style:header><style:region-center>'
              f'{header_paragraph}</style:region-center></style:header>'
              '<style:footer><text:p>ページ <text:page-number>1</text:page-number></text:p></style:footer>'
              '<style:header-left style:display="false"/></style:master-page>'
              '</office:master-styles></office:document-styles>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("styles.xml", styles)
    return buf.getvalue()


def _spreadsheetml(header_code: str) -> bytes:
    from xml.sax.saxutils import quoteattr
    rows = "".join("<Row>" + "".join(f'<Cell><Data ss:Type="String">{v}</Data></Cell>' for v in row) + "</Row>"
                   for row in _ROWS)
    return ('<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Excel.Sheet"?>'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:x="urn:schemas-microsoft-com:office:excel">'
            f'<Worksheet ss:Name="評価"><Table>{rows}</Table>'
            f'<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><PageSetup>'
            f'<Header x:Data={quoteattr(header_code)}/><Footer x:Data="&amp;P / &amp;N"/></PageSetup>'
            '</WorksheetOptions></Worksheet></Workbook>').encode("utf-8")


def _parsed(data: bytes, name: str):
    from indexer.load import load_bytes
    loaded = load_bytes(data, name)
    return loaded, parse_text(loaded.text, name, "d14margin", loaded.encoding, context=loaded.context)


def test_a_year_written_only_in_an_ods_sheets_page_header_is_the_goals_year():
    loaded, parsed = _parsed(_ods("<text:p>令和元年度　みなと市子育て支援センター　事業評価</text:p>"), "hyoka.ods")
    assert "令和元年度" not in loaded.text  # the header is context, never the report's text
    assert parsed.document.fiscal_year_from == 2019
    assert {p.unit for p in parsed.passages if p.section == records.GOAL} == {"d14margin-y2019-g1", "d14margin-y2019-g2"}


def test_an_ods_page_headers_fields_are_not_read_and_a_sheet_without_a_page_style_has_no_header():
    loaded, _parsed_doc = _parsed(_ods("<text:p><text:sheet-name>評価</text:sheet-name> 令和2年度</text:p>"), "a.ods")
    assert loaded.context == ("令和2年度", "ページ")  # the sheet's name and the page number are fields
    loaded, _parsed_doc = _parsed(_ods("<text:p>令和2年度</text:p>", master_attribute=""), "b.ods")
    assert loaded.context == ()


def test_a_year_written_only_in_a_spreadsheetml_sheets_page_header_is_the_goals_year():
    loaded, parsed = _parsed(_spreadsheetml('&L&"ＭＳ 明朝,太字"令和元年度&Rみなと市'), "hyoka.xls")
    assert loaded.context == ("令和元年度 みなと市",)  # the codes and the footer's page fields left out
    assert parsed.document.fiscal_year_from == 2019
    assert {p.unit for p in parsed.passages if p.section == records.GOAL} == {"d14margin-y2019-g1", "d14margin-y2019-g2"}
