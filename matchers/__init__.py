"""Catalog loading and fuzzy matching of providers, courses and names."""
