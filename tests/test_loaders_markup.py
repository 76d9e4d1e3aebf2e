"""HTML, XML and Word loaders: structure, positions, metadata, and the fixtures' exact
diagnostics."""

from __future__ import annotations

import io
import json
import re
import zipfile

from typer.testing import CliRunner

from reportlint.api import analyze_bytes, analyze_path
from reportlint.cli import app
from reportlint.model import Heading, Paragraph, Table

from .conftest import FIXTURES, SEED

REPORTS = FIXTURES / "reports"


def _codes(path) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return [(d.code, d.line) for d in analyze_path(path).diagnostics]


def test_portal_page_in_gbk_finds_the_article_metadata_and_span_soup_numbers() -> None:
    analysis = analyze_path(REPORTS / "portal_gbk.html")
    report = analysis.report
    assert report is not None
    assert report.document.source.encoding == "gb18030"
    assert report.document.source.encoding_source == "declared"
    texts = [b.text for b in report.document.blocks if isinstance(b, (Heading, Paragraph))]
    # Navigation, breadcrumbs, share bar, related list, footer and scripts are gone.
    for furniture in ("首页", "当前位置", "分享到", "相关文章", "版权所有", "不是正文", "浏览次数"):
        assert not any(furniture in t for t in texts), furniture
    # The title shown above the article is the page's: metadata, not a block of the report.
    assert texts[0].startswith("本报告依据")
    assert report.metadata.title == "余姚市交通运输局2022年政府信息公开工作年度报告"
    assert report.metadata.title_source == "page"
    meta = dict(report.document.meta)
    assert meta["ArticleTitle"] == "余姚市交通运输局2022年政府信息公开工作年度报告"
    assert meta["PubDate"] == "2023-02-03 10:00"
    assert meta["发布时间"] == "2023-02-03"
    assert str(report.metadata.publication_date.date) == "2023-02-03"
    assert len(report.facts) == 200 and not report.unrecognized
    # "<span>1</span><span>23</span>" reads as one number.
    assert all(f.kind == "number" for f in report.facts)
    # Exactly one diagnostic: published after the department deadline of 31 January.
    assert [(d.code, d.line, d.message) for d in analysis.diagnostics] == [
        ("D008", 6, "发布日期 2023年2月3日晚于期限 2023年1月31日（县级以上人民政府部门，《条例》第四十九条）")
    ]  # line 6 holds <meta name="PubDate">


def test_2019_page_with_blank_total_column_and_unit_in_cell() -> None:
    analysis = analyze_path(REPORTS / "blank_total_2019.html")
    got = [(d.code, d.line) for d in analysis.diagnostics]
    # The blank 总计 column is said once, with the relations it leaves unchecked (no N000).
    assert got == [("T007", 29), ("T009", 31)]
    t009 = next(d for d in analysis.diagnostics if d.code == "T009")
    assert "有 23 个单元格未填写（「总计」列整列未填）" in t009.message
    assert "N001、N002、N003因此未核对" in t009.message and t009.severity.value == "warning"
    t007 = next(d for d in analysis.diagnostics if d.code == "T007")
    assert t007.location.column_label == "采购总金额" and t007.fix is not None and t007.fix.replacement == "251000"


def test_docx_with_merged_cells() -> None:
    analysis = analyze_path(REPORTS / "merged_cells.docx")
    report = analysis.report
    assert report is not None and len(report.facts) == 200 and not report.unrecognized
    # Word numbered the section headings itself ("%1、" in chineseCounting).
    assert [s.heading for s in report.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    # The one wrong cell breaks its row and its column: one diagnostic, at its paragraph ordinal.
    assert [(d.code, d.location.fact_key, d.line) for d in analysis.diagnostics] == [
        ("N002", "requests.public.natural", 69),
    ]
    assert "同一单元格也使表三每列" in analysis.diagnostics[0].message
    # Vertically merged group labels remember their origin.
    table = next(b for b in report.document.blocks if isinstance(b, Table) and len(b.rows) > 20)
    covered = [c for row in table.rows for c in row if c.text == "（三）不予公开" and c.origin is not None]
    assert len(covered) == 7 and {c.origin for c in covered} == {covered[0].origin}


def _docx_body(body: str) -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {ns}><w:body>{body}</w:body></w:document>")
    return buffer.getvalue()


def test_docx_cells_read_in_one_walk_keep_every_shape() -> None:
    """Runs, breaks, tabs and hyphens joined; gridBefore, gridSpan and vMerge placed; a table
    inside a cell is that cell's text; every paragraph of a cell counts in the ordinal."""
    body = (
        "<w:p><w:r><w:t>前言</w:t></w:r></w:p>"
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>"
        "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>行</w:t></w:r>"
        "<w:r><w:t>政许可</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>20</w:t></w:r><w:r><w:t>23</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
        "<w:tc><w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r></w:p><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:noBreakHyphen/><w:t>c</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr><w:tc><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"5\"/>"
        "</w:tcPr><w:p><w:r><w:t>内表</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>外</w:t></w:r></w:p></w:tc>"
        "<w:tc/></w:tr>"
        "</w:tbl><w:p><w:r><w:t>结语</w:t></w:r></w:p>"
    )
    document = analyze_bytes(_docx_body(body), "t.docx").report.document
    table = next(b for b in document.blocks if isinstance(b, Table))
    assert [[c.text for c in row] for row in table.rows] == [
        ["行政许可", "2023", "2023"], ["行政许可", "甲乙丙", "a b-c"], ["", "内表外", ""]]
    assert table.rows[1][0].origin == (0, 0) and table.rows[0][2].origin == (0, 1)
    # Paragraph ordinals: 前言 1; cells 2, 3, 4 (empty), 5–6, 7, 8–9 (the inner table's and its own), 10.
    assert [[c.position.line if c.position else None for c in row] for row in table.rows] == [
        [2, 3, 3], [2, 5, 7], [None, 8, 10]]
    assert document.blocks[-1].position.line == 11


def test_nested_layout_tables_do_not_swallow_data_tables() -> None:
    page = """<html><body><table class="layout"><tr><td>
      <table><tr><td>导航</td></tr></table>
      <p>一、总体情况</p><p>正文内容。</p>
      <table border="1"><tr><td>信息内容</td><td>本年处理决定数量</td></tr>
      <tr><td>行政许可</td><td>１２</td></tr></table>
    </td></tr></table></body></html>"""
    report = analyze_bytes(page.encode(), "p.html").report
    tables = [b for b in report.document.blocks if isinstance(b, Table)]
    assert [[c.text for c in row] for row in tables[-1].rows] == [["信息内容", "本年处理决定数量"], ["行政许可", "１２"]]
    # Full-width digits are numbers for the tables, and stay as written in the text.
    assert report.fact("t20_5.licensing.decisions").value == 12
    assert report.fact("t20_5.licensing.decisions").raw == "１２"


def test_br_and_p_inside_cells_and_nbsp_blanks() -> None:
    page = """<html><body><table><tr><td>结果<br>维持</td><td><p>总</p><p>计</p></td><td>&nbsp;</td></tr></table></body></html>"""
    report = analyze_bytes(page.encode(), "p.html").report
    (table,) = [b for b in report.document.blocks if isinstance(b, Table)]
    assert [c.text for c in table.rows[0]] == ["结果维持", "总计", ""]


def test_broken_html_and_xhtml_still_load() -> None:
    truncated = SEED.read_text(encoding="utf-8")[:2000]
    page = f"<html><body><div><p>{truncated}</p><table><tr><td>规章<td>1"
    analysis = analyze_bytes(page.encode(), "broken.html")
    assert analysis.report is not None
    xhtml = ('<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body>'
             "<h1>某局2021年政府信息公开工作年度报告</h1><p>一、总体情况</p></body></html>")
    for name in ("r.xhtml", "r.xml"):
        report = analyze_bytes(xhtml.encode(), name).report
        assert report is not None and report.metadata.title == "某局2021年政府信息公开工作年度报告"


def test_xml_schema_violations_are_diagnostics_with_lines() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<report xmlns="urn:reportlint:report:1">
  <body>
    <heading level="1">某局2021年政府信息公开工作年度报告</heading>
    <table><tr><td>规章</td></tr></table>
  </body>
</report>"""
    analysis = analyze_bytes(xml.encode(), "r.xml")
    violations = [d for d in analysis.diagnostics if d.code == "E006"]
    assert violations and violations[0].line == 5
    assert analysis.report is not None and analysis.report.metadata.title


def test_xml_with_a_foreign_root_is_refused_with_a_clear_message() -> None:
    analysis = analyze_bytes(b"<?xml version='1.0'?><rss><channel/></rss>", "feed.xml")
    (diagnostic,) = analysis.diagnostics
    assert diagnostic.code == "E006" and "<rss>" in diagnostic.message


def test_show_xml_round_trips_through_the_cli(tmp_path) -> None:
    runner = CliRunner()
    for source in (SEED, REPORTS / "portal_gbk.html", REPORTS / "merged_cells.docx"):
        result = runner.invoke(app, ["show", "--format", "xml", str(source)])
        assert result.exit_code == 0, result.output
        exported = tmp_path / f"{source.stem}.xml"
        exported.write_bytes(result.stdout_bytes)
        original = analyze_path(source).report
        loaded = analyze_path(exported)
        assert not [d for d in loaded.diagnostics if d.code == "E006"]
        assert {f.key: (f.value, f.raw.strip()) for f in loaded.report.facts} == {
            f.key: (f.value, f.raw.strip()) for f in original.facts
        }
        assert loaded.report.metadata.title == original.metadata.title


def test_mixed_directory_in_one_run(tmp_path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b.md").write_bytes((REPORTS / "clean_2021.md").read_bytes())
    (tmp_path / "c.html").write_bytes((REPORTS / "portal_gbk.html").read_bytes())
    (tmp_path / "d.docx").write_bytes((REPORTS / "merged_cells.docx").read_bytes())
    runner = CliRunner()
    xml = runner.invoke(app, ["show", "--format", "xml", str(REPORTS / "clean_2021.md")]).stdout_bytes
    (tmp_path / "e.xml").write_bytes(xml)
    (tmp_path / "f.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    result = runner.invoke(app, ["check", "-f", "json", str(tmp_path)])
    assert result.exit_code == 1
    assert "检查了 6 个文件" in result.stderr
    paths = {d["path"].rsplit("/", 1)[-1] for d in json.loads(result.stdout)["diagnostics"]}
    assert paths == {"a.txt", "c.html", "d.docx", "f.doc"}  # b.md and e.xml are clean


def _docx_with(document: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_docx_that_is_not_word_is_a_diagnostic() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    (diagnostic,) = analyze_bytes(buffer.getvalue(), "r.docx").diagnostics
    assert diagnostic.code == "E001" and "word/document.xml" in diagnostic.message
    (diagnostic,) = analyze_bytes(b"PK\x03\x04 not really a zip", "r.docx").diagnostics
    assert diagnostic.code == "E001"


def test_a_cell_on_a_one_line_page_is_located_at_its_own_tag() -> None:
    """Portal pages hold the article on one line: a cell's column is found after its own
    <td>, not at the first place its text occurs ("20" in "2020年")."""
    from reportlint.api import analyze_bytes
    from reportlint.testing.generate import random_report
    from reportlint.testing.writers import write_html

    data = random_report(7, "2021")
    page = write_html(data).replace("\n", "")  # one line, as the corpus pages are
    report = analyze_bytes(page.encode("utf-8"), "page.html").report
    assert report is not None
    line = page
    for fact in report.facts:
        if fact.kind != "number" or fact.position is None:
            continue
        assert fact.position.line == 1
        # From the position to the end of its cell stands the value (Word may split it
        # into runs: "<span>12</span><span>34</span>").
        rest = line[fact.position.column - 1 :]
        cell = re.sub(r"<[^>]+>", "", rest[: rest.find("</td>")])
        assert cell.strip() == fact.raw, fact.key
