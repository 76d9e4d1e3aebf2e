"""The hooks through which every loader, template, rule and formatter reaches reportlint.

Built-in features are registered through these same hooks (``reportlint.builtin`` and the
national pack ``reportlint_national``), so a third-party pack has exactly the powers the
core has. Every hook is called once per process, when the registry is first needed;
results of all plugins are collected into one list (no hook stops at the first result).
A plugin whose hook raises is reported by name and its contribution skipped.

A plugin is a module (or object) with functions named like the hooks below, decorated
with ``reportlint.hookimpl``, and announced by an entry point in the group ``reportlint``::

    [project.entry-points.reportlint]
    zhejiang = "reportlint_zhejiang.plugin"
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from reportlint.formatters import FormatterSpec
    from reportlint.loaders.registry import LoaderSpec
    from reportlint.packs import PackInfo
    from reportlint.rules import Rule
    from reportlint.templates import Template, TemplateExtension

PROJECT = "reportlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def reportlint_pack() -> PackInfo | None:  # type: ignore[empty-body]
    """Describe the rule pack this plugin is: name, version, activation.

    Called once per process. Return None for a plugin that is not a rule pack (for example
    one that only adds a formatter). A pack's rules and template extensions apply only
    while the pack is active (see ``PackInfo``); other contributions always apply.
    """


@hookspec
def reportlint_loaders() -> list[LoaderSpec]:  # type: ignore[empty-body]
    """Return loaders, each turning one kind of input (txt, html, docx…) into a Document.

    Called once per process; the lists of all plugins are collected. A later plugin may
    provide a loader for a kind that is already served; the one registered last wins.
    """


@hookspec
def reportlint_templates() -> list[Template]:  # type: ignore[empty-body]
    """Return whole format versions (the national pack returns 2019 and 2021).

    Called once per process; the lists of all plugins are collected. Two templates with
    the same version are an error reported against the later plugin.
    """


@hookspec
def reportlint_template_extensions() -> list[TemplateExtension]:  # type: ignore[empty-body]
    """Return additions to existing versions: extra sections, tables and relations.

    Called once per process; the lists of all plugins are collected. An extension applies
    only while the pack that provides it is active.
    """


@hookspec
def reportlint_rules() -> list[Rule]:  # type: ignore[empty-body]
    """Return rules (objects made with ``reportlint.rule``).

    Called once per process; the lists of all plugins are collected. A rule with a code
    that is already taken, or with missing metadata, is reported and skipped.
    """


@hookspec
def reportlint_formatters() -> list[FormatterSpec]:  # type: ignore[empty-body]
    """Return output formats for ``--output-format``.

    Called once per process; the lists of all plugins are collected. The one registered
    last wins for a name.
    """


@hookspec
def reportlint_default_config() -> dict[str, Any]:  # type: ignore[empty-body]
    """Return default configuration values (for example a pack's rule options).

    Called once per process; the dictionaries of all plugins are merged in registration
    order, and the user's configuration is applied on top.
    """
