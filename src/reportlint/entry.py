"""The ``reportlint`` console script: answers ``--version`` without importing the CLI
framework (typer, the rule packs), and hands everything else to ``reportlint.cli``."""

from __future__ import annotations

import sys


def main() -> None:
    """Console entry point."""
    if sys.argv[1:] == ["--version"]:
        from reportlint import __version__

        print(f"reportlint {__version__}")
        return
    from reportlint.cli import main as cli_main

    cli_main()
