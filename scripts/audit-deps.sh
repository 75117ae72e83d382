#!/usr/bin/env bash
# Audit the pinned dependencies (constraints.txt) for known vulnerabilities with pip-audit.
# It needs its vulnerability service, PyPI's JSON API per release; where that does not
# answer (offline, or a mirror without it) the audit says it was skipped and does not fail.
# Where it answers, a package it cannot audit fails the audit (--strict): an audit that
# checked nothing must not pass.
set -euo pipefail
BIN=${BIN:-.venv/bin}
PROBE=https://pypi.org/pypi/pip/24.0/json
if ! "$BIN/python" - "$PROBE" <<'PY'
import sys
import urllib.request

try:
    with urllib.request.urlopen(sys.argv[1], timeout=10) as answer:
        sys.exit(0 if answer.status == 200 else 1)
except Exception:
    sys.exit(1)
PY
then
    echo "dependency audit skipped: the vulnerability service ($PROBE) does not answer here"
    exit 0
fi
exec "$BIN/pip-audit" --requirement constraints.txt --no-deps --disable-pip --strict \
    --progress-spinner off
