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
    assert result.exit_code == 0
    assert "+2023年4月15日" in result.stdout and "-2023年04月15日" in result.stdout
    assert "5 fix(es) applied" in result.stderr
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
    assert result.exit_code == 0 and "2 fix(es) applied" in result.stderr
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
