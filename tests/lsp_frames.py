#!/usr/bin/env python3
"""LSP transcripts for the golden tests of `gwlint lsp` (testdata/lsp/).

A NAME.in file holds the exact bytes sent to the server: frames of
"Content-Length: N\\r\\n\\r\\n" and a body, each body followed by a line break
for readability (the server skips blank lines between frames). NAME.out
holds the server's frames, one body per line, then "[exit N]".

  lsp_frames.py frame   < readable > NAME.in   author a transcript
  lsp_frames.py unframe < NAME.in  > readable  the readable form back
  lsp_frames.py feed ROOT    < NAME.in   the bytes to send, @ROOT@ -> file URI
  lsp_frames.py deframe ROOT < output    the server's output as NAME.out lines

In the readable form each line is one body to frame; a line starting with
RAW: is sent as it is after Python escape decoding (malformed frames), and
lines starting with # are comments. @ROOT@ stands for the file: URI of the
directory the transcript is in, so that documents can name real files.
"""
import re
import sys
import urllib.parse

HEADER = re.compile(rb"Content-Length: (\d+)\r\n\r\n")


def frame(src, out):
    for line in src.split(b"\n"):
        if not line or line.startswith(b"#"):
            continue
        if line.startswith(b"RAW:"):
            out.write(line[4:].decode("unicode_escape").encode("latin-1"))
        else:
            out.write(b"Content-Length: %d\r\n\r\n" % len(line) + line + b"\n")


def frames(data):
    """Split into ('frame', body, newline-follows) and ('raw', bytes, _)."""
    parts, p = [], 0
    while p < len(data):
        m = HEADER.match(data, p)
        if m:
            n = int(m.group(1))
            end = m.end() + n
            body = data[m.end():end]
            if end <= len(data) and b"\n" not in body:
                nl = data[end:end + 1] == b"\n"
                parts.append(("frame", body, nl))
                p = end + nl
                continue
        nl = data.find(b"\n", p)
        nl = len(data) if nl < 0 else nl + 1
        parts.append(("raw", data[p:nl], False))
        p = nl
    return parts


def unframe(data, out):
    for kind, b, nl in frames(data):
        if kind == "frame" and nl:
            out.write(b + b"\n")
        else:
            if kind == "frame":
                b = b"Content-Length: %d\r\n\r\n" % len(b) + b
            out.write(b"RAW:" + b.decode("latin-1").encode("unicode_escape") +
                      b"\n")


def root_uri(root):
    return ("file://" + urllib.parse.quote(root)).encode()


def feed(data, root, out):
    uri = root_uri(root)
    for kind, b, nl in frames(data):
        if kind == "frame":
            b = b.replace(b"@ROOT@", uri)
            out.write(b"Content-Length: %d\r\n\r\n" % len(b) + b +
                      (b"\n" if nl else b""))
        else:
            out.write(b)


def deframe(data, root, out):
    uri = root_uri(root)
    p = 0
    while p < len(data):
        m = HEADER.match(data, p)
        if not m or m.end() + int(m.group(1)) > len(data):
            rest = data[p:].decode("latin-1").encode("unicode_escape")
            out.write(b"BAD FRAMING: " + rest + b"\n")
            return
        body = data[m.end():m.end() + int(m.group(1))]
        out.write(body.replace(uri, b"@ROOT@") + b"\n")
        p = m.end() + int(m.group(1))


def main():
    cmd = sys.argv[1]
    data = sys.stdin.buffer.read()
    out = sys.stdout.buffer
    if cmd == "frame":
        frame(data, out)
    elif cmd == "unframe":
        unframe(data, out)
    elif cmd == "feed":
        feed(data, sys.argv[2], out)
    elif cmd == "deframe":
        deframe(data, sys.argv[2], out)
    else:
        sys.exit("usage: lsp_frames.py frame|unframe|feed ROOT|deframe ROOT")


if __name__ == "__main__":
    main()
