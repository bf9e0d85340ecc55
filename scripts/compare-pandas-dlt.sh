#!/usr/bin/env bash
# Compares Infuse's import with pandas and dlt on the same generated Keap contacts, in one run.
#
#   scripts/compare-pandas-dlt.sh [--contacts N] [--json FILE] [--keep]
#   SWIFT_SCRATCH_PATH=.build-release scripts/compare-pandas-dlt.sh   # build outside .build
#
# Makes a virtualenv in .build-bench-venv/ (pandas and dlt from PyPI, pinned), builds `infuse`
# and `infuse-bench` in release, writes N contacts (default 100,000) as Keap list pages with
# `infuse-bench generate`, then times pandas, dlt into SQLite, dlt into DuckDB with Parquet and
# `infuse import` on those files, each in its own process, and prints wall time, peak RSS and
# the ratios. If dlt cannot be installed or run, it says why and goes on with pandas.
set -euo pipefail
cd "$(dirname "$0")/.."

contacts=100000
json=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --contacts) contacts="$2"; shift 2 ;;
    --json) json="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--contacts N] [--json FILE] [--keep]" >&2; exit 2 ;;
  esac
done

venv=.build-bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" || { echo "compare: could not create a virtualenv (install python3-venv)" >&2; exit 1; }
fi
"$venv/bin/pip" install -q --disable-pip-version-check "pandas==3.1.1" "numpy==2.4.6" \
  || { echo "compare: pandas did not install; cannot compare" >&2; exit 1; }
skip_dlt=()
if ! "$venv/bin/pip" install -q --disable-pip-version-check "dlt[duckdb,sqlalchemy,parquet]==1.31.0" \
    "duckdb==2.0.1" "pyarrow==26.0.1" "SQLAlchemy==2.1.9"; then
  echo "compare: dlt did not install (see pip's message above); comparing with pandas only" >&2
  skip_dlt=(--skip-dlt)
fi

# SWIFT_SCRATCH_PATH (e.g. .build-release) builds outside .build, so other builds are not locked out.
scratch=()
if [ -n "${SWIFT_SCRATCH_PATH:-}" ]; then scratch=(--scratch-path "$SWIFT_SCRATCH_PATH"); fi
swift build -c release --product infuse "${scratch[@]+"${scratch[@]}"}" >&2
swift build -c release --product infuse-bench "${scratch[@]+"${scratch[@]}"}" >&2
bin="$(swift build -c release --show-bin-path "${scratch[@]+"${scratch[@]}"}")"

work="$(mktemp -d "${TMPDIR:-/tmp}/infuse-compare.XXXXXX")"
if [ "$keep" = 0 ]; then trap 'rm -rf "$work"' EXIT; else echo "compare: keeping $work" >&2; fi

"$bin/infuse-bench" generate --contacts "$contacts" --output "$work/pages" >&2
json_args=()
if [ -n "$json" ]; then json_args=(--json "$json"); fi
"$venv/bin/python" scripts/compare_pandas_dlt.py run --pages "$work/pages" --infuse "$bin/infuse" \
  --bench "$bin/infuse-bench" --work "$work" "${skip_dlt[@]+"${skip_dlt[@]}"}" "${json_args[@]+"${json_args[@]}"}"
