"""Issuer rules (M): the title and the signature name the same body, spelled right."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from reportlint import gazetteer
from reportlint.gazetteer import Division
from reportlint.model import Finding, Fix, Location, Metadata, Position, Report, Severity
from reportlint.rules import RuleContext, rule
from reportlint.text.normalize import compact_fold
from reportlint_national.common import TextBlock, span_location, text_blocks

# Characters that end administrative names; doubled, they are a typo ("镇镇", "局局").
ADMIN_CHARS = "省市县区旗盟州镇乡村街道局厅委办署处科室站所院会司部"
_DOUBLED_RE = re.compile(f"([{ADMIN_CHARS}])\\1")
# A doubled character is legitimate when the second one starts a word: 余姚市市场监督管理局.
WORD_STARTS = {
    "市": "场政民容级委", "区": "域委政级", "县": "委政域级", "省": "委政级", "委": "员",
    "部": "门", "司": "法", "科": "技学", "会": "计", "所": "属得", "处": "理", "院": "校",
    "站": "点", "室": "内", "乡": "村镇", "村": "民委", "街": "道", "道": "路", "镇": "村街",
    "州": "市", "局": "部", "厅": "局", "办": "公事理", "署": "名",
}
_TITLE_FORM_RE = re.compile(r"^(?P<body>.+?)(?P<year>\d{4})年政府信息公开工作年度报告$")


def doubled_character(name: str) -> re.Match[str] | None:
    """The first administrative character written twice by mistake in ``name`` ("镇镇"), if any.

    A doubling is legitimate when the second character starts a word (余姚市市场监督管理局)
    and the name goes on after it.
    """
    return next(
        (m for m in _DOUBLED_RE.finditer(name)
         if name[m.end() : m.end() + 1] not in WORD_STARTS.get(m.group(1), "") or m.end() == len(name)),
        None,
    )


def undouble(name: str) -> str:
    """``name`` with its mistaken doubled character written once (unchanged when there is none)."""
    match = doubled_character(name)
    return name if match is None else name[: match.start()] + match.group(1) + name[match.end() :]


def same_body(title_name: str, signed: str) -> bool:
    """Whether two spellings name one body: equal, or one the full name and the other its short form."""
    return title_name == signed or title_name in signed or signed in title_name


def signature_differs(meta: Metadata) -> bool:
    """Whether the signature names another body than the title (M001's finding): not when
    one is the other's short form, nor when the one difference is a doubled character (M002's)."""
    if not meta.issuer or not meta.signature_body:
        return False
    title_name, signed = compact_fold(meta.issuer), compact_fold(meta.signature_body)
    return not same_body(undouble(title_name), undouble(signed))


def describe_difference(title_name: str, signed_name: str) -> tuple[str, str]:
    """How the signature differs from the title, in words (zh, en)."""
    parts_zh: list[str] = []
    parts_en: list[str] = []
    matcher = difflib.SequenceMatcher(a=title_name, b=signed_name, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "insert":
            parts_zh.append(f"多了“{signed_name[b1:b2]}”")
            parts_en.append(f"adds “{signed_name[b1:b2]}”")
        elif op == "delete":
            parts_zh.append(f"少了“{title_name[a1:a2]}”")
            parts_en.append(f"drops “{title_name[a1:a2]}”")
        elif op == "replace":
            parts_zh.append(f"“{title_name[a1:a2]}”写成了“{signed_name[b1:b2]}”")
            parts_en.append(f"writes “{signed_name[b1:b2]}” for “{title_name[a1:a2]}”")
    return "，".join(parts_zh), ", ".join(parts_en)


@rule(
    "M001",
    "signature-issuer-mismatch",
    summary="落款机关与标题中的机关不一致",
    summary_en="The signature names a different body than the title",
    severity=Severity.ERROR,
    references=("GB/T 9704-2012 7.3.5.1", "国办公开办函〔2021〕30号"),
    ocr="one-character",
)
def signature_issuer_mismatch(report: Report, context: RuleContext) -> Iterator[Finding]:
    """落款应为发布年报的机关全称或规范简称，与标题中的机关一致。一方是另一方的一部分
    （如“余姚市大岚镇人民政府”与“大岚镇人民政府”）视为全称与简称，不提示。两者只差一个
    重复的字（落款“大岚镇镇人民政府”）时由 M002 指出，本规则不重复提示。

    为什么重要：落款与标题不一致，说明机关名称写错或年报套用了别的单位的文本。

    不通过的例子：标题“大岚镇人民政府2020年政府信息公开工作年度报告”，落款“梁弄镇人民政府”。
    通过的例子：标题与落款都是“大岚镇人民政府”。
    """
    meta = report.metadata
    if not signature_differs(meta):
        return
    title_name, signed = compact_fold(meta.issuer or ""), compact_fold(meta.signature_body or "")
    # A doubled character, if any, is M002's to name; the words here say what else differs.
    difference, difference_en = describe_difference(undouble(title_name), undouble(signed))
    yield Finding(
        message=f"落款“{signed}”与标题中的机关“{title_name}”不一致：落款{difference}",
        message_en=f"the signature “{signed}” differs from the title's body “{title_name}”: it {difference_en}",
        location=Location(position=meta.signature_body_position),
        expected=title_name,
        actual=signed,
        fix=Fix(f"将落款改为“{title_name}”（若标题正确）", title_name, meta.signature_body_position, signed),
    )


@rule(
    "M002",
    "repeated-character-in-name",
    summary="机关名称中有重复的字（如“镇镇”）",
    summary_en="A character is doubled in a body's name (such as 镇镇)",
    severity=Severity.WARNING,
    references=("GB/T 9704-2012 7.3.5.1",),
)
def repeated_character(report: Report, context: RuleContext) -> Iterator[Finding]:
    """机关名称中表示行政层级或机构类别的字（镇、乡、县、区、市、局、委、办……）重复出现，
    几乎总是笔误。

    为什么重要：机关名称是年报的身份标识，写错会使年报归属不清。

    不通过的例子：“大岚镇镇人民政府”。
    通过的例子：“大岚镇人民政府”。
    """
    meta = report.metadata
    seen: set[str] = set()
    for name, position in ((meta.issuer, meta.title_position), (meta.signature_body, meta.signature_body_position)):
        if not name or name in seen:
            continue
        seen.add(name)
        match = doubled_character(name)
        if not match:
            continue
        fixed = undouble(name)
        yield Finding(
            message=f"机关名称“{name}”中“{match.group(1)}”字重复，应为“{fixed}”",
            message_en=f"the body name “{name}” doubles “{match.group(1)}”; probably “{fixed}”",
            location=Location(position=position),
            expected=fixed,
            actual=name,
            fix=Fix(f"改为“{fixed}”", fixed, position, name),
        )


@rule(
    "M003",
    "title-form",
    summary="标题不是“<机关><年度>年政府信息公开工作年度报告”的形式",
    summary_en="The title is not of the form “<body><year>年政府信息公开工作年度报告”",
    severity=Severity.INFO,
    references=("国办公开办函〔2021〕30号",),
)
def title_form(report: Report, context: RuleContext) -> Iterator[Finding]:
    """年报标题的通行形式是“<机关名称><年度>年政府信息公开工作年度报告”，例如
    “大岚镇人民政府2020年政府信息公开工作年度报告”。

    为什么重要：统一的标题便于公众检索和上级汇总；漏掉“工作”“年度”或把年份放在机关名称之前，
    会让同一类文件在检索中分散。

    不通过的例子：“大岚镇人民政府2020年政府信息公开年度报告”（缺“工作”）、
    “2024年上海市科委政府信息公开工作年度报告”（年份在机关名称之前）。
    通过的例子：“上海市科委2024年政府信息公开工作年度报告”。
    """
    meta = report.metadata
    if not meta.title:
        yield Finding(
            message="未找到年报标题（如“<机关><年度>年政府信息公开工作年度报告”）",
            message_en="no report title was found",
            location=Location(position=Position(1, 1)),
        )
        return
    if meta.title_source != "body":
        return  # a CMS page title or a crawler's header is the site's wording, not the report's
    title = compact_fold(meta.title)
    if _TITLE_FORM_RE.match(title):
        return
    suggestion = ""
    if meta.issuer and meta.report_year:
        suggestion = f"{meta.issuer}{meta.report_year}年政府信息公开工作年度报告"
    yield Finding(
        message=f"标题“{title}”不是通行形式" + (f"，建议为“{suggestion}”" if suggestion else ""),
        message_en=f"the title “{title}” is not in the usual form" + (f"; suggested “{suggestion}”" if suggestion else ""),
        location=Location(position=meta.title_position),
        expected=suggestion or None,
        actual=title,
        fix=Fix(f"改为“{suggestion}”", suggestion, meta.title_position, meta.title) if suggestion else None,
    )


@rule(
    "M004",
    "signature-missing",
    summary="文末没有落款（机关名称和成文日期）",
    summary_en="The report ends without a signature (body and date)",
    severity=Severity.WARNING,
    references=("GB/T 9704-2012 7.3.5",),
    ocr="signature",
)
def signature_missing(report: Report, context: RuleContext) -> Iterator[Finding]:
    """年报末尾应署发布机关名称和成文日期。

    为什么重要：没有落款就无法确认年报由谁、在何时发布，也无法核对是否按期公布。

    不通过的例子：正文最后一段之后直接结束。
    通过的例子：末尾两行为“大岚镇人民政府”和“2021年1月22日”。
    """
    meta = report.metadata
    if meta.signature_date is not None:
        return
    blocks = report.document.blocks
    last = blocks[-1] if blocks else None
    position = getattr(last, "position", None)
    publisher = page_publisher(meta.page_meta)
    if meta.publication_date is not None and publisher:
        # The page itself names the publisher and the date: the reader is not left guessing.
        yield Finding(
            message=f"文末未找到落款（发布机关名称和成文日期）；网页标明了发布者“{publisher}”和发布日期，建议在正文末尾落款",
            message_en=f"no signature at the end of the report; the page names the publisher “{publisher}” "
            "and a publication date",
            location=Location(position=position),
            severity=Severity.INFO,
        )
        return
    yield Finding(
        message="文末未找到落款（发布机关名称和成文日期）",
        message_en="no signature (issuing body and date) at the end of the report",
        location=Location(position=position),
    )


_PUBLISHER_KEYS = ("发布机构", "来源", "contentsource", "author", "sitename")


def page_publisher(page_meta: tuple[tuple[str, str], ...]) -> str:
    """The publisher a page's metadata names (发布机构, ContentSource, SiteName), or ""."""
    values = {key.lower(): value.strip() for key, value in page_meta}
    return next((values[k] for k in _PUBLISHER_KEYS if values.get(k)), "")




# The longest name looked at (stem and ending), as long as the longest division name.
_MAX_PLACE = 15


@rule(
    "M005",
    "misspelt-place-name",
    summary="地名疑似写错：与某个真实行政区名称只差一个形近或同音的字",
    summary_en="A place name one similar-looking or same-sounding character away from a real division's name",
    severity=Severity.WARNING,
    references=("GB/T 9704-2012 7.3.5.1",),
    ocr="one-character",
)
def misspelt_place_name(report: Report, context: RuleContext) -> Iterator[Finding]:
    """报告中以县、市、区、旗、州、盟结尾的名称，不是任何现行或曾用行政区名称，而与一个真实行政区
    名称只差一个字，且这个字与真实名称中的字形近（笔顺只差一笔）或同音（拼音相同，不计声调），
    则很可能是把地名写错了（手误、输入法选错字或识别错误），提示改为真实名称。

    为了不误报：真实的地名从不提示，即使它与另一个真实地名只差一字；只有一个真实名称可能被误写时
    才提示；而且报告须能印证所指的地方——名称出现在发布机关或落款中，或报告中写有该地的上级
    行政区（如“宿迁市”“江苏”），或报告其他地方写对了这个名称。写明上级行政区而下级名称在该上级
    之下不存在、却与该上级下的某个名称只差一个形近或同音字（如“宿迁市泗阳县”写成“宿迁市泗杨县”），
    也提示。同一写法在报告中出现多次只提示一次，列出各处行号。写错的名称只出现在与标题不一致的
    落款中时由 M001 提示（它给出标题中的名称），本规则不重复。行政区划数据及来源见
    docs/gazetteer.md。

    为什么重要：标题、开头和落款中的机关名称写错地名，是公开的正式文件中的明显错误。

    不通过的例子：标题与落款为“沐阳县人民政府”（应为“沭阳县”）。
    通过的例子：“沭阳县人民政府”；“泗阳县”（真实地名，虽与“沭阳县”只差一字）。
    """
    blocks = list(text_blocks(report))
    full_text = "\n".join(block.text for block in blocks)
    meta = report.metadata
    names = [compact_fold(n) for n in (meta.issuer, meta.signature_body) if n]
    seen: dict[str, list[tuple[TextBlock, int]]] = {}
    meant: dict[str, tuple[Division, str]] = {}
    for block in blocks:
        for start, written, division, why in _misspellings(block.text):
            if written not in meant:
                if not _confirmed(written, division, full_text, names, block.text[:start]):
                    continue
                meant[written] = (division, why)
            seen.setdefault(written, []).append((block, start))
    signature_line = meta.signature_body_position.line if meta.signature_body_position else None
    spans = {(id(block), start, start + len(written)) for written, places in seen.items() for block, start in places}
    for written, places in seen.items():
        if all(any(b == id(block) and s <= start and start + len(written) <= e and e - s > len(written)
                   for b, s, e in spans) for block, start in places):
            continue  # inside a longer misspelt name (唐芟市 in 唐芟市汉沽管理区): that one is said
        on_lines = {span_location(b, s, s + len(written)).position for b, s in places}
        if signature_differs(meta) and {p.line for p in on_lines if p} == {signature_line}:
            continue  # only in a signature that differs from the title: M001 says so, naming the title's name
        division, why = meant[written]
        block, start = places[0]
        location = span_location(block, start, start + len(written))
        lines = [span_location(b, s, s + len(written)).position for b, s in places]
        where = "、".join(f"L{p.line}" for p in lines if p is not None)
        index = next(i for i, (a, b) in enumerate(zip(written, division.name)) if a != b)
        parent = gazetteer.division(division.parent)
        what = (f"{parent.name if parent else ''}没有“{written}”" if gazetteer.is_real_name(written)
                else f"“{written}”不是行政区名称")
        yield Finding(
            message=f"{what}，疑为“{division.name}”之误（{gazetteer.path_text(division.code)}；"
            f"“{written[index]}”与“{division.name[index]}”{why}）"
            + (f"；报告中共 {len(places)} 处：{where}" if len(places) > 1 else ""),
            message_en=f"“{written}” is not a division's name; probably “{division.name}” "
            f"({gazetteer.path_text(division.code)})" + (f", {len(places)} times" if len(places) > 1 else ""),
            location=location,
            expected=division.name,
            actual=written,
            fix=Fix(f"将“{written}”改为“{division.name}”" + ("（其余各处需一并修改）" if len(places) > 1 else ""),
                    division.name, location.position, written),
        )


def _misspellings(text: str) -> Iterator[tuple[int, str, Division, str]]:
    """(start, as written, the division meant, why) for each name in ``text`` that one real
    division, and only one, is a confusable character away from."""
    for end in range(len(text)):
        if text[end] not in gazetteer.NAME_ENDINGS:
            continue
        real = [k for k in range(max(0, end - _MAX_PLACE), end) if gazetteer.is_real_name(text[k:end + 1])]
        if real:
            # A real name ends here; flag it only when the parent written before it says
            # another division, a confusable character away, is meant.
            found = _wrong_child(text, real[0], end)
            if found:
                yield found
            continue
        # The longest reading that is near a real name decides (元暴山区 is 元宝山区, though
        # 暴山区 alone could be either 宝山区); several real names for it: say nothing.
        for start in range(max(0, end - _MAX_PLACE + 1), end - 1):
            near = gazetteer.near_names(text[start:end + 1])
            if near:
                if len({d.code for d, _ in near}) == 1:
                    yield start, text[start:end + 1], near[0][0], near[0][1]
                break


def _wrong_child(text: str, start: int, end: int) -> tuple[int, str, Division, str] | None:
    """A real name at text[start:end+1] right after a parent it does not belong to, while
    exactly one child of that parent is a confusable character away: 宿迁市泗杨县."""
    written = text[start:end + 1]
    for length in range(min(_MAX_PLACE, start), 1, -1):
        parents = gazetteer.named(text[start - length:start])
        if not parents:
            continue
        parent = parents[0]
        if len(parents) > 1 or any(gazetteer.is_within(d.code, parent.code) for d in gazetteer.named(written)):
            return None
        near = [(d, why) for d, why in gazetteer.near_names(written, real_too=True)
                if gazetteer.is_within(d.code, parent.code)]
        if len({d.code for d, _ in near}) == 1:
            return start, written, near[0][0], near[0][1]
        return None
    return None


def _confirmed(written: str, division: Division, full_text: str, issuer_names: list[str], before: str) -> bool:
    """The report says which place is meant: the name is the issuer's, the report names the
    division's parent or province, or writes the division's own name right elsewhere."""
    if any(name.startswith(written) for name in issuer_names):
        return True
    if division.name in full_text:
        return True
    for ancestor in gazetteer.path(division.code)[:-1]:
        if ancestor.name in full_text or (len(ancestor.short) >= 2 and ancestor.short in full_text):
            return True
    return bool(before) and any(before.endswith(a.name) for a in gazetteer.path(division.code)[:-1])


ISSUER_RULES = [signature_issuer_mismatch, repeated_character, title_form, signature_missing, misspelt_place_name]
