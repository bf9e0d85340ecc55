#!/usr/bin/env python3
"""Writes Sources/InfuseCore/API/EndpointCatalogue+V2.swift from the official Keap v2 OpenAPI spec.

Usage (from the package root):
    python3 scripts/generate-v2-catalogue.py [path/to/2025-11-05-v2.json [path/to/swagger.yml]]

The default specs are Specs/2025-11-05-v2.json and Specs/swagger.yml (vendored; see Specs/SOURCES.md).
Python 3 and PyYAML (`pip install pyyaml`, for swagger.yml).

Every GET of the 2025-11-05 spec becomes an entry, and so does every GET that only the newer
swagger.yml has (Keap's resources added since: notes across contacts, user groups, payment
methods, referrals, opportunity stage moves, sales transactions, custom field groups and tabs, …);
swagger.yml writes its paths under `/rest/v2/`, which the API base already ends before, so they
are read as `/v2/`. Where both specs have a path, the dated 2025-11-05 operation is used. Ids are the v1 scheme with a `v2.` prefix, so they never
collide with the v1 ids saved data sources hold: `/v2/contacts` -> `v2.contacts`,
`/v2/contacts/{contact_id}` -> `v2.contacts.byId`, and a custom method after a colon is a literal
(`/v2/affiliates/{affiliate_id}:commissions` -> `v2.affiliates.commissions`). A list that takes
`page_size` and `page_token` is cursor paged; its largest page is the spec's `page_size` maximum.
"""
import os
import sys

from catalogue_common import check_unique_ids, get_operations, load_spec, swift_entry, write_catalogue

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SPEC = os.path.join(ROOT, "Specs", "2025-11-05-v2.json")
DEFAULT_NEWER_SPEC = os.path.join(ROOT, "Specs", "swagger.yml")
OUTPUT = os.path.join(ROOT, "Sources", "InfuseCore", "API", "EndpointCatalogue+V2.swift")
DEFAULT_PAGE_SIZE_MAX = 1000


def endpoint_id(path):
    """`/v2/contacts/{contact_id}/notes` -> `v2.contacts.notes`; a trailing parameter -> `.byId`."""
    segments = [s for s in path.split("/") if s][1:]  # drop "v2"
    parts = []
    for segment in segments:
        head, _, action = segment.partition(":")
        if not head.startswith("{"):
            parts.append(head)
        if action:
            parts.append(action)
    ident = "v2." + ".".join(parts)
    if segments and segments[-1].startswith("{") and ":" not in segments[-1]:
        ident += ".byId"
    return ident


def resolve(spec, value):
    while isinstance(value, dict) and "$ref" in value:
        node = spec
        for part in value["$ref"].lstrip("#/").split("/"):
            node = node[part]
        value = node
    return value


def parameters(spec, operation, path_item):
    params = list(path_item.get("parameters", [])) + list(operation.get("parameters", []))
    return [resolve(spec, p) for p in params]


def response_schema(spec, operation):
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    for media in content.values():
        return resolve(spec, media.get("schema"))
    return None


def list_key(spec, path, schema, paged):
    """The array property that holds the records, or None (single objects)."""
    if not schema or schema.get("type") != "object":
        return None
    props = {k: resolve(spec, v) for k, v in schema.get("properties", {}).items()}
    arrays = [k for k, v in props.items() if v.get("type") == "array"]
    if paged:
        if len(arrays) > 1:
            # `/v2/automations/ids` answers {automation_ids, locked_automation_ids}: the records
            # are the shortest array named for the path's last segment.
            last = path.rstrip("/").split("/")[-1].split(":")[-1]
            named = sorted((k for k in arrays if k == last or k.endswith("_" + last)), key=len)
            arrays = named[:1]
        if len(arrays) != 1:
            raise SystemExit("cursor-paged response without exactly one array: %s" % sorted(props))
        return arrays[0]
    # Unpaged lists: {automation_categories:[…], next_page_token} or {option_types:[…]}; a record
    # with array members (a contact's email_addresses) is not a list.
    others = [k for k in props if k not in arrays and k != "next_page_token"]
    if len(arrays) == 1 and not others and props[arrays[0]].get("items", {}).get("type") in ("object", None):
        items = resolve(spec, props[arrays[0]].get("items", {}))
        if items.get("type") == "object" or "properties" in items:
            return arrays[0]
    if len(arrays) == 1 and others and set(others) <= {"campaign_id"}:
        return arrays[0]
    return None


def page_size_max(params):
    for p in params:
        if p.get("name") == "page_size":
            return int(p.get("schema", {}).get("maximum", DEFAULT_PAGE_SIZE_MAX))
    return None


def load_newer_spec():
    """swagger.yml (argv[2] or the vendored copy), its `/rest/v2/` paths read as `/v2/`."""
    import yaml  # PyYAML: only this generator needs it, never the build or the tests

    path = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_NEWER_SPEC
    with open(path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    spec["paths"] = {(p[len("/rest"):] if p.startswith("/rest/") else p): item for p, item in spec["paths"].items()}
    return spec


def operations():
    """(spec, spec name, path, path item, GET) for every GET of either spec, sorted by path."""
    dated = load_spec(DEFAULT_SPEC)
    newer = load_newer_spec()
    found = {path: (dated, "2025-11-05-v2.json", item, op) for path, item, op in get_operations(dated)}
    for path, item, op in get_operations(newer):
        found.setdefault(path, (newer, "swagger.yml", item, op))
    for path in sorted(found):
        spec, name, item, op = found[path]
        yield spec, name, path, item, op


def main():
    entries = []
    for spec, spec_name, path, item, op in operations():
        params = parameters(spec, op, item)
        query = [p["name"] for p in params if p.get("in") == "query"]
        paged = "page_size" in query and "page_token" in query
        entries.append({
            "id": endpoint_id(path),
            "path": path,
            # In path order (the spec lists one pair the other way round).
            "pathParameters": sorted((p["name"] for p in params if p.get("in") == "path"),
                                     key=lambda name: path.index("{%s}" % name)),
            "listKey": list_key(spec, path, response_schema(spec, op), paged),
            "maxPageSize": page_size_max(params) if paged else None,
            "queryParameters": [q for q in query if q not in ("page_size", "page_token")],
            "summary": op.get("summary", ""),
            "resource": (op.get("tags") or [""])[0],
            "deprecated": bool(op.get("deprecated")),
            "spec": spec_name,
        })
    check_unique_ids(entries)
    lines = [
        "// Generated by scripts/generate-v2-catalogue.py from Specs/2025-11-05-v2.json and Specs/swagger.yml.",
        "// Do not edit by hand: run `python3 scripts/generate-v2-catalogue.py` from the package root.",
        "",
        "extension EndpointCatalogue {",
        "    /// Every GET endpoint of the Keap REST v2 API (spec 2025-11-05, and the newer swagger.yml for",
        "    /// the paths only it has), sorted by path.",
        "    public static let v2: [CatalogueEndpoint] = [",
    ]
    for e in entries:
        paging = ".none" if e["maxPageSize"] is None else ".cursor(maxPageSize: %d)" % e["maxPageSize"]
        if e["spec"] != "2025-11-05-v2.json":
            lines.append("        // From %s (not in 2025-11-05-v2.json)." % e["spec"])
        lines += swift_entry(e, "paging: " + paging)
    lines += ["    ]", "}", ""]
    write_catalogue(OUTPUT, ROOT, lines, len(entries))

if __name__ == "__main__":
    main()
