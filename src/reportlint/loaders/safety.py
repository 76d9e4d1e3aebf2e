"""Hardened XML parsing and zip reading: refusals are quick, clear and never hang.

* XML: no entity resolution, no network, no DTD loading, no huge-tree mode; a DOCTYPE that
  declares entities (billion laughs, quadratic blow-up, external entities) is refused
  before parsing.
* Zip (.docx): caps on the number of entries, on the bytes actually read per part and in
  total, and on the compression ratio.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from reportlint.core_rules import INPUT_REFUSED, INPUT_UNREADABLE
from reportlint.loaders.registry import LoadError, LoadLimits

_ENTITY_DECL_RE = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE_RE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
CHUNK = 64 * 1024


def xml_parser(recover: bool = False) -> etree.XMLParser:
    """An XML parser that resolves nothing and fetches nothing."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=recover,
    )


def refuse_entities(data: bytes, what: str) -> None:
    """Raise LoadError when ``data`` declares entities in a DOCTYPE."""
    head = data[: 1024 * 1024]
    if _DOCTYPE_RE.search(head) and _ENTITY_DECL_RE.search(data):
        raise LoadError(
            INPUT_REFUSED,
            f"{what}的 DOCTYPE 中声明了实体（可能是实体炸弹或外部实体），已拒绝处理",
            f"{what} declares entities in its DOCTYPE (entity bomb or external entity); refused",
        )


def parse_xml(data: bytes, what: str) -> etree._ElementTree:
    """Parse XML bytes safely; malformed XML becomes a LoadError with its line."""
    refuse_entities(data, what)
    try:
        root = etree.fromstring(data, parser=xml_parser())
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None) or (exc.position[0] if exc.position else 0)
        raise LoadError(
            INPUT_UNREADABLE,
            f"{what}不是格式正确的 XML（第 {line} 行）：{exc.msg}",
            f"{what} is not well-formed XML (line {line}): {exc.msg}",
        ) from None
    return root.getroottree()


class SafeZip:
    """Reads parts of a zip archive within the limits."""

    def __init__(self, data: bytes, limits: LoadLimits, what: str) -> None:
        self.limits = limits
        self.what = what
        self.read_total = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError) as exc:
            raise LoadError(INPUT_UNREADABLE, f"{what}不是有效的 zip/docx 文件：{exc}",
                            f"{what} is not a valid zip/docx file: {exc}") from None
        infos = self.zip.infolist()
        if len(infos) > limits.max_zip_entries:
            raise LoadError(INPUT_REFUSED,
                            f"{what}包含 {len(infos)} 个条目，超过上限 {limits.max_zip_entries}，已拒绝处理",
                            f"{what} has {len(infos)} entries, more than {limits.max_zip_entries}; refused")
        self.names = {info.filename for info in infos}

    def read(self, name: str) -> bytes | None:
        """The bytes of one part (None when absent), refusing bombs."""
        if name not in self.names:
            return None
        info = self.zip.getinfo(name)
        if info.compress_size and info.file_size / max(info.compress_size, 1) > self.limits.max_zip_ratio:
            raise LoadError(INPUT_REFUSED,
                            f"{self.what}中的“{name}”压缩比异常（{info.file_size // max(info.compress_size, 1)}:1），疑似压缩炸弹，已拒绝处理",
                            f"{name} in {self.what} has a suspicious compression ratio; refused as a zip bomb")
        budget = self.limits.max_zip_bytes - self.read_total
        out = bytearray()
        try:
            with self.zip.open(info) as handle:
                while True:
                    chunk = handle.read(CHUNK)
                    if not chunk:
                        break
                    out.extend(chunk)
                    # The declared size can lie: count what is actually inflated.
                    if len(out) > budget:
                        raise LoadError(INPUT_REFUSED,
                                        f"{self.what}解压后超过 {self.limits.max_zip_bytes} 字节，疑似压缩炸弹，已拒绝处理",
                                        f"{self.what} inflates past {self.limits.max_zip_bytes} bytes; refused as a zip bomb")
                    if info.compress_size and len(out) / max(info.compress_size, 1) > self.limits.max_zip_ratio:
                        raise LoadError(INPUT_REFUSED,
                                        f"{self.what}中的“{name}”压缩比异常，疑似压缩炸弹，已拒绝处理",
                                        f"{name} in {self.what} inflates suspiciously; refused as a zip bomb")
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise LoadError(INPUT_UNREADABLE, f"{self.what}中的“{name}”损坏：{exc}",
                            f"{name} in {self.what} is corrupt: {exc}") from None
        self.read_total += len(out)
        return bytes(out)
