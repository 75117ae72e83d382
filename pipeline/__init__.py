"""The orchestrator: triage, read, understand, conclude. Plain functions; no
rq, FastAPI or database here."""
