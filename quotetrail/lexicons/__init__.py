"""Patterns and word lists, kept apart from the code that uses them."""
