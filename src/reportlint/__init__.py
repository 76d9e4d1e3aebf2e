"""reportlint — a compliance linter for 政府信息公开工作年度报告.

The library entry points are ``lint_path``, ``lint_paths`` and ``lint_bytes``; they return
``Diagnostic`` objects (``to_dict()`` gives the JSON form) and never raise on bad input.
``load_config`` reads reportlint.toml as the CLI does; ``Config`` is the configuration.
Rule authors use ``rule``, ``Finding``, ``Location`` and ``hookimpl``. Imports are lazy so
that ``reportlint --version`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "lint_path",
    "lint_paths",
    "lint_bytes",
    "Config",
    "ConfigError",
    "load_config",
    "Diagnostic",
    "rule",
    "hookimpl",
    "Finding",
    "Location",
    "Fix",
    "Severity",
    "Report",
    "RuleContext",
]

if TYPE_CHECKING:
    from reportlint.api import lint_bytes, lint_path, lint_paths
    from reportlint.config import Config, ConfigError, load_config
    from reportlint.hookspecs import hookimpl
    from reportlint.model import Diagnostic, Finding, Fix, Location, Report, Severity
    from reportlint.rules import RuleContext, rule

_LAZY = {
    "lint_path": "reportlint.api",
    "lint_bytes": "reportlint.api",
    "lint_paths": "reportlint.api",
    "Config": "reportlint.config",
    "ConfigError": "reportlint.config",
    "load_config": "reportlint.config",
    "Diagnostic": "reportlint.model",
    "hookimpl": "reportlint.hookspecs",
    "rule": "reportlint.rules",
    "RuleContext": "reportlint.rules",
    "Finding": "reportlint.model",
    "Location": "reportlint.model",
    "Fix": "reportlint.model",
    "Severity": "reportlint.model",
    "Report": "reportlint.model",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'reportlint' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
