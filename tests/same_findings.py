#!/usr/bin/env python3
"""One misconfiguration, the same findings wherever it is written.

testdata/same/ holds one set of gateway settings with five mistakes
(GW104 legacy key, GW303 v1 endpoint, GW401 service type casing, GW106
placeholder, GW107 invalid values) written as an Arc settings file, an ARM
template, a Terraform plan, a Helm values file, an `az k8s-extension
create` command line (command.txt) and a `helm install` of the gateway's
chart (helm-command.txt), both passed with --command. Each must give
exactly the same rule ids and messages for those rules; only positions
differ. Other findings of a form (a template's own context, say) are not
compared.

usage: same_findings.py GWLINT TESTDATA
"""
import json
import os
import subprocess
import sys

RULES = {"GW104", "GW106", "GW107", "GW303", "GW401"}
FILES = ["same/settings.json", "same/template.json", "same/plan.json",
         "same/values.yaml"]
NOW = "--now=2026-11-27T12:00Z"


def findings(gwlint, args):
    p = subprocess.run([gwlint, NOW, "--format", "json"] + args,
                       capture_output=True, text=True)
    if p.returncode == 2:
        return None, p.stderr.strip()
    diags = json.loads(p.stdout)["diagnostics"]
    return sorted((d["rule"]["id"], d["message"]) for d in diags
                  if d["rule"]["id"] in RULES), None


def main():
    gwlint, data = os.path.abspath(sys.argv[1]), sys.argv[2]
    os.chdir(data)
    failed = 0
    base, err = findings(gwlint, [FILES[0]])
    if err or {r for r, _ in base} != RULES:
        print("FAIL: %s does not give each of %s: %s" %
              (FILES[0], sorted(RULES), err or base))
        return 1
    forms = [(f, [f]) for f in FILES[1:]]
    for name in ("same/command.txt", "same/helm-command.txt"):
        with open(name) as fp:
            forms.append((name + " (--command)",
                          ["--command", fp.read().strip()]))
    for name, args in forms:
        got, err = findings(gwlint, args)
        if got is None and "--command" in args and "unknown option" in err:
            print("SKIP: %s: %s" % (name, err))
            continue
        if got != base:
            failed += 1
            print("FAIL: %s differs from %s" % (name, FILES[0]))
            for line in sorted(set(base) - set(got or [])):
                print("  - %s %s" % line)
            for line in sorted(set(got or []) - set(base)):
                print("  + %s %s" % line)
            if err:
                print("  " + err)
    print("same findings: %d forms, %d differ" % (len(forms) + 1, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
