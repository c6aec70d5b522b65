#!/usr/bin/env python3
"""Validate a JSON document against a JSON Schema: with the jsonschema
module when it is installed, else with the small subset the disposal
report schema uses (type, enum, const, required, properties,
additionalProperties (false or a schema), items, minItems, maxItems, minimum, maximum,
pattern, $ref to #/$defs/...). Usage: check_schema.py SCHEMA DOCUMENT"""
import json
import os
import re
import sys

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def is_type(v, t):
    if t == "integer":
        return isinstance(v, int) and not isinstance(v, bool)
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    return isinstance(v, TYPES[t])


def check(v, s, root, where, errs):
    if "$ref" in s:
        node = root
        for part in s["$ref"].lstrip("#/").split("/"):
            node = node[part]
        return check(v, node, root, where, errs)
    if "type" in s:
        ts = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(is_type(v, t) for t in ts):
            errs.append(f"{where}: {v!r} is not {ts}")
            return
    if "enum" in s and v not in s["enum"]:
        errs.append(f"{where}: {v!r} not in {s['enum']}")
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if "minimum" in s and v < s["minimum"]:
            errs.append(f"{where}: {v} < {s['minimum']}")
        if "maximum" in s and v > s["maximum"]:
            errs.append(f"{where}: {v} > {s['maximum']}")
    if isinstance(v, str) and "pattern" in s and not re.search(s["pattern"], v):
        errs.append(f"{where}: {v!r} does not match {s['pattern']}")
    if isinstance(v, dict):
        for k in s.get("required", []):
            if k not in v:
                errs.append(f"{where}: missing {k}")
        props = s.get("properties", {})
        for k, x in v.items():
            if k in props:
                check(x, props[k], root, f"{where}.{k}", errs)
            elif s.get("additionalProperties") is False:
                errs.append(f"{where}: unexpected {k}")
            elif isinstance(s.get("additionalProperties"), dict):
                check(x, s["additionalProperties"], root, f"{where}.{k}", errs)
    if isinstance(v, list):
        if len(v) < s.get("minItems", 0) or len(v) > s.get("maxItems", len(v)):
            errs.append(f"{where}: {len(v)} items")
        for i, x in enumerate(v):
            if "items" in s:
                check(x, s["items"], root, f"{where}[{i}]", errs)


def main():
    schema = json.load(open(sys.argv[1]))
    doc = json.load(open(sys.argv[2]))
    try:
        if os.environ.get("CHECK_SCHEMA_BUILTIN") == "1":
            raise ImportError("built-in check asked for")
        import jsonschema
        jsonschema.validate(doc, schema)
        print("valid (jsonschema)")
        return 0
    except ImportError:
        pass
    except Exception as e:  # jsonschema.ValidationError
        print(f"invalid: {getattr(e, 'message', e)}")
        return 1
    errs = []
    check(doc, schema, schema, "$", errs)
    for e in errs[:20]:
        print("invalid:", e)
    if not errs:
        print("valid (built-in subset check)")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
