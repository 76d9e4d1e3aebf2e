"""The command line speaks Chinese by default and English with --lang en: help pages,
usage errors, the summary line, severity words, fix output; and says what an empty file or
an image is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.loaders import ocr

from .conftest import ROOT, missigned_seed


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real entry point (language is chosen before parsing, as a user's shell runs it)."""
    environment = {k: v for k, v in os.environ.items() if k != "REPORTLINT_LANG"}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True,
                          cwd=ROOT, env=environment, timeout=120)


def test_help_is_in_chinese_by_default() -> None:
    top = _cli("--help")
    assert top.returncode == 0
    assert "用法：" in top.stdout and "命令：" in top.stdout and "选项：" in top.stdout
    assert "检查年度报告并列出问题。" in top.stdout and "Usage:" not in top.stdout
    check = _cli("check", "--help").stdout
    assert "文件、目录、通配符" in check and "显示本帮助并退出。" in check and "[必填]" in check
    assert "Show this message" not in check


def test_help_is_in_english_with_lang_en() -> None:
    for result in (_cli("--lang", "en", "--help"), _cli("--help", env={"REPORTLINT_LANG": "en"})):
        assert "Usage: " in result.stdout and "Check reports and print diagnostics." in result.stdout


@pytest.mark.parametrize(("args", "zh", "en"), [
    (["check", "--bogus", "x"], "错误：没有这个选项：--bogus", "Error: No such option: --bogus"),
    (["show"], "错误：缺少参数：file", "Error: Missing argument"),
    (["chek"], "错误：没有这个命令：chek（是否想写 check？）", "Error: No such command 'chek'"),
])
def test_usage_errors_exit_2_in_the_clis_language(args: list[str], zh: str, en: str) -> None:
    chinese = _cli(*args)
    assert chinese.returncode == 2 and zh in chinese.stderr and "用法：" in chinese.stderr, chinese.stderr
    english = _cli("--lang", "en", *args) if args[0] == "chek" else _cli(*args, env={"REPORTLINT_LANG": "en"})
    assert english.returncode == 2 and en in english.stderr, english.stderr


def test_the_run_is_reported_in_chinese_with_severity_in_words(tmp_path: Path) -> None:
    seed = missigned_seed(tmp_path)
    result = _cli("check", str(seed))
    assert result.returncode == 1
    assert "检查了 1 个文件，发现 3 个问题（错误 1，警告 2），1 个文件有错误" in result.stderr
    assert "[错误]" in result.stdout and "[警告]" in result.stdout and "[error]" not in result.stdout
    assert "应为：大岚镇人民政府　实为：梁弄镇镇人民政府" in result.stdout and "应为: " not in result.stdout
    english = _cli("check", "--lang", "en", str(seed))
    assert "1 file(s) checked, 3 diagnostic(s) (1 error, 2 warning)" in english.stderr
    assert "[error]" in english.stdout and "expected: " in english.stdout


def test_empty_files_and_images_get_their_own_messages(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    result = _cli("check", "-f", "concise", str(tmp_path / "empty.txt"), str(tmp_path / "scan.png"),
                  str(tmp_path / "photo.jpg"))
    assert "empty.txt:1:1: E007 文件是空的" in result.stdout
    if ocr.available():  # read by OCR: these two are pictures cut short
        assert "scan.png:1:1: E001 无法读取图片：文件已损坏" in result.stdout
        assert "photo.jpg:1:1: E001 无法读取图片" in result.stdout
    else:
        assert "scan.png:1:1: E003 这是一张图片（PNG）" in result.stdout
        assert "pip install 'reportlint[ocr]'" in result.stdout
        assert "photo.jpg:1:1: E003 这是一张图片（JPEG）" in result.stdout
