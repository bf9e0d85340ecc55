#!/bin/sh
# Soak: N refresh cycles of one data source against `infuse sandbox` with faults (fail rate, short
# token lifetime, low spike limit), every fourth cycle killed with SIGKILL at a random moment.
# After each cycle the contacts table must hold exactly the sandbox's rows (or the previous ones,
# untouched, after a failure or a kill). Writes .build/reliability/soak.json, then prints the table.
# Usage: scripts/soak.sh [CYCLES] [RECORDS] [FAIL_RATE]     (defaults 40, 5000, 0.2)
# Needs the debug build (`swift build`), python3 and curl.
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="${INFUSE_BINARY:-$root/.build/debug/infuse}"
[ -x "$binary" ] || { echo "soak: $binary is missing: run swift build first" >&2; exit 1; }
python3 - "$binary" "$root/.build/reliability" "${1:-40}" "${2:-5000}" "${3:-0.2}" <<'PY'
import json, os, random, signal, sqlite3, subprocess, sys, tempfile, time, urllib.request
binary, out_dir, cycles, records, fail_rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
home = tempfile.mkdtemp(prefix="infuse-soak-")
os.chmod(home, 0o700)
env = dict(os.environ, INFUSE_HOME=home, LANG="C.UTF-8")
env.pop("BROWSER", None)
sandbox = subprocess.Popen([binary, "sandbox", "--port", "0", "--records", str(records), "--fail-rate", str(fail_rate),
                            "--token-ttl", "5", "--spike-limit", "5", "--latency-ms", "50"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
root_url = sandbox.stdout.readline().strip().removeprefix("listening on ")
def run(*args, extra=None, timeout=600):
    return subprocess.run([binary, *args], env=dict(env, **(extra or {})), capture_output=True, text=True, timeout=timeout)
def stats():
    with urllib.request.urlopen(root_url + "/_sandbox/stats") as response:
        return json.load(response)
def census():
    db = sqlite3.connect(os.path.join(home, "infuse.sqlite"))
    try:
        rows, distinct = db.execute('SELECT count(*), count(DISTINCT id) FROM "soak__contacts"').fetchone()
        ids = frozenset(i for (i,) in db.execute('SELECT id FROM "soak__contacts"'))
        return rows, distinct, ids
    except sqlite3.OperationalError:
        return 0, 0, frozenset()
    finally:
        db.close()
try:
    browser = os.path.join(home, "approve.sh")
    with open(browser, "w") as handle:
        handle.write('#!/bin/sh\nexec curl -s -L -o /dev/null "$1&auto=allow"\n')
    os.chmod(browser, 0o700)
    add = run("accounts", "add", "Soak", "--api-base", root_url + "/crm/rest", "--oauth", extra={"BROWSER": browser})
    if add.returncode != 0:
        sys.exit("soak: accounts add failed: " + add.stderr)
    create = run("sources", "create", "Soak", "--account", "Soak", "--endpoint", "contacts", "--max-rows", str(records), "--schemas", "contacts")
    if create.returncode != 0:
        sys.exit("soak: sources create failed: " + create.stderr)
    rng = random.Random(7)
    previous = census()
    exact = clean = killed = partial = lost = duplicated = 0
    for cycle in range(cycles):
        if cycle % 4 == 3:
            child = subprocess.Popen([binary, "refresh", "Soak"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.1, 2.0))
            child.send_signal(signal.SIGKILL)
            child.wait()
            killed += 1
            status = None
        else:
            status = run("refresh", "Soak").returncode
        now = census()
        duplicated += now[0] - now[1]
        if now[0] == records and now[1] == records:
            exact += status == 0
            clean += status not in (0, None)
            previous = now
        elif now[2] == previous[2] and now[0] == previous[0]:
            clean += status is not None and status != 0
        else:
            partial += 1
            lost += max(0, records - now[1])
        print(f"cycle {cycle + 1}/{cycles}: {'killed' if status is None else 'exit ' + str(status)}, {now[0]} rows", file=sys.stderr)
    final = run("fetch", "contacts", "--account", "Soak", "--max-rows", "1")
    s = stats()
    result = {"scenario": "soak", "description": f"{cycles} refresh cycles of {records} contacts, --fail-rate {fail_rate}, 5 s tokens, every 4th killed",
              "runs": cycles, "faultsInjected": s["injectedFaults"] + s["tooManyRequests"] + killed, "rowsLost": lost,
              "rowsDuplicated": duplicated, "rowsChanged": None, "tablesPartial": partial,
              "passed": partial == 0 and duplicated == 0 and final.returncode == 0,
              "notes": f"exact {exact}, clean failures {clean}, killed {killed}, token refreshes {s['tokenRefreshes']}, account works after: {final.returncode == 0}"}
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "soak.json"), "w") as handle:
        json.dump(result, handle, indent=2)
finally:
    sandbox.send_signal(signal.SIGTERM)
    sandbox.wait()
    subprocess.run(["rm", "-rf", home])
PY
exec "$(dirname "$0")/reliability-table.sh"
