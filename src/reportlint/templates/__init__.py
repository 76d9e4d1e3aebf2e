"""Templates: the national formats (and province extensions) as data.

A template lists the sections, the statutory tables with their row and column labels and
stable keys, and the arithmetic relations between cells. The files ``national_*.toml``
beside this module are the built-in ones; packs contribute more through the
``reportlint_templates`` and ``reportlint_template_extensions`` hooks.
"""

from __future__ import annotations

import tomllib
from dataclasses import field, replace
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from reportlint.records import record
from reportlint.text.normalize import match_key


class TemplateError(ValueError):
    """A template or template extension is malformed."""


@record(slots=False)
class ColumnSpec:
    """A value column: stable key, official label, value type (count | signed | amount)."""

    key: str
    label: str
    type: str = "count"
    group: str = ""
    unit: str = ""
    aliases: tuple[str, ...] = ()


@record(slots=False)
class RowSpec:
    """A data row: stable key, official label, the group it sits under, spelling aliases."""

    key: str
    label: str
    group: str = ""
    aliases: tuple[str, ...] = ()
    parent: str = ""  # for "其中" rows: the row this one is part of
    short: str = ""  # a short form for arithmetic in messages ("一、本年新收")

    @property
    def display(self) -> str:
        """The label as shown in diagnostics, group first for sub-rows."""
        if self.group and self.label[:1].isdigit():
            return f"{self.group} {self.label}"
        return self.label


@record(slots=False)
class TableSpec:
    """A statutory table: its rows, its columns and where it lives."""

    key: str
    label: str
    number: str
    section: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    layout: str = "grid"  # grid | flat (all rows' values printed as one line)
    group_labels: tuple[str, ...] = ()
    required: bool = True

    @property
    def display(self) -> str:
        return f"{self.number} {self.label}" if self.number else self.label

    @cached_property
    def _rows_by_key(self) -> dict[str, RowSpec]:
        return {row.key: row for row in reversed(self.rows)}  # the first of a key wins, as a scan found it

    @cached_property
    def _columns_by_key(self) -> dict[str, ColumnSpec]:
        return {column.key: column for column in reversed(self.columns)}

    def row(self, key: str) -> RowSpec:
        return self._rows_by_key[key]

    def column(self, key: str) -> ColumnSpec:
        return self._columns_by_key[key]

    def fact_key(self, row: str, column: str) -> str:
        return f"{self.key}.{row}.{column}"

    def row_keys_by_label(self) -> dict[str, str]:
        """Comparison form of every label and alias → row key."""
        out: dict[str, str] = {}
        for row in self.rows:
            for text in (row.label, *row.aliases):
                out.setdefault(match_key(text), row.key)
                out.setdefault(match_key(text, drop_note=True), row.key)
        return out


@record(slots=False)
class SectionSpec:
    """A report section: canonical title, meaning patterns, the numeral it should carry."""

    key: str
    title: str
    numeral: str
    patterns: tuple[str, ...]
    article: str = ""
    required: bool = True
    aliases: tuple[str, ...] = ()
    after: str = ""  # extensions: the section key this one follows (keeps S002's order right)


@record(slots=False)
class RelationSpec:
    """An arithmetic relation between cells, evaluated by reportlint.relations.

    ``over`` = "columns": ``left``/``right`` name rows and the relation holds in every
    column; "rows": they name columns and it holds in every row; "cells": they name
    full fact keys ("table.row.column") and it holds once.
    """

    code: str
    name: str
    tables: tuple[str, ...]
    over: str
    left: tuple[str, ...]
    op: str
    right: tuple[str, ...]
    total: str
    summary: str
    summary_en: str
    severity: str = "error"
    references: tuple[str, ...] = ()
    id: str = ""
    only: tuple[str, ...] = ()  # restrict to these columns/rows (empty: all)
    aggregate: str = "sum"  # how the right side combines: sum, or max (≥ the largest member)


@record(slots=False)
class Template:
    """One format version with everything a recognizer and the relation engine need."""

    version: str
    name: str
    document: str
    first_year: int
    last_year: int
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    relations: tuple[RelationSpec, ...]
    fingerprints: tuple[str, ...] = ()
    obsolete_labels: tuple[str, ...] = ()
    extensions: tuple[str, ...] = field(default=())

    @cached_property
    def _tables_by_key(self) -> dict[str, TableSpec]:
        # Rules ask for tables by key thousands of times a report: a dict, built once.
        return {table.key: table for table in reversed(self.tables)}

    @cached_property
    def _sections_by_key(self) -> dict[str, SectionSpec]:
        return {section.key: section for section in reversed(self.sections)}

    def table(self, key: str) -> TableSpec:
        return self._tables_by_key[key]

    def has_table(self, key: str) -> bool:
        return key in self._tables_by_key

    def section_spec(self, key: str) -> SectionSpec:
        return self._sections_by_key[key]

    def applies_to_year(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _build(cls: Any, data: dict[str, Any], where: str, **overrides: Any) -> Any:
    known = set(cls.__dataclass_fields__)
    unknown = set(data) - known - set(overrides)
    if unknown:
        raise TemplateError(f"{where}: unknown key(s) {sorted(unknown)}")
    values = {k: (_tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in known}
    values.update(overrides)
    try:
        return cls(**values)
    except TypeError as exc:
        raise TemplateError(f"{where}: {exc}") from None


def section_from_dict(data: dict[str, Any], where: str) -> SectionSpec:
    return _build(SectionSpec, data, where)  # type: ignore[no-any-return]


def table_from_dict(data: dict[str, Any], where: str) -> TableSpec:
    where = f"{where} table {data.get('key', '?')}"
    columns = tuple(_build(ColumnSpec, c, where) for c in data.get("columns", []))
    rows = tuple(_build(RowSpec, r, where) for r in data.get("rows", []))
    rest = {k: v for k, v in data.items() if k not in ("columns", "rows")}
    return _build(TableSpec, rest, where, columns=columns, rows=rows)  # type: ignore[no-any-return]


def relation_from_dict(data: dict[str, Any], where: str) -> RelationSpec:
    rest = dict(data)
    tables = _tuple(rest.pop("table", rest.pop("tables", ())))
    return _build(RelationSpec, rest, f"{where} relation {data.get('code', '?')}", tables=tables)  # type: ignore[no-any-return]


def template_from_dict(data: dict[str, Any], where: str = "template") -> Template:
    """Build a Template from parsed TOML, rejecting unknown keys."""
    sections = tuple(section_from_dict(s, where) for s in data.get("sections", []))
    tables = tuple(table_from_dict(t, where) for t in data.get("tables", []))
    relations = tuple(relation_from_dict(r, where) for r in data.get("relations", []))
    rest = {k: v for k, v in data.items() if k not in ("sections", "tables", "relations")}
    template: Template = _build(
        Template, rest, where, sections=sections, tables=tables, relations=relations
    )
    validate_template(template, where)
    return template


def validate_template(template: Template, where: str) -> None:
    """Check internal references: relation tables, rows and columns exist."""
    table_keys = {t.key for t in template.tables}
    for relation in template.relations:
        for table_key in relation.tables:
            if table_key not in table_keys:
                raise TemplateError(f"{where}: relation {relation.code} names unknown table {table_key}")
            table = template.table(table_key)
            members = {r.key for r in table.rows} if relation.over == "columns" else {
                c.key for c in table.columns
            }
            if relation.over == "cells":
                continue
            for member in (*relation.left, *relation.right):
                if member not in members:
                    raise TemplateError(
                        f"{where}: relation {relation.code} names {member!r}, not in table {table_key}"
                    )


def load_template_file(package: str, name: str) -> Template:
    """Load a template TOML file shipped inside ``package``."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return template_from_dict(tomllib.loads(text), f"{package}/{name}")


@record(slots=False)
class TemplateExtension:
    """Additions a pack makes to a format version: sections, tables, relations.

    ``versions`` empty means every version. Applied only when the pack is active.
    """

    name: str
    pack: str
    versions: tuple[str, ...]
    sections: tuple[SectionSpec, ...] = ()
    tables: tuple[TableSpec, ...] = ()
    relations: tuple[RelationSpec, ...] = ()


def extension_from_dict(data: dict[str, Any], pack: str, where: str) -> TemplateExtension:
    """Build a TemplateExtension from parsed TOML."""
    return TemplateExtension(
        name=str(data.get("name", pack)),
        pack=pack,
        versions=_tuple(data.get("versions", ())),
        sections=tuple(section_from_dict(s, where) for s in data.get("sections", [])),
        tables=tuple(table_from_dict(t, where) for t in data.get("tables", [])),
        relations=tuple(relation_from_dict(r, where) for r in data.get("relations", [])),
    )


def apply_extensions(template: Template, extensions: list[TemplateExtension]) -> Template:
    """A new Template with the extensions that apply to its version added."""
    chosen = [e for e in extensions if not e.versions or template.version in e.versions]
    if not chosen:
        return template
    sections = list(template.sections)
    tables = list(template.tables)
    relations = list(template.relations)
    for ext in chosen:
        for section in ext.sections:
            keys = [s.key for s in sections]
            position = keys.index(section.after) + 1 if section.after in keys else len(sections)
            sections.insert(position, section)
        tables.extend(ext.tables)
        relations.extend(ext.relations)
    extended = replace(
        template,
        sections=tuple(sections),
        tables=tuple(tables),
        relations=tuple(relations),
        extensions=template.extensions + tuple(e.name for e in chosen),
    )
    validate_template(extended, f"template {template.version} + {[e.name for e in chosen]}")
    return extended


@lru_cache(maxsize=1)
def _builtin_templates() -> tuple[Template, ...]:
    return (
        load_template_file("reportlint.templates", "national_2019.toml"),
        load_template_file("reportlint.templates", "national_2021.toml"),
    )


def builtin_templates() -> list[Template]:
    """The 2019 and 2021 national formats (parsed once per process)."""
    return list(_builtin_templates())


def load_extension_file(package: str, name: str, pack: str) -> TemplateExtension:
    """A template extension shipped as TOML package data."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return extension_from_dict(tomllib.loads(text), pack, f"{package}/{name}")
