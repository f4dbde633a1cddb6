#!/usr/bin/env python3
"""Measures the dev server's latency: from saving a post to the `reload` event for its page.

    python3 bench/serve_latency.py target/release/touchpoint COPY_OF_REPO [RUNS]

Edits (and restores) the middle post of COPY_OF_REPO RUNS times; PAUSE (seconds, default
0.5) waits between edits so the second step (the lists) finishes first. Use a copy: the
file is rewritten. Prints the server's own lines and the measured times in ms.
"""
import os, re, socket, subprocess, sys, threading, time, queue, glob, shutil

binary, repo, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5
proc = subprocess.Popen([binary, "serve", repo, "--port", "0", "--today", "2026-12-01"],
                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
lines = queue.Queue()
threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True).start()
try:
    t0 = time.time()
    while True:
        l = lines.get(timeout=600)
        print("server:", l.strip())
        m = re.search(r"http://([\d.]+):(\d+)/", l)
        if m: break
    host, port = m.group(1), int(m.group(2))
    s = socket.create_connection((host, port))
    s.sendall(b"GET /__touchpoint/events HTTP/1.1\r\nHost: x\r\n\r\n")
    events = queue.Queue()
    def reader():
        buf = b""
        while True:
            d = s.recv(65536)
            if not d: return
            buf += d
            while b"\n\n" in buf:
                ev, buf = buf.split(b"\n\n", 1)
                events.put((time.perf_counter(), ev.decode()))
    threading.Thread(target=reader, daemon=True).start()
    time.sleep(0.5)
    while not events.empty(): events.get()
    posts = sorted(glob.glob(os.path.join(repo, "posts", "**", "*.md"), recursive=True))
    target = posts[len(posts) // 2]
    page = os.path.relpath(target, os.path.join(repo, "posts"))[:-3] + ".html"
    pause = float(os.environ.get("PAUSE", "0.5"))
    text = open(target).read()
    results = []
    for i in range(runs):
        new = text.replace("\n+++\n", f"\n+++\nEdit {i}.\n", 1) if i % 2 == 0 else text
        start = time.perf_counter()
        with open(target, "w") as f: f.write(new)
        while True:
            t, ev = events.get(timeout=60)
            if "event: reload" in ev and page in ev: break
        results.append((t - start) * 1000)
        time.sleep(pause)
        while not lines.empty(): print("server:", lines.get().strip())
        while not events.empty(): events.get()
    with open(target, "w") as f: f.write(text)
    time.sleep(0.5)
    results.sort()
    print(f"edit {os.path.relpath(target, repo)}: save->reload event ms: " + ", ".join(f"{r:.0f}" for r in results) + f"; median {results[len(results)//2]:.0f}")
finally:
    proc.kill()
