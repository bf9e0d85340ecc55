#!/bin/sh
# Prints the Markdown table of the reliability suite's figures.
# The suite (`swift test`, Reliability* tests) and scripts/soak.sh write one JSON file per scenario
# to .build/reliability/ (or $INFUSE_RELIABILITY_DIR); this script reads them all.
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
def cell(value):
    return str(value).replace("|", "\\|").replace("\n", " ")
print("| scenario | what | runs | faults injected | rows lost | rows duplicated | tables partial | notes |")
print("|---|---|---:|---:|---:|---:|---:|---|")
for r in rows:
    print("| " + " | ".join(cell(r.get(k, "")) for k in
          ("scenario", "description", "runs", "faultsInjected", "rowsLost", "rowsDuplicated", "tablesPartial", "notes")) + " |")
totals = {k: sum(int(r.get(k, 0)) for r in rows) for k in ("runs", "faultsInjected", "rowsLost", "rowsDuplicated", "tablesPartial")}
print(f"| **total** | {len(rows)} scenarios | {totals['runs']} | {totals['faultsInjected']} | {totals['rowsLost']} | {totals['rowsDuplicated']} | {totals['tablesPartial']} | |")
PY
