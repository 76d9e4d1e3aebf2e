"""The text loader: every text shape becomes headings, paragraphs and tables."""

from __future__ import annotations

from reportlint.loaders.text import parse_lines
from reportlint.model import Heading, Paragraph, Table


def _blocks(text: str):
    return parse_lines(text.splitlines())


def test_seed_layout_cells_rows_and_continuation_lines() -> None:
    text = "二、主动公开\n\t信息内容\n\t本年新制作数量\n\n\t规章\n\t0\n\t3 \n\n\t结果\n维持\n\t总计\n\n三、其他\n"
    blocks = _blocks(text)
    assert isinstance(blocks[0], Heading) and blocks[0].numbering == "二、"
    table = blocks[1]
    assert isinstance(table, Table)
    assert [[c.text for c in row] for row in table.rows] == [
        ["信息内容", "本年新制作数量"],
        ["规章", "0", "3"],
        ["结果\n维持", "总计"],
    ]
    # Positions point at the cell's own line and first character after the tab.
    assert table.rows[1][2].position.line == 7 and table.rows[1][2].position.column == 2
    assert isinstance(blocks[2], Heading) and blocks[2].title == "其他"


def test_markdown_tables_drop_separators_anywhere() -> None:
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n|---|---|\n| 3 |  |\n"
    (table,) = _blocks(text)
    assert isinstance(table, Table)
    assert [[c.text for c in row] for row in table.rows] == [["a", "b"], ["1", "2"], ["3", ""]]
    assert table.rows[1][1].position.column == 7


def test_tab_separated_rows() -> None:
    text = "规章\t0\t1\t2\n\t（三）不予公开\t1.属于国家秘密\t0\n"
    (table,) = _blocks(text)
    assert [[c.text for c in row] for row in table.rows] == [
        ["规章", "0", "1", "2"],
        ["", "（三）不予公开", "1.属于国家秘密", "0"],
    ]


def test_headings_by_syntax_only() -> None:
    blocks = _blocks(
        "## 一、总体情况\n一、本年新收政府信息公开申请数量 32 2 0\n（一）不断健全机制保障。将政务信息公开作为工作。\n"
        "五、存在的主要问题及改进情况\n- 2 -\n"
    )
    assert isinstance(blocks[0], Heading) and blocks[0].markup_level == 2 and blocks[0].title == "总体情况"
    assert isinstance(blocks[1], Paragraph)  # ends with numbers: a table line, not a heading
    assert isinstance(blocks[2], Paragraph)  # running text with a heading lead-in
    assert isinstance(blocks[3], Heading)
    assert len(blocks) == 4  # the page footer "- 2 -" is dropped


def test_page_footers_are_dropped() -> None:
    blocks = _blocks("正文一\n- 2 -\n— 3 —\n第 4 页\n第5页 共9页\n2 / 9\n正文二\n")
    assert [b.text for b in blocks] == ["正文一", "正文二"]


def test_blank_lines_with_nbsp_and_ideographic_space_are_blank() -> None:
    blocks = _blocks("标题\n\u00a0\n\u3000\n正文")
    assert [b.text for b in blocks] == ["标题", "正文"]


def test_running_text_right_after_a_table_is_not_glued_to_a_cell() -> None:
    blocks = _blocks("\t规章\n\t0\n本年度未制发规章，相关工作按计划推进。\n")
    assert [type(b).__name__ for b in blocks] == ["Table", "Paragraph"]
    assert [[c.text for c in row] for row in blocks[0].rows] == [["规章", "0"]]


def test_markdown_rows_without_outer_pipes() -> None:
    (table,) = _blocks("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n---|---|---|---\n规章 | 0 | 1 | 2\n")
    assert [[c.text for c in row] for row in table.rows] == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "1", "2"]]
    assert table.rows[1][2].position.column == 10
