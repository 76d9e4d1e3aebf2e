"""Schemas shipped with reportlint (the XML interchange format)."""
