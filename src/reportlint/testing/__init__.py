"""Helpers for testing reportlint and rule packs: synthetic reports, writers, rule cases."""
