"""Templates, extensions and declarative rules are data: malformed data is a clear error."""

from __future__ import annotations

import pytest

from reportlint.declarative import rules_from_toml
from reportlint.rules import RuleError
from reportlint.templates import TemplateError, builtin_templates, extension_from_dict, template_from_dict


def test_builtin_templates_are_complete() -> None:
    by_version = {t.version: t for t in builtin_templates()}
    assert set(by_version) == {"2019", "2021"}
    assert len(by_version["2019"].table("requests").rows) == 23
    assert len(by_version["2021"].table("requests").rows) == 25
    for template in by_version.values():
        assert [s.key for s in template.sections] == ["overview", "proactive", "requests", "review", "problems", "other"]
        assert len(template.table("review").rows) * len(template.table("review").columns) == 15


def test_unknown_template_keys_and_dangling_relations_are_errors() -> None:
    with pytest.raises(TemplateError, match="unknown key"):
        template_from_dict({"version": "x", "name": "", "document": "", "first_year": 1, "last_year": 2,
                            "colour": "red"})
    with pytest.raises(TemplateError, match="names unknown table"):
        template_from_dict({
            "version": "x", "name": "", "document": "", "first_year": 1, "last_year": 2,
            "relations": [{"code": "ZZ001", "name": "n", "table": "nope", "over": "rows", "left": [], "op": "eq",
                           "right": [], "total": "", "summary": "s", "summary_en": "s"}],
        })
    with pytest.raises(TemplateError, match="not in table"):
        extension = extension_from_dict({"relations": [{
            "code": "ZZ001", "name": "n", "table": "requests", "over": "columns", "left": ["no_such_row"],
            "op": "eq", "right": [], "total": "no_such_row", "summary": "s", "summary_en": "s"}]}, "p", "x.toml")
        from reportlint.templates import apply_extensions

        apply_extensions(builtin_templates()[1], [extension])


def test_declarative_rule_errors_name_the_rule() -> None:
    with pytest.raises(RuleError, match="rule XX001: 'doc' is required"):
        rules_from_toml('[[rules]]\ncode = "XX001"\nname = "n"\nkind = "required-phrase"\nphrases = ["a"]\nsummary = "s"\n',
                        "pack")
    with pytest.raises(RuleError, match="kind must be one of"):
        rules_from_toml('[[rules]]\ncode = "XX001"\nname = "n"\nkind = "regex"\nphrases = ["a"]\nsummary = "s"\ndoc = "d"\n',
                        "pack")
    with pytest.raises(RuleError, match="unknown key"):
        rules_from_toml('[[rules]]\ncode = "XX001"\nname = "n"\nkind = "required-phrase"\nphrases = ["a"]\n'
                        'summary = "s"\ndoc = "d"\nwhen = "always"\n', "pack")
    with pytest.raises(RuleError, match="not a letter or two and three digits"):
        rules_from_toml('[[rules]]\ncode = "X1"\nname = "n"\nkind = "required-phrase"\nphrases = ["a"]\n'
                        'summary = "s"\ndoc = "d"\n', "pack")
