#!/bin/sh
# Prints the Markdown table of the reliability suite's figures.
# The suite (`swift test`, Reliability* tests) and scripts/soak.sh write one JSON file per scenario
# to .build/reliability/ (or $INFUSE_RELIABILITY_DIR); the suite clears the folder when it starts,
# so the table holds one run (run soak.sh after the suite to add its row). A figure a scenario
# cannot measure is `–`; a scenario that failed, threw or was interrupted shows FAIL.
# Usage: scripts/reliability-table.sh [DIRECTORY]
set -eu
dir="${1:-${INFUSE_RELIABILITY_DIR:-$(dirname "$0")/../.build/reliability}}"
exec python3 - "$dir" <<'PY'
import json, os, sys
directory = sys.argv[1]
if not os.path.isdir(directory):
    sys.exit(f"reliability-table: no results in {directory}: run `swift test --filter Reliability` (or scripts/soak.sh) first")
rows = []
for name in sorted(os.listdir(directory)):
    if not name.endswith(".json"):
        continue
    try:
        with open(os.path.join(directory, name), encoding="utf-8") as handle:
            rows.append(json.load(handle))
    except (OSError, ValueError) as error:
        sys.exit(f"reliability-table: {name} is not a result file: {error}")
if not rows:
    sys.exit(f"reliability-table: no results in {directory}")
required = ("scenario", "description", "passed", "runs", "faultsInjected", "notes")
for r in rows:
    missing = [k for k in required if k not in r]
    if missing:
        sys.exit(f"reliability-table: {r.get('scenario', '?')} lacks {', '.join(missing)}")
def cell(value):
    if value is None:
        return "–"
    if value is True:
        return "pass"
    if value is False:
        return "**FAIL**"
    return str(value).replace("|", "\\|").replace("\n", " ")
columns = ("scenario", "description", "passed", "runs", "faultsInjected", "rowsLost", "rowsDuplicated", "rowsChanged", "tablesPartial", "notes")
print("| scenario | what | result | runs | faults injected | rows lost | rows duplicated | rows changed | tables partial | notes |")
print("|---|---|---|---:|---:|---:|---:|---:|---:|---|")
for r in rows:
    print("| " + " | ".join(cell(r.get(k)) for k in columns) + " |")
def total(key):
    values = [r.get(key) for r in rows if r.get(key) is not None]
    return sum(int(v) for v in values)
failed = sum(1 for r in rows if not r.get("passed"))
print(f"| **total** | {len(rows)} scenarios | {len(rows) - failed} pass, {failed} fail | {total('runs')} | {total('faultsInjected')} | {total('rowsLost')} | {total('rowsDuplicated')} | {total('rowsChanged')} | {total('tablesPartial')} | |")
PY
