"""The command line's own language: help texts, headings and usage errors in Chinese by
default, in English with ``--lang en`` (or ``REPORTLINT_LANG=en``).

The language must be known before the command line is parsed (``--help`` is printed while
parsing), so it is read from the arguments and the environment once, at import. Diagnostic
messages have their own ``lang`` setting (``--lang``, ``lang`` in reportlint.toml); this
module covers what the CLI itself says.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence


def cli_lang(argv: Sequence[str] | None = None) -> str:
    """"en" when ``--lang en`` (or ``--lang=en``) is among the arguments or REPORTLINT_LANG=en,
    else "zh"."""
    args = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1].lower().startswith("en") else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1].lower().startswith("en") else "zh"
    return "en" if os.environ.get("REPORTLINT_LANG", "").lower().startswith("en") else "zh"


LANG = cli_lang()

# English help texts and their Chinese versions (full-width punctuation).
HELP_ZH = {
    "Check reports and print diagnostics.": "检查年度报告并列出问题。",
    "Print what was recognized: format, metadata, sections and every fact.":
        "显示识别结果：格式、元数据、发布机关所在地、章节和每个表格数值。",
    "Apply the safe fixes (dates, document numbers, heading numbers, doubled characters). Without --in-place "
    "or -o nothing is written: the changes are shown as a diff, and the exit code is 1 when there are fixes "
    "to apply.":
        "应用安全的自动修复（日期、发文字号、标题序号、重复的字）。不加 --in-place 或 -o 时不写入任何文件，"
        "只以 diff 显示将作的修改；有待修复之处时退出码为 1。",
    "List every rule: code, name, severity, formats, references.": "列出全部规则：代码、名称、级别、适用格式、依据。",
    "Print a rule's documentation.": "显示一条规则的说明。",
    "List installed plugins and packs, and any that failed to load.": "列出已安装的插件和规则包，以及加载失败的插件。",
    "Show the effective configuration and where each value came from.": "显示生效的配置及每项的来源。",
    "List the output formats.": "列出输出格式。",
    "A .txt or .md report.": "一份 .txt 或 .md 年报。",
    "A folder of last year's reports, paired by issuer.": "上一年度年报所在的目录，按发布机关配对。",
    "A report file, or - for standard input.": "一份年报文件，或用 - 表示标准输入。",
    "A rule code (N001) or name.": "规则代码（如 N001）或名称。",
    "Also write one row per file checked (clean ones too) to FILE.xlsx, .csv or .md.":
        "另将每个文件一行的汇总（含无问题的文件）写入 FILE.xlsx、.csv 或 .md。",
    "Check files in N processes.": "用 N 个进程并行检查。",
    "Codes or prefixes not to report.": "不报告的规则代码或前缀。",
    "Codes or prefixes to add to the selection.": "在已选规则之外再加的代码或前缀。",
    "Codes or prefixes to report (comma-separated).": "要报告的规则代码或前缀（逗号分隔）。",
    "Codes whose fixes to apply (default: the safe ones).": "要应用其修复的规则代码（默认：安全的修复）。",
    "Do not show source excerpts.": "不显示原文摘录。",
    "Enable an installed rule pack (repeatable).": "启用一个已安装的规则包（可重复）。",
    "Enable an installed rule pack.": "启用一个已安装的规则包。",
    "Exit 0 even when there are findings.": "即使发现问题也以 0 退出。",
    "Files, directories, globs, or - for standard input.": "文件、目录、通配符，或用 - 表示标准输入。",
    "Glob of file names to check inside directories.": "目录中要检查的文件名通配符。",
    "Glob of paths to skip inside directories.": "目录中要跳过的路径通配符。",
    "Last year's report, for the year-over-year rules (Y).": "上一年度的年报，用于逐年比对规则（Y）。",
    "Message language: zh (default) or en.": "语言：zh（默认）或 en。",
    "Language of help and messages: zh (default) or en.": "帮助和提示的语言：zh（默认）或 en。",
    "Print the count per code instead of diagnostics.": "只列出每个规则代码的问题数。",
    "Print which report was paired with which last year's.": "显示每份年报与哪一份上年度年报配对。",
    "Record today's findings as the baseline.": "把当前的问题记录为基线。",
    "Report only findings not accepted in this baseline file.": "只报告基线文件中未接受的问题。",
    "Rewrite the file (keeps its encoding).": "直接改写文件（保留原编码）。",
    "Show the version and exit.": "显示版本号并退出。",
    "Show this message and exit.": "显示本帮助并退出。",
    "Use this configuration file.": "使用这个配置文件。",
    "Write diagnostics to this file.": "把诊断结果写入这个文件。",
    "Write the fixed report here.": "把修复后的年报写到这里。",
    "auto, 2019 or 2021.": "auto、2019 或 2021。",
    "auto, always or never (NO_COLOR is respected).": "auto、always 或 never（遵从 NO_COLOR）。",
    "error, warning or info: the lowest severity that fails.": "error、warning 或 info：导致失败的最低级别。",
    "full, concise, json, jsonl, csv, sarif, github, gitlab, junit, html":
        "full、concise、json、jsonl、csv、sarif、github、gitlab、junit、html",
    "text or json": "text 或 json",
    "text, json or markdown": "text、json 或 markdown",
    "text, json, or xml (the interchange format)": "text、json 或 xml（交换格式）",
    "zh or en": "zh 或 en",
    "local (processes on this machine) or dask (a Dask cluster; needs reportlint[dask]).":
        "local（本机多进程）或 dask（Dask 集群；需安装 reportlint[dask]）。",
    "The Dask scheduler's address, e.g. tcp://host:8786 (default: a local Dask cluster).":
        "Dask 调度器地址，如 tcp://host:8786（默认：在本机启动一个 Dask 集群）。",
}


def h(english: str) -> str:
    """A help text in the CLI's language."""
    return english if LANG == "en" else HELP_ZH.get(english, english)


# Click's headings and usage errors, in Chinese.
HEADINGS_ZH = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
_ERRORS_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^No such option: (\S+)(?: \(Possible options: (.+)\)| Did you mean (.+)\?)?$", "没有这个选项：{0}{1}"),
    (r"^No such command '(.+)'\.(?: Did you mean '(.+)'\?)?$", "没有这个命令：{0}{1}"),
    (r"^Missing argument '(.+)'\.$", "缺少参数：{0}"),
    (r"^Missing option '(.+)'\.$", "缺少选项：{0}"),
    (r"^Option '(.+)' requires an argument\.$", "选项 {0} 需要一个值"),
    (r"^Option '(.+)' requires (\d+) arguments\.$", "选项 {0} 需要 {1} 个值"),
    (r"^Got unexpected extra arguments? \((.+)\)$", "多余的参数：{0}"),
    (r"^Invalid value for '(.+?)': (.+)$", "参数 {0} 的值无效：{1}"),
    (r"^Missing command\.$", "缺少命令"),
    (r"^Option '(.+)' does not take a value\.$", "选项 {0} 不接受值"),
))


def usage_error(message: str) -> str:
    """A click usage error message in the CLI's language."""
    if LANG == "en":
        return message
    for pattern, template in _ERRORS_ZH:
        match = pattern.match(message.strip())
        if match:
            groups = [g or "" for g in match.groups()]
            if template.startswith("没有这个"):
                close = next((g for g in groups[1:] if g), "")
                groups = [groups[0], f"（是否想写 {close}？）" if close else ""]
            return template.format(*groups)
    return message


def install_help_language() -> None:
    """Chinese headings ("用法：", "选项") in the help pages, unless the CLI speaks English."""
    if LANG == "en":
        return
    from typer._click import core, formatting

    class ChineseHelpFormatter(formatting.HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, "用法：" if prefix is None else prefix)

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}{HEADINGS_ZH.get(heading, heading)}：\n")

        def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:  # type: ignore[no-untyped-def]
            # click's own help option ("Show this message and exit.") and extras in Chinese.
            rows = [(term, _extras_zh(HELP_ZH.get(text, text))) for term, text in rows]
            super().write_dl(rows, col_max, col_spacing)

    core.Context.formatter_class = ChineseHelpFormatter


def _extras_zh(text: str) -> str:
    return (text.replace("[default: ", "[默认：").replace("[required]", "[必填]")
            .replace("[env var: ", "[环境变量："))
