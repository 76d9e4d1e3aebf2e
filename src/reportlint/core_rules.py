"""Diagnostics the core itself emits (input problems, crashing rules).

They are rules with metadata and documentation like any other, so that ``reportlint
explain E004`` and the configuration (select, ignore, severity) work for them too; their
check functions yield nothing because the engine raises them directly.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.model import Finding, Report, Severity
from reportlint.rules import Rule, RuleContext, rule

INPUT_UNREADABLE = "E001"
INPUT_REFUSED = "E002"
UNSUPPORTED_FORMAT = "E003"
RULE_CRASHED = "E004"
DECODING_PROBLEM = "E005"
SCHEMA_VIOLATION = "E006"
NOT_A_REPORT = "E007"
INTERNAL_ERROR = "E008"
BASELINE_EXPIRED = "B001"
BASELINE_STALE = "B002"
OCR_READ = "O001"
OCR_LOW_CONFIDENCE = "O002"
OCR_PAGES_UNREAD = "O003"


def _nothing(report: Report, context: RuleContext) -> Iterator[Finding]:
    return iter(())


def _core(code: str, name: str, summary: str, summary_en: str, severity: Severity, doc: str) -> Rule:
    _nothing.__doc__ = doc
    made = rule(code, name, summary=summary, summary_en=summary_en, severity=severity,
                formats=(), pack="builtin")(_nothing)
    return made


CORE_RULES = [
    _core(INPUT_UNREADABLE, "input-unreadable", "文件无法读取或不是文本", "The file cannot be read or is not text",
          Severity.ERROR,
          """文件无法读取：不存在、没有权限、是二进制文件（如图片、压缩包）或无法解码。

          为什么重要：无法读取的文件不能检查，若静默跳过，审核人会误以为它已通过。

          不通过的例子：把 .png 图片当作报告传入。
          通过的例子：UTF-8 或 GB18030 编码的 .txt / .md / .html 报告。"""),
    _core(INPUT_REFUSED, "input-refused", "输入超出安全限制，已拒绝处理", "The input exceeds a safety limit and was refused",
          Severity.ERROR,
          """输入超出安全限制：文件过大、XML 实体炸弹、外部实体、压缩包炸弹等。

          为什么重要：恶意或损坏的文件可能耗尽内存或使检查挂起；reportlint 迅速拒绝并继续处理其他文件。

          不通过的例子：声明了实体的 DOCTYPE（billion laughs）。
          通过的例子：普通的网页、XML 或 Word 文档。限制可通过配置 max-bytes 调整。"""),
    _core(UNSUPPORTED_FORMAT, "unsupported-format", "不支持的文件格式", "Unsupported file format",
          Severity.ERROR,
          """不支持的文件格式，例如旧版二进制 .doc 或 .wps 文件。

          为什么重要：这类文件无法可靠读取；请另存为 .docx、.html 或 .txt 后再检查。

          不通过的例子：报告.doc。
          通过的例子：报告.docx、报告.html、报告.txt、报告.md。"""),
    _core(RULE_CRASHED, "rule-crashed", "规则运行出错，已跳过", "A rule raised an error and was skipped",
          Severity.ERROR,
          """某条规则（通常来自插件）运行时抛出异常。该规则对本文件的结果缺失，其余规则照常运行。

          为什么重要：出错的规则不能静默消失，否则会把“未检查”误当成“已通过”。

          不通过的例子：插件规则访问了不存在的字段。
          通过的例子：所有规则正常完成。"""),
    _core(DECODING_PROBLEM, "decoding-problem", "文件中有无法解码的字符", "Some bytes could not be decoded",
          Severity.WARNING,
          """文件中有字节无法按检测到的编码解码，已替换为“�”。

          为什么重要：乱码会让标题、机关名称或表格标签无法识别，导致后续检查不完整。

          不通过的例子：GBK 文件中混入了 UTF-8 片段。
          通过的例子：整份文件使用同一种编码（UTF-8 或 GB18030）。"""),
    _core(SCHEMA_VIOLATION, "xml-schema-violation", "XML 不符合 reportlint 交换格式",
          "The XML does not follow the reportlint interchange schema", Severity.ERROR,
          """XML 输入按随包提供的 RELAX NG 模式（reportlint/schemas/report.rng）校验，每一处违反都报告其行号；
          能读取的内容仍会加载和检查。格式说明见 docs/xml-format.md。

          为什么重要：系统之间交换的年报若结构不符，接收方可能漏读或误读数据。

          不通过的例子：<table> 中出现 <tr>（应为 <row>），或根元素不是交换格式命名空间中的 <report>。
          通过的例子：reportlint show --format xml 输出的文件。"""),
    _core(NOT_A_REPORT, "not-an-annual-report", "文件看起来不是政府信息公开工作年度报告",
          "The file does not look like an annual disclosure report", Severity.WARNING,
          """文件中既没有年报标题，也没有可识别的章节和法定表格，因此不作为年报检查（其余规则不运行）。

          为什么重要：审核人对整个目录运行检查时，目录里的说明文件、附件等不应产生成串的“缺少章节”诊断。

          不通过的例子：README.md、会议通知、空白文件。
          通过的例子：任何含有年报标题、年报章节或表三等法定表格之一的文件都会按年报检查。"""),
    _core(INTERNAL_ERROR, "internal-error", "检查这个文件时发生内部错误，已跳过",
          "An internal error stopped the check of this file", Severity.ERROR,
          """检查某个文件时 reportlint 自身出错（程序缺陷、内存耗尽、检查进程意外退出）。这个文件的检查结果
          不完整，本诊断说明原因；同一批次中的其他文件照常检查，输出保持完整。

          为什么重要：一个出错的文件不能让整批结果丢失，也不能被误当成“已通过”。

          不通过的例子：检查进程在读取某个文件时被系统终止。
          通过的例子：所有文件正常完成；请把出现本诊断的文件和信息提交给维护者。"""),
    _core(BASELINE_EXPIRED, "baseline-entry-expired", "基线中的接受已过期，问题重新报告",
          "A baseline entry has expired; its finding is reported again", Severity.WARNING,
          """基线（--baseline）中的条目可以设定 expires 日期。过期后该条目不再隐藏对应的问题，问题重新报告，
          并由本诊断说明原接受理由和接受人。

          为什么重要：接受某个问题通常是暂时的（例如等待下一年度改正），过期提醒防止问题被永久忽略。

          不通过的例子：expires = "2025-12-31"，今天是 2026 年。
          通过的例子：expires 为空，或尚未到期。"""),
    _core(BASELINE_STALE, "baseline-entry-stale", "基线条目已不再对应任何问题",
          "A baseline entry no longer matches any finding", Severity.INFO,
          """基线中的某个条目在本次检查的文件中已找不到对应的问题，通常是问题已经改正。

          为什么重要：清理过时的条目可以让基线保持准确，避免今后同一问题再次出现时被误隐藏。

          不通过的例子：基线接受了 M001，报告随后改正了落款。
          通过的例子：基线中的每个条目都对应一个当前的问题（可用 --write-baseline 重新生成）。"""),
    _core(OCR_READ, "read-by-ocr", "部分内容经文字识别（OCR）读取", "Part of the report was read by OCR",
          Severity.INFO,
          """扫描件（没有文字层的 PDF 页）和图片经文字识别（OCR，需安装 reportlint[ocr]）读取。本诊断每个文件
          只出现一次，说明哪些页是识别出来的、用的是哪个识别引擎。识别出的数字若置信度低，另由 O002 逐个标出；
          勾稽关系不成立而被认定填错的单元格若是低置信度识别的，诊断降为提示并注明“可能是识别错误”。

          为什么重要：识别结果可能有误，审核人需要知道哪些数据来自识别，必要时对照原件核对。

          不通过的例子：盖章后扫描的 PDF 年报。
          通过的例子：文字版 PDF、网页或 Word 文档（不经识别）。"""),
    _core(OCR_LOW_CONFIDENCE, "ocr-low-confidence", "识别出的数字置信度低，请对照原件核对",
          "A figure was read by OCR with low confidence; check it against the original", Severity.INFO,
          """法定表格中的某个数字由文字识别读出，但识别引擎的置信度低于 0.9。诊断给出识别结果、置信度和它在
          页面上的位置（距页面左边和顶边的毫米数），请对照原件核对。

          为什么重要：识别错误的数字会让勾稽关系看起来不成立或掩盖真正的错误；置信度低的数字不能被静默采信。

          不通过的例子：模糊的扫描件上“8”被识别为“3”，置信度 0.62。
          通过的例子：清晰的扫描件，所有数字置信度都在 0.9 以上。"""),
    _core(OCR_PAGES_UNREAD, "scanned-pages-unread", "PDF 中有扫描页未能读取", "Scanned pages of the PDF were not read",
          Severity.WARNING,
          """PDF 中部分页面没有文字层（扫描页），而文字识别扩展未安装，这些页没有读取，检查结果不包含它们。
          安装 reportlint[ocr] 后再检查即可读取。

          为什么重要：漏读的页面上可能有法定表格或落款；“没有发现问题”不能建立在没读过的页面上。

          不通过的例子：正文是文字版、最后一页（盖章的落款页）是扫描图片的 PDF，未安装识别扩展。
          通过的例子：所有页面都有文字层，或已安装 reportlint[ocr]。"""),
]
