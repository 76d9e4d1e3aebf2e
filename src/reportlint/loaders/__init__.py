"""Loaders turn a Source into a Document. They know nothing about annual reports."""
