#!/usr/bin/env python3
"""Check what Neovim received from `gwlint lsp` (tests/lsp_nvim.sh).

  check.py EXPECTED NVIM_OUT CLI_TEXT DIR

NVIM_OUT without the messages of diagnostic lines must equal EXPECTED; each
message must be the command line's message for the same file, line and
column (the editor's byte column converted to characters)."""
import re
import sys

DIAG = re.compile(r"^(\S+) (\d+):(\d+)-(\d+):(\d+) (\S+) (\d) (.*)$")
CLI = re.compile(r"^(\S+):(\d+):(\d+): \w+: (.*) \[(\S+) [\w-]+\]$")
FILES = {"open": "settings.yaml", "typed": "settings.yaml",
         "json": "settings.json"}


def main():
    expected_path, out_path, cli_path, root = sys.argv[1:5]
    expected = open(expected_path, encoding="utf-8").read().splitlines()
    out = open(out_path, encoding="utf-8").read().splitlines()
    cli = {}
    for line in open(cli_path, encoding="utf-8").read().splitlines():
        m = CLI.match(line)
        if m:
            cli[(m.group(1), int(m.group(2)), int(m.group(3)),
                 m.group(5))] = m.group(4)
    stripped, bad = [], []
    for line in out:
        m = DIAG.match(line)
        if not m:
            stripped.append(line)
            continue
        phase, lnum, col, code, msg = (m.group(1), int(m.group(2)),
                                       int(m.group(3)), m.group(6),
                                       m.group(8))
        stripped.append(line[:len(line) - len(msg) - 1])
        if phase not in FILES:
            continue
        path = FILES[phase]
        text = open(f"{root}/{path}", encoding="utf-8").read()
        src = text.splitlines()[lnum].encode("utf-8")
        chars = len(src[:col].decode("utf-8")) + 1
        want = cli.get((path, lnum + 1, chars, code))
        if want is None:
            bad.append(f"{phase}: {code} at {lnum + 1}:{chars} is not what "
                       f"the command line reports for {path}")
        elif want != msg:
            bad.append(f"{phase}: {code} message differs from the command "
                       f"line's:\n  lsp: {msg}\n  cli: {want}")
    if stripped != expected:
        import difflib
        bad.append("the editor's view differs from " + expected_path + ":\n" +
                   "\n".join(difflib.unified_diff(expected, stripped,
                                                  "expected", "nvim",
                                                  lineterm="")))
    for b in bad:
        print("FAIL:", b)
    if not bad:
        print(f"nvim: {len(out)} lines as expected")
    sys.exit(1 if bad else 0)


main()
