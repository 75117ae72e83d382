"""Ingest: triage of uploaded bytes, page rendering, and the types, errors and
settings that every later stage shares."""
