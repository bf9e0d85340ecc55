#!/usr/bin/env python3
"""Compare Infuse's import with pandas and dlt on the same generated Keap contact pages.

Run by scripts/compare-pandas-dlt.sh, which makes the virtualenv, builds Infuse in release and
generates the pages. Each loader runs in its own child process; the parent times it and reads its
peak RSS from os.wait4 (the child's own ru_maxrss), then prints a table with the ratios.

    compare_pandas_dlt.py run --pages DIR --infuse BIN --bench BIN --work DIR [--skip-dlt] [--json FILE]
    compare_pandas_dlt.py worker {pandas,dlt-sqlite,dlt-duckdb-parquet} --pages DIR --out DIR
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import time

# The child arrays of a Keap contact, listed by hand for pandas (dlt finds them itself).
CHILD_PATHS = ["email_addresses", "phone_numbers", "addresses", "custom_fields"]
SCALAR_LISTS = ["tag_ids"]

LOADERS = ["pandas", "dlt-sqlite", "dlt-duckdb-parquet"]


def page_files(pages):
    files = sorted(glob.glob(os.path.join(pages, "contacts-*.json")))
    if not files:
        raise SystemExit(f"no contacts-*.json pages in {pages}")
    return files


def read_pages(files):
    for name in files:
        with open(name, "rb") as handle:
            yield json.load(handle)["contacts"]


# ---------------------------------------------------------------------------------------------
# Workers (one per child process)

def work_pandas(files, out):
    import sqlite3
    import pandas as pd

    records = [record for page in read_pages(files) for record in page]
    counts = {}
    with sqlite3.connect(os.path.join(out, "pandas.sqlite")) as connection:
        contacts = pd.json_normalize(records, sep="_")
        contacts = contacts.drop(columns=[c for c in CHILD_PATHS + SCALAR_LISTS if c in contacts.columns])
        contacts.to_sql("contacts", connection, index=False)
        counts["contacts"] = len(contacts)
        for path in CHILD_PATHS:
            frame = pd.json_normalize(records, record_path=path, meta=["id"], meta_prefix="contact_", sep="_")
            frame.to_sql(f"contacts__{path}", connection, index=False)
            counts[f"contacts__{path}"] = len(frame)
        for path in SCALAR_LISTS:
            frame = pd.json_normalize(records, record_path=path, meta=["id"], meta_prefix="contact_")
            frame = frame.rename(columns={0: "value"})
            frame.to_sql(f"contacts__{path}", connection, index=False)
            counts[f"contacts__{path}"] = len(frame)
    return counts


def work_dlt(files, out, destination_kind):
    import dlt

    @dlt.resource(name="contacts", write_disposition="replace")
    def contacts():
        yield from read_pages(files)

    if destination_kind == "sqlite":
        destination = dlt.destinations.sqlalchemy(credentials="sqlite:///" + os.path.join(out, "dlt.sqlite"))
        file_format = None
    else:
        destination = dlt.destinations.duckdb(os.path.join(out, "dlt.duckdb"))
        file_format = "parquet"
    pipeline = dlt.pipeline(
        pipeline_name=f"infuse_bench_{destination_kind}", destination=destination, dataset_name="bench",
        pipelines_dir=os.path.join(out, "pipelines"))
    if file_format:
        pipeline.run(contacts(), loader_file_format=file_format)
    else:
        pipeline.run(contacts())
    row_counts = pipeline.last_trace.last_normalize_info.row_counts
    return {table: rows for table, rows in row_counts.items() if not table.startswith("_dlt")}


def worker(arguments):
    files = page_files(arguments.pages)
    os.makedirs(arguments.out, exist_ok=True)
    if arguments.loader == "pandas":
        counts = work_pandas(files, arguments.out)
    elif arguments.loader == "dlt-sqlite":
        counts = work_dlt(files, arguments.out, "sqlite")
    else:
        counts = work_dlt(files, arguments.out, "duckdb")
    with open(os.path.join(arguments.out, "counts.json"), "w") as handle:
        json.dump(counts, handle)


# ---------------------------------------------------------------------------------------------
# Parent: run each loader in a child, time it, read its peak RSS

TIME = "/usr/bin/time"


def run_child(command, env, log):
    """Runs command; returns (exit code, wall seconds, peak RSS MiB).

    Peak RSS comes from GNU time's %M when /usr/bin/time is there (it forks, so the child's figure
    is its own), else from os.wait4's ru_maxrss (which on Linux is at least this parent's own peak,
    as subprocess may start the child with vfork)."""
    rss_file = log + ".rss"
    use_time = os.access(TIME, os.X_OK)
    argv = [TIME, "-f", "%M", "-o", rss_file] + command if use_time else command
    with open(log, "wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(argv, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    rss_kib = usage.ru_maxrss
    if use_time:
        try:
            with open(rss_file) as handle:
                rss_kib = int(handle.read().strip().splitlines()[-1])
        except (OSError, ValueError, IndexError):
            pass
    return process.returncode, wall, rss_kib / 1024


def last_lines(path, count=3):
    try:
        with open(path, errors="replace") as handle:
            lines = [line.rstrip() for line in handle if line.strip()]
        return " | ".join(lines[-count:])
    except OSError:
        return ""


def infuse_row_counts(home):
    import sqlite3
    counts = {}
    with sqlite3.connect(os.path.join(home, "infuse.sqlite")) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'bench\\_\\_%' ESCAPE '\\'")]
        for table in tables:
            counts[table] = connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    return counts


def run(arguments):
    files = page_files(arguments.pages)
    size_mb = sum(os.path.getsize(f) for f in files) / 1e6
    env = dict(os.environ, RUNTIME__DLTHUB_TELEMETRY="false", PYTHONUNBUFFERED="1")
    loaders = ["pandas"] + ([] if arguments.skip_dlt else ["dlt-sqlite", "dlt-duckdb-parquet"])
    results = {}
    for loader in loaders:
        out = os.path.join(arguments.work, loader)
        os.makedirs(out, exist_ok=True)
        log = os.path.join(out, "log.txt")
        print(f"running {loader}…", file=sys.stderr, flush=True)
        code, wall, rss = run_child(
            [sys.executable, os.path.abspath(__file__), "worker", loader, "--pages", arguments.pages, "--out", out], env, log)
        if code != 0:
            results[loader] = {"error": f"exit {code}: {last_lines(log)}"}
            print(f"  {loader} failed: {results[loader]['error']}", file=sys.stderr)
            continue
        with open(os.path.join(out, "counts.json")) as handle:
            counts = json.load(handle)
        results[loader] = {"wall_seconds": wall, "peak_rss_mib": rss, "rows": sum(counts.values()), "tables": counts}

    # Infuse: the release `infuse import` on the same files, in a fresh workspace.
    home = os.path.join(arguments.work, "infuse-home")  # created (0700) by the workspace itself
    infuse_env = dict(os.environ, INFUSE_HOME=home)
    log = os.path.join(arguments.work, "infuse.log")
    print("running infuse import…", file=sys.stderr, flush=True)
    # The account and data source rows the import loads into (untimed; adding an API-key account
    # through the CLI would check the key over the network).
    code, _, _ = run_child([arguments.bench, "prepare-workspace", "--workspace", home], infuse_env, log)
    if code == 0:
        code, wall, rss = run_child([arguments.infuse, "import", "--source", "bench"] + files, infuse_env, log)
    via = "infuse import"
    if code != 0:
        reason = last_lines(log)
        print(f"  `infuse import` failed ({reason}); timing the same import path through "
              "`infuse-bench import-child` instead", file=sys.stderr)
        result_file = os.path.join(arguments.work, "import-child.json")
        code, wall, rss = run_child(
            [arguments.bench, "import-child", "--workspace", home, "--pages", arguments.pages, "--result", result_file],
            infuse_env, log)
        via = f"infuse-bench import-child (infuse import failed: {reason})"
    if code != 0:
        results["infuse"] = {"error": f"exit {code}: {last_lines(log)}"}
    else:
        counts = infuse_row_counts(home)
        results["infuse"] = {"wall_seconds": wall, "peak_rss_mib": rss, "rows": sum(counts.values()), "tables": counts,
                             "via": via}

    report = {"date": time.strftime("%Y-%m-%d %H:%M:%S %z"), "pages": len(files), "megabytes": size_mb,
              "load_average": os.getloadavg(), "cpus": os.cpu_count(), "results": results}
    infuse = results["infuse"].get("wall_seconds")
    print()
    print(f"{len(files)} pages, {size_mb:.1f} MB of JSON; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{os.cpu_count()} CPUs")
    print(f"{'loader':<22}{'wall s':>9}{'peak RSS MiB':>15}{'rows':>12}{'× Infuse time':>16}")
    for name in loaders + ["infuse"]:
        result = results[name]
        if "error" in result:
            print(f"{name:<22}  failed: {result['error']}")
            continue
        ratio = f"{result['wall_seconds'] / infuse:.1f}×" if infuse else "–"
        print(f"{name:<22}{result['wall_seconds']:>9.2f}{result['peak_rss_mib']:>15.0f}{result['rows']:>12,}{ratio:>16}")
    ratios = {}
    if infuse and "wall_seconds" in results.get("pandas", {}):
        ratios["vs_pandas"] = results["pandas"]["wall_seconds"] / infuse
    dlt_walls = [results[n]["wall_seconds"] for n in ("dlt-sqlite", "dlt-duckdb-parquet") if "wall_seconds" in results.get(n, {})]
    if infuse and dlt_walls:
        ratios["vs_dlt_fastest"] = min(dlt_walls) / infuse
    report["ratios"] = ratios
    print()
    if "vs_pandas" in ratios:
        verdict = "pass" if ratios["vs_pandas"] >= 3.5 else "FAIL"
        print(f"Infuse vs pandas:      {ratios['vs_pandas']:.1f}× faster (goal ≥ 3.5×) {verdict}")
    if "vs_dlt_fastest" in ratios:
        verdict = "pass" if ratios["vs_dlt_fastest"] >= 7 else "FAIL"
        print(f"Infuse vs dlt fastest: {ratios['vs_dlt_fastest']:.1f}× faster (goal ≥ 7×) {verdict}")
    elif infuse and not arguments.skip_dlt:
        print("Infuse vs dlt: no dlt run succeeded (see the errors above)")
    if not infuse:
        print(f"Infuse failed: {results['infuse'].get('error')}")
    if results["infuse"].get("via", "").startswith("infuse-bench"):
        print(f"note: Infuse timed via {results['infuse']['via']}")
    if arguments.json:
        with open(arguments.json, "w") as handle:
            json.dump(report, handle, indent=2)
    return 0 if "error" not in results["infuse"] else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run")
    run_parser.add_argument("--pages", required=True)
    run_parser.add_argument("--infuse", required=True)
    run_parser.add_argument("--bench", required=True)
    run_parser.add_argument("--work", required=True)
    run_parser.add_argument("--skip-dlt", action="store_true")
    run_parser.add_argument("--json")
    worker_parser = commands.add_parser("worker")
    worker_parser.add_argument("loader", choices=LOADERS)
    worker_parser.add_argument("--pages", required=True)
    worker_parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    if arguments.command == "worker":
        worker(arguments)
        return 0
    return run(arguments)


if __name__ == "__main__":
    sys.exit(main())
