#!/usr/bin/env bash
# Known vulnerabilities in what Rundabord ships: the pinned Python packages (pip-audit,
# PyPI's advisories) and the npm packages whose files are committed under vendor/
# (npm audit). Any finding fails. Both tools ask an advisory service on the internet;
# where it cannot be reached (a venue laptop offline, a machine that only sees package
# mirrors) this says so and does not fail, unless AUDIT_REQUIRED=1.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
unreachable() {
  echo "audit: NOT CHECKED — $1 cannot be reached from here." >&2
  if [[ "${AUDIT_REQUIRED:-0}" == 1 ]]; then status=1; fi
}

# pip-audit reads https://pypi.org/pypi/<name>/<version>/json; a mirror without that
# API would make every package "not found", so look first.
if .venv/bin/python - <<'EOF'
import sys, urllib.request
try:
    urllib.request.urlopen("https://pypi.org/pypi/pip/24.0/json", timeout=15).read(1)
except Exception:
    sys.exit(1)
EOF
then
  .venv/bin/pip-audit --strict --no-deps --disable-pip --progress-spinner off \
    -r requirements-dev.txt || status=1
else
  unreachable "PyPI's vulnerability API (pypi.org/pypi/<name>/<version>/json)"
fi

if command -v npm >/dev/null 2>&1; then
  report=$(npm audit --json 2>/dev/null)
  npm_status=$?
  if [[ $npm_status -ne 0 ]] && grep -q '"statusCode"\|"code": "E' <<<"$report" \
      && ! grep -q '"vulnerabilities"' <<<"$report"; then
    unreachable "the npm registry's audit endpoint"
  elif [[ $npm_status -ne 0 ]]; then
    npm audit >&2
    status=1
  else
    echo "npm audit: no known vulnerabilities"
  fi
else
  unreachable "npm (not installed)"
fi
exit $status
