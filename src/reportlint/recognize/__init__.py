"""Aligning a Document with a template: metadata, format version, sections, facts.

The result is a Report. Whatever cannot be recognized is recorded in
``Report.unrecognized`` so that a rule can say "could not verify" instead of passing.
"""

from __future__ import annotations

from dataclasses import replace

from reportlint.model import Document, Metadata, Report, Unrecognized
from reportlint.recognize.fragments import demote_label_fragments
from reportlint.recognize.items import document_items
from reportlint.recognize.metadata import recognize_metadata
from reportlint.recognize.sections import recognize_sections
from reportlint.recognize.tables import recognize_tables
from reportlint.recognize.version import find_fingerprints, version_by_labels, version_by_year
from reportlint.templates import Template


def choose_template(
    templates: list[Template], by_labels: str | None, by_year: str | None
) -> Template:
    """The template to read the tables with: labels first, then year, then the newest."""
    by_version = {t.version: t for t in templates}
    for version in (by_labels, by_year):
        if version and version in by_version:
            return by_version[version]
    return max(templates, key=lambda t: t.first_year)


def recognize(document: Document, templates: list[Template], forced: str | None = None,
              metadata: Metadata | None = None) -> Report:
    """Recognize ``document`` against the available templates.

    ``forced`` names a template version to use regardless of detection (config
    ``template = "2019"``); detection results are still recorded. ``metadata`` may be
    passed when the caller already recognized it (pack activation needs it first).
    """
    metadata = metadata or recognize_metadata(document)
    fingerprints = find_fingerprints(document, templates)
    by_labels = version_by_labels(fingerprints)
    by_year = version_by_year(metadata.report_year, templates)
    template = choose_template(templates, forced or by_labels, None if forced else by_year)
    # Label pieces a conversion put on lines of their own are table text, not headings.
    document = demote_label_fragments(document, template)
    sections = recognize_sections(document, template)
    items = document_items(document)
    others = [t for t in templates if t.version != template.version]
    lost = {n.what.split(":", 1)[1] for n in document.notes if n.what.startswith("lost-row:")}
    facts, found, problems = recognize_tables(template, sections, items, document.blocks, others, lost)
    recovered = {n.what.split(":", 1)[1] for n in document.notes if n.what.startswith("recovered:")}
    if recovered:
        facts = [replace(f, recovered=True) if f.table in recovered or f"{f.table}.{f.row}" in recovered else f
                 for f in facts]
    unrecognized: list[Unrecognized] = [n for n in document.notes if n.message] + list(problems)
    if metadata.title is None:
        unrecognized.append(Unrecognized("metadata:title", "未识别到报告标题", "no report title found"))
    if metadata.report_year is None:
        unrecognized.append(
            Unrecognized("metadata:report_year", "未能确定报告年度", "the report year could not be determined")
        )
    return Report(
        document=document,
        template_version=template.version,
        format_by_year=by_year,
        format_by_labels=by_labels,
        fingerprints=tuple(fingerprints),
        metadata=metadata,
        sections=sections,
        facts=tuple(facts),
        tables_found=tuple(found),
        unrecognized=tuple(unrecognized),
    )
