#!/usr/bin/env python3
"""Consistency of the rule catalogue (curl test1477 style).

Every rules/GW*.yaml validates against schemas/rule.schema.json, has its
docs/rules/<ID>.md page and testdata/rules/<ID>/ with at least one passing
and one failing input (each failing input with its expected output); every
data file validates against its schema; every CHECK() in src/check_list.h is
used by some rule; every rule id is in the SPEC catalogue when the SPEC is
at hand, or is the next free id of a family of it (SPEC §4); no banned C
function is called in src/.
"""
import json
import os
import re
import sys

import jsonschema
import yaml

root = sys.argv[1]
problems = []


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def schema(name):
    with open(os.path.join(root, "schemas", name), encoding="utf-8") as f:
        return json.load(f)


def validate(doc, sch, path):
    v = jsonschema.Draft202012Validator(sch)
    for e in sorted(v.iter_errors(doc), key=lambda e: list(e.path)):
        problems.append(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")


rule_schema = schema("rule.schema.json")
rules_dir = os.path.join(root, "rules")
names = {}
checks_used = set()
ids = []
for fn in sorted(os.listdir(rules_dir)):
    if not fn.endswith(".yaml"):
        continue
    path = os.path.join(rules_dir, fn)
    doc = load_yaml(path)
    validate(doc, rule_schema, f"rules/{fn}")
    rid = fn[:-5]
    ids.append(rid)
    if doc.get("id") != rid:
        problems.append(f"rules/{fn}: id {doc.get('id')!r} is not the file name")
    name = doc.get("name")
    if name in names:
        problems.append(f"rules/{fn}: name {name!r} also used by {names[name]}")
    names[name] = rid
    checks_used.add(doc.get("check"))
    if not os.path.isfile(os.path.join(root, "docs", "rules", rid + ".md")):
        problems.append(f"{rid}: no docs/rules/{rid}.md")
    else:
        with open(os.path.join(root, "docs", "rules", rid + ".md"), encoding="utf-8") as f:
            first = f.readline().strip()
        if first != f"# {rid} {name}":
            problems.append(f"docs/rules/{rid}.md: title {first!r} is not '# {rid} {name}'")
    tdir = os.path.join(root, "testdata", "rules", rid)
    files = os.listdir(tdir) if os.path.isdir(tdir) else []
    inputs = [f for f in files if not f.endswith((".txt", ".args"))]
    fails = [f for f in inputs if f.startswith("fail-")]
    passes = [f for f in inputs if f.startswith("pass-")]
    if not fails:
        problems.append(f"{rid}: no failing golden test testdata/rules/{rid}/fail-*")
    if not passes:
        problems.append(f"{rid}: no passing golden test testdata/rules/{rid}/pass-*")
    for f in fails:
        if os.path.splitext(f)[0] + ".txt" not in files:
            problems.append(f"{rid}: {f} has no expected output")

data_schemas = {
    "keys-arc.yaml": "keys.schema.json",
    "keys-helm.yaml": "keys.schema.json",
    "regions.yaml": "regions.schema.json",
    "tiers.yaml": "tiers.schema.json",
    "placeholders.yaml": "placeholders.schema.json",
}
for fn in sorted(os.listdir(os.path.join(rules_dir, "data"))):
    if not fn.endswith(".yaml"):
        continue
    if fn not in data_schemas:
        problems.append(f"rules/data/{fn}: no schema names it")
        continue
    validate(load_yaml(os.path.join(rules_dir, "data", fn)),
             schema(data_schemas[fn]), f"rules/data/{fn}")

with open(os.path.join(root, "src", "check_list.h"), encoding="utf-8") as f:
    declared = re.findall(r"^CHECK\((\w+)\)", f.read(), re.M)
for c in declared:
    if c.replace("_", "-") not in checks_used:
        problems.append(f"src/check_list.h: CHECK({c}) is used by no rule")

spec = os.path.join(root, "..", "shared", "SPEC.md")
if os.path.isfile(spec):
    with open(spec, encoding="utf-8") as f:
        text = f.read()
    # SPEC §4: new built-in rules take the next free id of their family,
    # so an id past the catalogue must follow its family's last one.
    catalogue = set(re.findall(r"^\| (GW\d{3}) \|", text, re.M))
    for rid in sorted(ids):
        if not rid.startswith("GW") or rid in catalogue:
            continue
        fam = [int(c[2:]) for c in catalogue | set(ids)
               if c[:3] == rid[:3] and int(c[2:]) < int(rid[2:])]
        if not any(c[:3] == rid[:3] for c in catalogue):
            problems.append(f"{rid}: not in the SPEC catalogue, nor in a family of it")
        elif max(fam, default=-1) != int(rid[2:]) - 1:
            problems.append(f"{rid}: not in the SPEC catalogue, nor the next free id of its family")

banned = re.compile(r"(?<![\w.>])(sprintf|strcpy|strcat|strtok|atoi|atol|gets)\(")
for dirpath, _, fns in os.walk(os.path.join(root, "src")):
    for fn in fns:
        if not fn.endswith((".c", ".h")):
            continue
        with open(os.path.join(dirpath, fn), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                code = line.split("//")[0]
                m = banned.search(code)
                if m and "snprintf" not in code[max(0, m.start() - 2):m.end()]:
                    problems.append(f"src/{fn}:{n}: banned function {m.group(1)}()")

for p in problems:
    print("FAIL:", p)
print(f"consistency: {len(ids)} rules, {len(problems)} problems")
sys.exit(1 if problems else 0)
