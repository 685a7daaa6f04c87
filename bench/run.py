#!/usr/bin/env python3
"""gwlint's benchmark (SPEC §11): every figure beside the floor's, measured
in the same run on the same files, as a ratio.

    bench/run.py [--build DIR] [--runs N]

The floor is bench/floor.c: it only reads and parses the files (libyaml,
cJSON) and checks nothing. Throughput is one process over 1,000 and 10,000
generated settings files; latency the median of many one-file invocations;
memory the peak RSS (getrusage of the child); the 5,000-key files are the
scale case; LSP is didChange -> publishDiagnostics on a 1,000-line document.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
ap = argparse.ArgumentParser()
ap.add_argument("--build", default=os.path.join(root, "build"))
ap.add_argument("--runs", type=int, default=5)
args = ap.parse_args()

gwlint = os.path.join(args.build, "gwlint")
floor = os.path.join(args.build, "gwfloor")
subprocess.run(["cmake", "--build", args.build, "--target", "gwlint",
                "gwfloor"], check=True, stdout=subprocess.DEVNULL)
tmp = tempfile.mkdtemp(prefix="gwbench-")
rss_file = os.path.join(tmp, "rss")


def gen(n):
    d = os.path.join(tmp, f"c{n}")
    subprocess.run([sys.executable, os.path.join(here, "gen.py"), d, str(n)],
                   check=True)
    return d


def run(cmd):
    """Wall seconds and peak RSS (KiB) of one child. The RSS comes from
    GNU time: a child's own rusage would count the Python process it was
    forked from."""
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    el = time.perf_counter() - t
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    return el, rss


def paired(floor_cmd, cmd, runs):
    """Medians of the floor and of gwlint, run in turns: this machine's
    speed drifts over seconds, and a drift then weighs on both alike."""
    ft, fr, gt, gr = [], [], [], []
    for _ in range(runs):
        t, m = run(floor_cmd)
        ft.append(t)
        fr.append(m)
        t, m = run(cmd)
        gt.append(t)
        gr.append(m)
    return (statistics.median(ft), max(fr), statistics.median(gt), max(gr))


def size_of(d):
    total = 0
    for dp, _, fns in os.walk(d):
        for fn in fns:
            total += os.path.getsize(os.path.join(dp, fn))
    return total


GW = [gwlint, "-q", "--no-source", "--now", "2026-11-27T12:00Z"]
rows = []
print(f"gwlint benchmark, {os.cpu_count()} cores, medians of {args.runs} runs")
print()
print("throughput (one process)      files/s      MB/s   peak RSS   x floor")
for n in (1000, 10000):
    d = gen(n)
    settings = os.path.join(d, "settings")
    mb = size_of(settings) / 1e6
    ft, fr, gt, gr = paired([floor, settings], GW + [settings], args.runs)
    print(f"  floor   {n:6d} files   {n / ft:10.0f} {mb / ft:9.1f} {fr / 1024:7.1f} MB")
    print(f"  gwlint  {n:6d} files   {n / gt:10.0f} {mb / gt:9.1f} {gr / 1024:7.1f} MB"
          f"   {gt / ft:6.2f}")
    rows.append((f"throughput-{n}", gt / ft))
    rows.append((f"rss-{n}-MB", gr / 1024))

one = sorted(os.listdir(os.path.join(d, "settings")))[1]
one = os.path.join(d, "settings", one)
many = max(30, args.runs * 10)
ft, _, gt, gr = paired([floor, one], GW + [one], many)
print()
print(f"latency, one file (median of {many})")
print(f"  floor  {ft * 1000:7.2f} ms")
print(f"  gwlint {gt * 1000:7.2f} ms   (+{(gt - ft) * 1000:.2f} ms; target +1 ms)"
      f"   peak RSS {gr / 1024:.1f} MB")
rows.append(("latency-extra-ms", (gt - ft) * 1000))
rows.append(("rss-1-MB", gr / 1024))

print()
print("scale, 5,000-key files          floor     gwlint   x floor")
for fn in ("big.json", "big-flat.yaml", "big-nested.yaml"):
    p = os.path.join(d, "big", fn)
    ft, _, gt, _ = paired([floor, p], GW + [p], args.runs)
    print(f"  {fn:22s} {ft * 1000:8.2f} ms {gt * 1000:8.2f} ms   {gt / ft:6.2f}")
    rows.append((f"scale-{fn}", gt / ft))


def lsp_latency():
    """didChange -> publishDiagnostics on a 1,000-line settings file."""
    lines = ["gateway:", "  configuration:",
             "    uri: contoso.configuration.azure-api.net",
             "service:", "  type: LoadBalancer", "  annotations:"]
    lines += [f"    example.com/k{i:04d}: 'v{i}'" for i in range(994)]
    text = "\n".join(lines) + "\n"
    p = subprocess.Popen([gwlint, "lsp"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def send(obj):
        body = json.dumps(obj).encode()
        p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        p.stdin.flush()

    def recv():
        n = 0
        while True:
            line = p.stdout.readline()
            if not line:
                raise EOFError
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                n = int(line.split(b":")[1])
        return json.loads(p.stdout.read(n))

    def until_diagnostics():
        while True:
            m = recv()
            if m.get("method") == "textDocument/publishDiagnostics":
                return m

    uri = "file:///tmp/bench/values.yaml"
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    while recv().get("id") != 1:
        pass
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "yaml",
                                      "version": 1, "text": text}}})
    until_diagnostics()
    times = []
    for v in range(2, 2 + max(20, args.runs * 4)):
        edit = text.replace("LoadBalancer", "Loadbalancer" if v % 2 else
                            "LoadBalancer")
        t = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": v},
                         "contentChanges": [{"text": edit}]}})
        until_diagnostics()
        times.append(time.perf_counter() - t)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    p.wait(timeout=5)
    return statistics.median(times)


print()
try:
    t = lsp_latency()
    print(f"LSP didChange -> publishDiagnostics, 1,000 lines: {t * 1000:.2f} ms"
          " (target 10 ms)")
    rows.append(("lsp-ms", t * 1000))
except (EOFError, OSError, subprocess.TimeoutExpired, ValueError) as e:
    print(f"LSP: not measured ({e.__class__.__name__}: gwlint lsp unavailable)")

print()
print("summary: " + ", ".join(f"{k}={v:.2f}" for k, v in rows))
subprocess.run(["rm", "-rf", tmp])
