"""``reportlint fix``: safe fixes, applied only when asked, in the file's own encoding."""

from __future__ import annotations

from typer.testing import CliRunner

from reportlint.api import analyze_path
from reportlint.cli import app

from .conftest import FIXTURES, SEED

runner = CliRunner()


def test_dry_run_shows_a_diff_and_changes_nothing(tmp_path) -> None:
    path = tmp_path / "many.md"
    original = (FIXTURES / "reports" / "many_problems.md").read_bytes()
    path.write_bytes(original)
    result = runner.invoke(app, ["fix", str(path)])
    assert result.exit_code == 1  # fixes pending, like `ruff check --diff`
    assert "+2023年4月15日" in result.stdout and "-2023年04月15日" in result.stdout
    assert "可修复 5 处" in result.stderr and "未写入" in result.stderr and "（可修复）" in result.stderr
    assert "applied" not in result.stderr and "已修复" not in result.stderr
    assert path.read_bytes() == original


def test_in_place_keeps_the_encoding_and_clears_the_fixed_findings(tmp_path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\u00a0", " ").replace("2021年1月22日", "2021年01月22日")
    path = tmp_path / "seed.txt"
    path.write_bytes(text.encode("gbk"))
    result = runner.invoke(app, ["fix", "--in-place", str(path)])
    assert result.exit_code == 0, result.output
    fixed = path.read_bytes().decode("gbk")  # still GBK
    assert "大岚镇人民政府\n2021年1月22日" in fixed
    codes = [d.code for d in analyze_path(path).diagnostics]
    assert codes == ["S005"]  # M001 and M002 went with the doubled 镇, D001 with the padding


def test_output_elsewhere_and_only_selected_codes(tmp_path) -> None:
    path = tmp_path / "many.md"
    path.write_bytes((FIXTURES / "reports" / "many_problems.md").read_bytes())
    out = tmp_path / "fixed.md"
    result = runner.invoke(app, ["fix", "--select", "D001", "-o", str(out), str(path)])
    assert result.exit_code == 0 and "已修复 2 处" in result.stderr
    fixed = out.read_text(encoding="utf-8")
    assert "2022年6月1日" in fixed and "国办公开办函[2021]30号" in fixed  # P001 not selected


def test_stale_positions_are_skipped_not_mangled() -> None:
    from reportlint.fixes import apply_fixes

    diagnostics = list(analyze_path(FIXTURES / "reports" / "many_problems.md").diagnostics)
    text = (FIXTURES / "reports" / "many_problems.md").read_text(encoding="utf-8")
    shifted = text.replace("## 一.总体情况", "##  一.总体情况")  # the heading moved one column
    fixed, applied = apply_fixes(shifted, diagnostics)
    skipped = [a for a in applied if a.skipped]
    assert [a.code for a in skipped] == ["P002"] and "##  一.总体情况" in fixed


def test_only_text_and_markdown_are_fixed() -> None:
    result = runner.invoke(app, ["fix", str(FIXTURES / "reports" / "portal_gbk.html")])
    assert result.exit_code == 2 and "text and markdown reports only" in result.stderr


def test_dry_run_of_a_file_with_nothing_to_fix_exits_0(tmp_path) -> None:
    path = tmp_path / "clean.md"
    path.write_bytes((FIXTURES / "reports" / "clean_2021.md").read_bytes())
    result = runner.invoke(app, ["fix", str(path)])
    assert result.exit_code == 0 and "可修复 0 处" in result.stderr and result.stdout == ""


def test_half_width_brackets_are_fixed_without_a_stray_space(tmp_path) -> None:
    path = tmp_path / "r.md"
    text = (FIXTURES / "reports" / "clean_2021.md").read_text(encoding="utf-8")
    path.write_text(text.replace("扎实推进政府信息公开工作。", "扎实推进政府信息公开工作。\n\n(一) 主动公开情况\n", 1),
                    encoding="utf-8")
    result = runner.invoke(app, ["fix", "--select", "P002", "--in-place", str(path)])
    assert result.exit_code == 0, result.output
    assert "\n（一）主动公开情况\n" in path.read_text(encoding="utf-8")  # not "（一） 主动公开情况"


def test_no_renumbering_while_the_section_structure_is_in_doubt(tmp_path) -> None:
    """The seed's 三、公开平台建设 is not a national section (S005 without the 浙江 pack): its
    heading numbers cannot be renumbered with certainty."""
    path = tmp_path / "seed.txt"
    path.write_text(SEED.read_text(encoding="utf-8").replace("\n四、收到和处理", "\n五、收到和处理", 1), encoding="utf-8")
    codes = {d.code for d in analyze_path(path).diagnostics}
    assert {"S004", "S005"} <= codes
    result = runner.invoke(app, ["fix", str(path)])
    assert "S004 “五、” → “四、”（跳过：章节结构存疑（S005），不自动重新编号）" in result.stderr
    assert "-五、收到和处理" not in result.stdout


def test_the_diff_marks_the_changed_characters_of_a_long_line() -> None:
    from reportlint.fixes import marked_diff

    before = "一、总体情况\n" + "本年度共发布信息一百余条，" * 5 + "成文日期2023年04月15日。\n"
    after = before.replace("2023年04月15日", "2023年4月15日")
    diff = marked_diff(before, after, "a", "b").splitlines()
    plus = next(i for i, line in enumerate(diff) if line.startswith("+") and not line.startswith("+++"))
    marker = diff[plus + 1]
    assert marker.startswith("?") and marker.count("^") >= 1
    # The carets stand under the changed characters, counting CJK characters as two columns.
    new = diff[plus][1:]
    from reportlint.fixes import _width

    first = marker.index("^") - 1
    assert _width(new[:new.index("4月15日")]) <= first <= _width(new[:new.index("4月15日") + 1])
