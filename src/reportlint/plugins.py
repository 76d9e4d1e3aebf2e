"""Finding, loading and isolating plugins.

Plugins are loaded lazily (the first time a command needs them) and one by one: each entry
point in the group ``reportlint`` is imported and registered on its own, and each hook
implementation is called on its own, so a plugin that fails to import, fails to register
or raises inside a hook is recorded with its name and version and skipped while the rest
keep working. The registry is built once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import pluggy

from reportlint import hookspecs
from reportlint.discovery import EntryPointRecord
from reportlint.discovery import entry_points as discovered_entry_points
from reportlint.formatters import FormatterSpec
from reportlint.loaders.registry import LoaderSpec
from reportlint.packs import PackInfo
from reportlint.records import record
from reportlint.rules import Rule, RuleError, validate_rule
from reportlint.templates import Template, TemplateExtension

ENTRY_POINT_GROUP = "reportlint"
BUILTIN_NAME = "builtin"
NATIONAL_NAME = "national"


@record(slots=False)
class PluginInfo:
    """A plugin that loaded: its registration name and distribution."""

    name: str
    distribution: str
    version: str
    pack: PackInfo | None = None


@record(slots=False)
class PluginError:
    """A plugin (or one of its contributions) that failed, and why."""

    name: str
    distribution: str
    version: str
    stage: str  # import | register | hook name | rule
    error: str


@dataclass
class Registry:
    """Everything the plugins contributed, gathered once."""

    plugins: list[PluginInfo] = field(default_factory=list)
    errors: list[PluginError] = field(default_factory=list)
    loaders: dict[str, LoaderSpec] = field(default_factory=dict)
    templates: dict[str, Template] = field(default_factory=dict)
    extensions: list[TemplateExtension] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)
    formatters: dict[str, FormatterSpec] = field(default_factory=dict)
    default_config: dict[str, Any] = field(default_factory=dict)
    packs: list[PackInfo] = field(default_factory=list)
    rule_plugin: dict[str, str] = field(default_factory=dict)  # rule code → plugin name
    overrides: list[str] = field(default_factory=list)  # a plugin replacing a built-in loader or format

    def pack_of_plugin(self, plugin_name: str) -> str:
        for info in self.plugins:
            if info.name == plugin_name and info.pack is not None:
                return info.pack.name
        return plugin_name

    def loader_for(self, kind: str) -> LoaderSpec | None:
        return self.loaders.get(kind)

    def kind_for_suffix(self, suffix: str) -> str | None:
        suffix = suffix.lower()
        for loader in self.loaders.values():
            if suffix in loader.suffixes:
                return loader.kinds[0]
        return None


def _distribution_of(entry_point: Any) -> tuple[str, str]:
    if isinstance(entry_point, EntryPointRecord):
        return entry_point.dist_name, entry_point.dist_version
    dist = getattr(entry_point, "dist", None)
    if dist is None:
        return "", ""
    return dist.metadata["Name"] or "", dist.version or ""


class _Loader:
    """Builds a Registry; one instance per build."""

    def __init__(self, entry_points: list[Any] | None) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.registry = Registry()
        self.entry_points = entry_points
        self.dists: dict[str, tuple[str, str]] = {}

    def _error(self, name: str, stage: str, exc: BaseException | str) -> None:
        dist, version = self.dists.get(name, ("", ""))
        text = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
        self.registry.errors.append(PluginError(name, dist, version, stage, text))

    def register(self, plugin: object, name: str, dist: str = "", version: str = "") -> None:
        self.dists[name] = (dist, version)
        try:
            self.pm.register(plugin, name=name)
        except Exception as exc:  # pluggy validation errors name the hook
            self._error(name, "register", exc)
            return
        pack = None
        for result in self._call("reportlint_pack", name):
            if isinstance(result, PackInfo):
                pack = result
        self.registry.plugins.append(PluginInfo(name, dist, version, pack))
        if pack is not None:
            self.registry.packs.append(pack)

    def load_entry_points(self) -> None:
        points = self.entry_points
        if points is None:
            points = discovered_entry_points(ENTRY_POINT_GROUP)  # cached while nothing installed changes
        seen: set[str] = set()
        # The national pack loads first so that its codes are claimed before third parties.
        for point in sorted(points, key=lambda p: (p.name != NATIONAL_NAME, p.name)):
            if point.name in seen or point.name == BUILTIN_NAME:
                continue
            seen.add(point.name)
            dist, version = _distribution_of(point)
            self.dists[point.name] = (dist, version)
            try:
                plugin = point.load()
            except BaseException as exc:  # SystemExit and friends from a bad plugin too
                if isinstance(exc, KeyboardInterrupt):
                    raise
                self._error(point.name, "import", exc)
                continue
            self.register(plugin, point.name, dist, version)

    def _call(self, hook_name: str, only: str | None = None) -> list[Any]:
        """Call each implementation of a hook separately, isolating failures.

        A hook that raises — SystemExit included — or does not return within
        HOOK_SECONDS is that plugin's recorded failure; the others go on."""
        results: list[Any] = []
        caller = getattr(self.pm.hook, hook_name)
        for impl in caller.get_hookimpls():
            if only is not None and impl.plugin_name != only:
                continue
            try:
                with _time_limit(HOOK_SECONDS):
                    value = impl.function()
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - sys.exit() in a plugin must not end the run
                self._error(impl.plugin_name, hook_name, exc)
                continue
            if value is not None:
                results.append((impl.plugin_name, value))
        return results if only is None else [v for _, v in results]

    def _items(self, hook_name: str, wanted: type | tuple[type, ...]) -> Iterator[tuple[str, Any]]:
        """(plugin, item) for each item of each plugin's result of ``hook_name`` that has
        the wanted type; anything else is recorded against the plugin and skipped."""
        for plugin, value in self._call(hook_name):
            if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
                self._error(plugin, hook_name, f"must return a list, not {type(value).__name__}")
                continue
            try:
                items = list(value)
            except Exception as exc:  # noqa: BLE001 - a broken iterable from a plugin
                self._error(plugin, hook_name, exc)
                continue
            for item in items:
                if isinstance(item, wanted):
                    yield plugin, item
                else:
                    names = " or ".join(t.__name__ for t in (wanted if isinstance(wanted, tuple) else (wanted,)))
                    self._error(plugin, hook_name, f"not a {names}: {item!r:.80}")

    def _override(self, plugin: str, what: str, owner: str) -> None:
        """Record that ``plugin`` replaces something ``owner`` (a built-in) provided."""
        if plugin != owner:
            self.registry.overrides.append(f"plugin '{plugin}' replaces the {what} of '{owner}'")

    def collect(self) -> Registry:
        reg = self.registry
        loader_owner: dict[str, str] = {}
        for plugin, loader in self._items("reportlint_loaders", LoaderSpec):
            for kind in loader.kinds:
                if kind in loader_owner:
                    self._override(plugin, f"loader for {kind}", loader_owner[kind])
                reg.loaders[kind] = loader
                loader_owner[kind] = plugin
        for plugin, template in self._items("reportlint_templates", Template):
            if template.version in reg.templates:
                self._error(plugin, "reportlint_templates", f"template {template.version} is already provided")
                continue
            reg.templates[template.version] = template
        for _plugin, extension in self._items("reportlint_template_extensions", TemplateExtension):
            reg.extensions.append(extension)
        # Relation rules come from the templates' data; they claim their codes before any
        # plugin's Python rules, so a pack cannot shadow a national balance by accident.
        from reportlint.relations import relation_rules

        for relation_rule in relation_rules(list(reg.templates.values()), reg.extensions):
            reg.rules[relation_rule.code] = relation_rule
            reg.rule_plugin[relation_rule.code] = relation_rule.pack or BUILTIN_NAME
        for plugin, candidate in self._items("reportlint_rules", object):
            try:
                checked = validate_rule(candidate)
            except RuleError as exc:
                self._error(plugin, "rule", exc)
                continue
            except Exception as exc:  # noqa: BLE001 - not a rule at all
                self._error(plugin, "rule", f"not a rule: {type(exc).__name__}: {exc}")
                continue
            if checked.code in reg.rules:
                self._error(plugin, "rule", f"rule code {checked.code} is already used by {reg.rule_plugin[checked.code]}")
                continue
            if not checked.pack:
                checked = replace(checked, pack=reg.pack_of_plugin(plugin))
            reg.rules[checked.code] = checked
            reg.rule_plugin[checked.code] = plugin
        formatter_owner: dict[str, str] = {}
        for plugin, formatter in self._items("reportlint_formatters", FormatterSpec):
            if formatter.name in formatter_owner:
                self._override(plugin, f"output format '{formatter.name}'", formatter_owner[formatter.name])
            reg.formatters[formatter.name] = formatter
            formatter_owner[formatter.name] = plugin
        for plugin, config in self._call("reportlint_default_config"):
            if isinstance(config, dict):
                _merge(reg.default_config, config)
            else:
                self._error(plugin, "reportlint_default_config", f"must return a dict, not {type(config).__name__}")
        return reg


HOOK_SECONDS = 10  # a plugin hook that has not returned by then is given up


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the body after ``seconds`` (main thread, POSIX); else no limit."""
    import signal

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"did not return within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    signal.setitimer(signal.ITIMER_REAL, seconds if not remaining else min(seconds, remaining))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _merge(target: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def build_registry(
    entry_points: list[Any] | None = None,
    extra_plugins: list[tuple[str, object]] | None = None,
) -> Registry:
    """Load the built-in plugin, every entry point, and ``extra_plugins`` (for tests)."""
    from reportlint import builtin

    loader = _Loader(entry_points)
    loader.register(builtin, BUILTIN_NAME, "reportlint", _own_version())
    loader.load_entry_points()
    for name, plugin in extra_plugins or []:
        loader.register(plugin, name)
    return loader.collect()


def _own_version() -> str:
    from reportlint import __version__

    return __version__


_lock = threading.Lock()
_registry: Registry | None = None


def get_registry() -> Registry:
    """The process-wide registry, built on first use."""
    global _registry
    with _lock:
        if _registry is None:
            _registry = build_registry()
        return _registry


def set_registry(registry: Registry | None) -> None:
    """Replace the process-wide registry (tests and embedding applications)."""
    global _registry
    with _lock:
        _registry = registry

