"""Readers: text per page (PDF text layer or OCR) and fields from text and layout."""
