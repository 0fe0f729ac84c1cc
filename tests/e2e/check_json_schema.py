#!/usr/bin/env python3
"""Validates saved `strata ... --json` outputs against docs/schema.

Usage: check_json_schema.py SCHEMA_DIR OUTPUT_DIR
Each file in OUTPUT_DIR is named <schema>--<case>.json and is checked against
SCHEMA_DIR/<schema>.json (JSON Schema draft 2020-12). Prints every mismatch;
exits 1 when there is one, 2 when the files cannot be read.
"""
import json
import os
import sys

import jsonschema


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema_dir, output_dir = sys.argv[1], sys.argv[2]
    schemas = {}
    failures = 0
    checked = 0
    for name in sorted(os.listdir(output_dir)):
        if not name.endswith(".json") or "--" not in name:
            continue
        schema_name = name.split("--", 1)[0]
        if schema_name not in schemas:
            with open(os.path.join(schema_dir, schema_name + ".json"), encoding="utf-8") as f:
                schema = json.load(f)
            jsonschema.Draft202012Validator.check_schema(schema)
            schemas[schema_name] = jsonschema.Draft202012Validator(schema)
        with open(os.path.join(output_dir, name), encoding="utf-8") as f:
            try:
                document = json.load(f)
            except json.JSONDecodeError as e:
                print(f"{name}: not JSON: {e}")
                failures += 1
                continue
        errors = sorted(schemas[schema_name].iter_errors(document), key=lambda e: list(e.absolute_path))
        for e in errors:
            # A oneOf failure says little; show what each branch said.
            detail = e.message
            if e.context:
                detail = "; ".join(f"{'/'.join(map(str, c.absolute_path))}: {c.message}" for c in e.context[:6])
            print(f"{name}: {'/'.join(map(str, e.absolute_path)) or '(top)'}: {detail}")
        failures += 1 if errors else 0
        checked += 1
    print(f"{checked} documents checked, {failures} not matching their schema")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
