"""reportlint rule pack for 浙江省."""

__version__ = "0.1.0"
