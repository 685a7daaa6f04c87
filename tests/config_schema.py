#!/usr/bin/env python3
"""schemas/config.schema.json describes .gwlint.yaml as gwlint reads it.

The schema is valid JSON Schema 2020-12; every configuration under
testdata/config that gwlint accepts validates against it; the invalid ones
that a schema can see (unknown keys, bad levels, reserved ids) do not.
YAML is read as gwlint reads it, by the YAML 1.2 core schema: `off` and
`2027-01-31` are strings, not a boolean and a date.
"""
import glob
import json
import os
import re
import sys

import jsonschema
import yaml

root = sys.argv[1]


class Core12Loader(yaml.SafeLoader):
    """PyYAML without the YAML 1.1 booleans (yes/no/on/off) and dates."""


Core12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Core12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))

with open(os.path.join(root, "schemas", "config.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
data = os.path.join(root, "testdata", "config")
problems = []


def errors(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.load(f, Loader=Core12Loader)
    return [e.message for e in validator.iter_errors(doc)]


good = sorted(glob.glob(os.path.join(data, "**", ".gwlint.yaml"), recursive=True))
good.append(os.path.join(data, "slow.yaml"))
for path in good:
    for e in errors(path):
        problems.append(f"{os.path.relpath(path, root)}: {e}")
# A schema cannot compile a pattern or know the rule names.
for name in ("custom-key", "gw-id", "level", "unknown-key"):
    path = os.path.join(data, "errors", name + ".yaml")
    if not errors(path):
        problems.append(f"{os.path.relpath(path, root)}: the schema accepts it")

for p in problems:
    print("FAIL:", p)
print(f"config schema: {len(good)} valid, 4 invalid configurations, "
      f"{len(problems)} problems")
sys.exit(1 if problems else 0)
