"""Regenerate docs/plugins.md from scripts/plugin_guide.md.in and the example pack.

    python scripts/gen_plugin_guide.py

Every ``{{file:PATH:LANG}}`` in the template becomes the file docs/example-pack/PATH shown
verbatim, so the guide always shows the example that the tests build and install.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-pack"


def render() -> str:
    template = (ROOT / "scripts" / "plugin_guide.md.in").read_text(encoding="utf-8")

    def block(match: re.Match[str]) -> str:
        path, lang = match.group(1), match.group(2)
        text = (EXAMPLE / path).read_text(encoding="utf-8").strip()
        return f"`docs/example-pack/{path}`:\n\n```{lang}\n{text}\n```"

    return re.sub(r"\{\{file:([^:}]+):(\w+)\}\}", block, template)


def main() -> None:
    (ROOT / "docs" / "plugins.md").write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
