#!/usr/bin/env python3
"""Print the code block of README.md that follows `<!-- snippet: NAME -->`,
so that the tests run the very snippets users copy.

  readme_snippet.py README.md NAME"""
import sys


def main():
    path, name = sys.argv[1], sys.argv[2]
    lines = open(path, encoding="utf-8").read().split("\n")
    marker = f"<!-- snippet: {name} -->"
    try:
        i = lines.index(marker)
    except ValueError:
        sys.exit(f"{path}: no '{marker}'")
    while i < len(lines) and not lines[i].startswith("```"):
        i += 1
    j = i + 1
    while j < len(lines) and not lines[j].startswith("```"):
        j += 1
    if j >= len(lines):
        sys.exit(f"{path}: the block after '{marker}' is not closed")
    sys.stdout.write("\n".join(lines[i + 1:j]) + "\n")


main()
