"""reportlint rule pack for 上海市."""

__version__ = "0.1.0"
