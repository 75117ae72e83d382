"""Recertification rules, readiness score and audit cases: reads records, never OCRs."""
