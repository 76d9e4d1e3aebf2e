"""The core's own plugin: built-in loaders, templates and formatters.

Registered through the same hooks as any third-party plugin.
"""

from __future__ import annotations

from typing import Any

from reportlint.core_rules import CORE_RULES
from reportlint.formatters import FormatterSpec, builtin_formatters
from reportlint.hookspecs import hookimpl
from reportlint.loaders.registry import LoaderSpec, LoadLimits
from reportlint.model import Document, Source
from reportlint.rules import Rule
from reportlint.templates import Template, builtin_templates


def _load_text(source: Source, limits: LoadLimits) -> Document:
    from reportlint.loaders.text import load_text

    return load_text(source)


def _load_csv(source: Source, limits: LoadLimits) -> Document:
    from reportlint.loaders.text import load_csv

    return load_csv(source)


def _load_html(source: Source, limits: LoadLimits) -> Document:
    from reportlint.loaders.html import load_html

    return load_html(source, limits)


def _load_xml(source: Source, limits: LoadLimits) -> Document:
    from reportlint.loaders.xml import load_xml

    return load_xml(source, limits)


def _load_docx(source: Source, limits: LoadLimits) -> Document:
    from reportlint.loaders.docx import load_docx

    return load_docx(source, limits)


def _load_pdf(source: Source, limits: LoadLimits) -> Document:
    from reportlint.loaders.pdf import load_pdf

    return load_pdf(source, limits)


def _load_image(source: Source, limits: LoadLimits) -> Document:
    from reportlint.loaders.image import load_image

    return load_image(source, limits)


@hookimpl
def reportlint_loaders() -> list[LoaderSpec]:
    return [
        LoaderSpec("text", ("txt",), (".txt", ".text", ".tsv"), _load_text),
        LoaderSpec("csv", ("csv",), (".csv",), _load_csv),
        LoaderSpec("markdown", ("md",), (".md", ".markdown"), _load_text),
        LoaderSpec("html", ("html",), (".html", ".htm", ".xhtml", ".shtml"), _load_html),
        LoaderSpec("xml", ("xml",), (".xml",), _load_xml),
        LoaderSpec("docx", ("docx",), (".docx",), _load_docx, binary=True),
        LoaderSpec("pdf", ("pdf",), (".pdf",), _load_pdf, binary=True),
        # Pictures are read by OCR (the ocr extra); without it they get E003 saying how to install it.
        LoaderSpec("image", ("image",), (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"), _load_image,
                   binary=True),
    ]


@hookimpl
def reportlint_templates() -> list[Template]:
    return builtin_templates()


@hookimpl
def reportlint_formatters() -> list[FormatterSpec]:
    return builtin_formatters()


@hookimpl
def reportlint_rules() -> list[Rule]:
    return list(CORE_RULES)


@hookimpl
def reportlint_default_config() -> dict[str, Any]:
    return {}
