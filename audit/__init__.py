"""Recertification rules, readiness score and audit cases: reads records, never OCRs.

- ``model``: the typed data (trainer profile, CEU entry, flags, readiness).
- ``entries`` / ``areas`` / ``corrections``: CEU entries from certificate records,
  their CE area, duplicates, and corrections with history.
- ``cpr``: CPR/AED card sides paired into cards.
- ``deadline``: on time / late fee / additional fee / lapsed, and fees.
- ``rules`` / ``readiness``: what counts, the flags, the checklist and score
  (``readiness.assess`` is the entry point).
- ``events`` / ``webhook``: monitoring events with stable keys, signed delivery.
"""
