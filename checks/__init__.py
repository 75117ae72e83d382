"""Authenticity: signs that an upload was edited, forged or reused, with their evidence."""
