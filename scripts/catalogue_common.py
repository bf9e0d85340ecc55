"""What both catalogue generators share: reading a vendored spec, walking its GET operations,
Swift literals, and the duplicate-id check. Python 3 standard library only."""
import json
import os
import sys


def load_spec(default_path):
    """The spec at argv[1], else at `default_path`."""
    spec_path = sys.argv[1] if len(sys.argv) > 1 else default_path
    with open(spec_path, encoding="utf-8") as f:
        return json.load(f)


def get_operations(spec):
    """(path, path item, GET operation) for every path with a GET, sorted by path."""
    for path in sorted(spec["paths"]):
        item = spec["paths"][path]
        op = item.get("get")
        if op is not None:
            yield path, item, op


def check_unique_ids(entries):
    ids = [e["id"] for e in entries]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate endpoint ids: %s" % sorted({i for i in ids if ids.count(i) > 1}))


def swift_string(value):
    return json.dumps(value, ensure_ascii=False)


def swift_array(values):
    return "[" + ", ".join(swift_string(v) for v in values) + "]"


def swift_entry(e, paging_argument):
    """The `CatalogueEndpoint(...)` literal of entry `e`, one line per argument group, with
    `paging_argument` (`paged: true` for v1, `paging: .cursor(maxPageSize: 1000)` for v2)."""
    key = "nil" if e["listKey"] is None else swift_string(e["listKey"])
    return [
        "        CatalogueEndpoint(",
        "            id: %s, path: %s," % (swift_string(e["id"]), swift_string(e["path"])),
        "            pathParameters: %s, listKey: %s, %s," % (swift_array(e["pathParameters"]), key, paging_argument),
        "            queryParameters: %s," % swift_array(e["queryParameters"]),
        "            summary: %s, resource: %s%s" % (
            swift_string(e["summary"]), swift_string(e["resource"]), ", deprecated: true" if e["deprecated"] else ""),
        "        ),",
    ]


def write_catalogue(output, root, lines, count):
    """Writes the generated Swift file and says how many endpoints it holds."""
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("wrote %d endpoints to %s" % (count, os.path.relpath(output, root)))
