"""Configuration: ``reportlint.toml`` or ``[tool.reportlint]`` in ``pyproject.toml``.

Found from the current directory upward; command-line options win. Every key is checked:
an unknown key or a value of the wrong type is a ConfigError naming the key and the file,
never silently ignored.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import field, fields, replace
from pathlib import Path
from typing import Any

from reportlint.limited import MAX_CONFIG_BYTES, LimitedReadError, read_limited
from reportlint.model import Severity
from reportlint.records import record

CONFIG_FILES = ("reportlint.toml", ".reportlint.toml", "pyproject.toml")
LEVELS = ("department", "government", "township", "other")


class ConfigError(ValueError):
    """The configuration is invalid; the message names the key and the file."""


@record(slots=False)
class Config:
    """Effective configuration for a run. Immutable; derive variants with ``replace``."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    packs: tuple[str, ...] = ()
    disable_packs: tuple[str, ...] = ()
    auto_packs: bool = True
    template: str = "auto"
    lang: str = "zh"
    fail_on: str = "info"
    issuer_level: str = "auto"
    deadline: str = ""  # "MM-DD" overriding the statutory deadline
    blank_as_zero: bool = True
    max_bytes: int = 50 * 1024 * 1024
    max_zip_entries: int = 2000  # .docx: entries in the archive
    max_zip_bytes: int = 200 * 1024 * 1024  # .docx: bytes actually inflated
    max_zip_ratio: int = 200  # .docx: inflated / compressed size of a part
    max_grid_cells: int = 100_000  # cells all tables of a document expand to (a real report: a few thousand)
    max_inflated_bytes: int = 100 * 1024 * 1024  # PDF: bytes its compressed streams inflate to
    max_seconds_per_file: int = 30  # wall time one file may take (0: no limit)
    max_memory_per_file: int = 1024 * 1024 * 1024  # bytes one file may add to the process (0: no limit)
    baseline: str = ""
    previous: str = ""  # last year's report, for the year-over-year rules (Y)
    previous_dir: str = ""  # a folder of last year's reports, paired by issuer
    pair_years: bool = True  # pair the reports of one issuer for consecutive years within a batch
    output_format: str = "full"
    executor: str = "local"  # local (processes on this machine, --jobs) | dask (a Dask cluster)
    scheduler: str = ""  # the Dask scheduler's address; empty: a local Dask cluster
    exit_zero: bool = False
    statistics: bool = False
    show_source: bool = True
    color: str = "auto"
    jobs: int = 1
    include: tuple[str, ...] = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.xhtml",
                                "*.xml", "*.docx", "*.doc", "*.wps", "*.pdf", "*.csv")
    exclude: tuple[str, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # options per code
    sources: Mapping[str, str] = field(default_factory=dict)  # key → where it was set

    def settings(self) -> dict[str, Any]:
        """Settings every rule may read (context.settings)."""
        return {
            "issuer-level": self.issuer_level,
            "deadline": self.deadline,
            "blank-as-zero": self.blank_as_zero,
        }


_TUPLE_KEYS = {"select", "ignore", "extend_select", "packs", "disable_packs", "include", "exclude"}
_CHOICES = {
    "template": ("auto", "2019", "2021"),
    "lang": ("zh", "en"),
    "fail_on": ("error", "warning", "info"),
    "issuer_level": ("auto", *LEVELS),
    "color": ("auto", "always", "never"),
    "executor": ("local", "dask"),
}


_SELECTOR_KEYS = {"select", "ignore", "extend_select"}
_CODE_RE = re.compile(r"[A-Za-z]{1,3}\d{0,3}")


def normalize_selector(selector: str) -> str:
    """Rule codes and prefixes are case-insensitive (n001 is N001, all is ALL); rule names
    (kebab-case) are kept as written."""
    return selector.upper() if _CODE_RE.fullmatch(selector) else selector


def suggest(selector: str, candidates: Iterable[str]) -> str:
    """" (did you mean 'N001'?)" for the closest code or name, or ""."""
    close = difflib.get_close_matches(selector, list(candidates), n=1, cutoff=0.6)
    return f"（是否想写 '{close[0]}'？ did you mean '{close[0]}'?）" if close else ""


def _check_type(key: str, value: Any, where: str) -> Any:
    default = {f.name: f.default for f in fields(Config)}[key]
    if key in _TUPLE_KEYS:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: '{key.replace('_', '-')}' must be a list of strings")
        if key == "select" and not [v for v in value if v.strip()]:
            raise ConfigError(f"{where}: 'select' is empty: nothing would be checked (use ALL, or codes such as N,S)")
        values = tuple(v.strip() for v in value if v.strip())
        return tuple(map(normalize_selector, values)) if key in _SELECTOR_KEYS else values
    if key == "severity":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: 'severity' must be a table of CODE = \"error|warning|info\"")
        for code, level in value.items():
            if level not in [s.value for s in Severity]:
                raise ConfigError(f"{where}: severity.{code} must be error, warning or info, not {level!r}")
        return {normalize_selector(code): level for code, level in value.items()}
    if key == "per_file_ignores":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: 'per-file-ignores' must be a table of GLOB = [CODES]")
        out = {}
        for glob, codes in value.items():
            if isinstance(codes, str):
                codes = [codes]
            if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                raise ConfigError(f"{where}: per-file-ignores.{glob} must be a list of codes such as [\"D008\"]")
            out[glob] = tuple(normalize_selector(c.strip()) for c in codes if c.strip())
        return out
    if key == "rules":
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            raise ConfigError(f"{where}: 'rules' must be a table of CODE = {{ option = value }}")
        return {normalize_selector(code): dict(options) for code, options in value.items()}
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: '{key.replace('_', '-')}' must be true or false")
        return value
    if isinstance(default, int):
        minimum = 0 if key in _ZERO_DISABLES else 1
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            what = "a non-negative integer (0 disables it)" if minimum == 0 else "a positive integer"
            raise ConfigError(f"{where}: '{key.replace('_', '-')}' must be {what}")
        if value > _MAX_INT.get(key, 2**40):
            raise ConfigError(f"{where}: '{key.replace('_', '-')}' is too large (at most {_MAX_INT.get(key, 2**40)})")
        return value
    if not isinstance(value, str):
        raise ConfigError(f"{where}: '{key.replace('_', '-')}' must be a string")
    if key in _CHOICES and value not in _CHOICES[key]:
        raise ConfigError(f"{where}: '{key.replace('_', '-')}' must be one of {', '.join(_CHOICES[key])}, not {value!r}")
    if key == "deadline" and value and not is_month_day(value):
        raise ConfigError(f"{where}: 'deadline' must be a date MM-DD, such as \"01-31\", not {value!r}")
    return value


def is_month_day(value: str) -> bool:
    """Whether ``value`` is a real calendar day written MM-DD ("02-29" included)."""
    import datetime as dt
    import re

    if not re.fullmatch(r"\d{2}-\d{2}", value):
        return False
    try:
        dt.date(2024, int(value[:2]), int(value[3:]))  # a leap year admits 02-29
    except ValueError:
        return False
    return True


def check_against_rules(config: Config, rules: Mapping[str, Any]) -> None:
    """Check what only the installed rules can judge: every code or prefix named in select,
    ignore, extend-select, severity and per-file-ignores names some rule, and every rule
    option exists for its rule with a value of the type of its default (MM-DD options as
    real days). ConfigError names the key and where it was set."""
    codes = set(rules)
    names = {rule.name: code for code, rule in rules.items()}

    def known(selector: str) -> bool:
        return selector == "ALL" or any(code.startswith(selector) for code in codes) or selector in names

    every = sorted(codes | set(names))
    for key in ("select", "ignore", "extend_select"):
        for selector in getattr(config, key):
            if not known(selector):
                where = config.sources.get(key.replace("_", "-"), "configuration")
                raise ConfigError(f"{where}: '{key.replace('_', '-')}' names {selector!r}, which matches no rule "
                                  f"(see `reportlint rules`){suggest(selector, every)}")
    for code in config.severity:
        if code not in codes:
            raise ConfigError(f"{config.sources.get('severity', 'configuration')}: severity.{code}: no such rule"
                              f"{suggest(code, codes)}")
    for glob, ignored in config.per_file_ignores.items():
        for selector in ignored:
            if not known(selector):
                raise ConfigError(f"{config.sources.get('per-file-ignores', 'configuration')}: "
                                  f"per-file-ignores.{glob} names {selector!r}, which matches no rule"
                                  f"{suggest(selector, every)}")
    for wanted, options in config.rules.items():
        rule = rules.get(wanted) or rules.get(names.get(wanted, ""))
        where = config.sources.get("rules", "configuration")
        if rule is None:
            raise ConfigError(f"{where}: rules.{wanted}: no such rule{suggest(wanted, every)}")
        for option, value in options.items():
            if option not in rule.options:
                allowed = ", ".join(sorted(rule.options)) or "none"
                raise ConfigError(f"{where}: rules.{wanted}.{option}: not an option of {rule.code} (options: {allowed})")
            default = rule.options[option]
            if not _same_kind(value, default):
                raise ConfigError(f"{where}: rules.{wanted}.{option} must be {_kind(default)}, not {value!r}")
            if isinstance(default, str) and is_month_day(default) and not is_month_day(value):
                raise ConfigError(f"{where}: rules.{wanted}.{option} must be a date MM-DD, not {value!r}")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return "a string" if isinstance(value, str) else type(value).__name__


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, type(default[0])) for v in value) if default else \
            isinstance(value, list)
    return isinstance(value, type(default))


_ZERO_DISABLES = {"max_seconds_per_file", "max_memory_per_file"}
# Upper bounds that keep a value meaningful (a read of 2**70 bytes is an error, not a limit).
_MAX_INT = {"jobs": 1024, "max_seconds_per_file": 86_400}

_ALLOWED = {f.name for f in fields(Config)} - {"sources"}


def apply_mapping(config: Config, data: Mapping[str, Any], where: str) -> Config:
    """Return ``config`` updated from a mapping of config keys (kebab or snake case)."""
    updates: dict[str, Any] = {}
    sources = dict(config.sources)
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        if key not in _ALLOWED:
            raise ConfigError(f"{where}: unknown key '{raw_key}'")
        updates[key] = _check_type(key, value, where)
        sources[raw_key.replace("_", "-")] = where
    return replace(config, **updates, sources=sources)


def _read_toml(path: Path) -> dict[str, Any]:
    """A configuration file's TOML, read through a size limit; ConfigError otherwise."""
    try:
        text = read_limited(path, MAX_CONFIG_BYTES).decode("utf-8")
        return tomllib.loads(text)
    except (OSError, LimitedReadError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply") from None


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config file from ``start`` upward with its reportlint table."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            path = directory / name
            if not path.is_file():
                continue
            data = _read_toml(path)
            if name == "pyproject.toml":
                tool = data.get("tool", {})
                table = tool.get("reportlint") if isinstance(tool, dict) else None
                if table is None:
                    continue
                if not isinstance(table, dict):
                    raise ConfigError(f"{path}: [tool.reportlint] must be a table")
                return path, table
            return path, data
    return None


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """The configuration found from ``start`` (default: the current directory) upward."""
    config = Config()
    if explicit is not None:
        data = _read_toml(explicit)
        if explicit.name == "pyproject.toml":
            tool = data.get("tool", {})
            data = tool.get("reportlint", {}) if isinstance(tool, dict) else {}
            if not isinstance(data, dict):
                raise ConfigError(f"{explicit}: [tool.reportlint] must be a table")
        return apply_mapping(config, data, str(explicit))
    found = find_config_file((start or Path.cwd()).resolve())
    if found is None:
        return config
    path, table = found
    return apply_mapping(config, table, str(path))
