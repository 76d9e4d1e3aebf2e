"""Example reportlint rule pack for 宁波市."""

__version__ = "0.1.0"
