#!/usr/bin/env python3
"""Measures the dev server's latency: from saving a post to the `reload` event for its page.

    python3 bench/serve_latency.py target/release/touchpoint COPY_OF_REPO [EDITS] [--pause S] [--today DATE]
                                   [--edit body|title|time]

Starts `touchpoint serve COPY_OF_REPO --port 0`, waits for the first full build (the server
prints its URL only once the whole site is rendered), subscribes to the live-reload events,
then edits the middle post EDITS times (default 5), alternately changing it and restoring the
original: `--edit body` (the default) adds a line of body text, `--edit title` appends a word to
the title, which changes the post's row on every list that holds it, `--edit time` moves the
post 17 days later (into another week, and mostly another month: the calendar pages too). Each figure is the wall time from the write to the `event: reload`
that names the post's page. The server renders that page first and the pages listing the post
(home, lists, calendar, ...) in a second step; before the next edit the script waits for that
second step and then for PAUSE seconds (default 0.3) of quiet, so no edit waits behind the
previous one's lists. The file is restored at the end, but use a copy: it is rewritten.

bench/bench.py imports `measure` from here for its `incremental` row.
"""
import argparse, collections, glob, json, os, queue, re, socket, statistics, subprocess, sys, threading, time

EVENTS_PATH = "/__touchpoint/events"


def middle_post(repo):
    """The post file edited (the middle one in path order) and its page in the site."""
    posts = sorted(glob.glob(os.path.join(repo, "posts", "**", "*.md"), recursive=True))
    if not posts:
        raise SystemExit(f"no posts under {repo}/posts")
    target = posts[len(posts) // 2]
    page = "posts/" + os.path.relpath(target, os.path.join(repo, "posts"))[:-3].replace(os.sep, "/") + ".html"
    return target, page


def peak_rss_mb(pid):
    """The process's peak resident set size so far (VmHWM), in MB; NaN when unreadable."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _events(sock, into):
    """Reads the SSE stream: puts (arrival time, event name, data) for every event."""
    buf, head_done = b"", False
    while True:
        try:
            data = sock.recv(65536)
        except OSError:
            return
        if not data:
            return
        now = time.perf_counter()
        buf += data
        if not head_done:
            if b"\r\n\r\n" not in buf:
                continue
            buf = buf.split(b"\r\n\r\n", 1)[1]
            head_done = True
        while b"\n\n" in buf:
            block, buf = buf.split(b"\n\n", 1)
            name, lines = "message", []
            for line in block.decode("utf-8", "replace").split("\n"):
                if line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    lines.append(line[5:].lstrip())
            if lines or name != "message":
                into.put((now, name, "\n".join(lines)))


def _reload_names(data, page):
    """Whether a reload event's data names `page` (pages null: every page changed)."""
    try:
        pages = json.loads(data).get("pages")
    except (ValueError, AttributeError):
        return page in data
    return pages is None or page in pages


def edited(original, i, edit):
    """The text written for edit `i` (every other edit restores the original)."""
    if i % 2 == 1:
        return original
    if edit == "time":
        m = re.search(r'^(publish_at\s*[:=]\s*"?)(\d{4}-\d{2}-\d{2})', original, flags=re.M)
        if not m:
            raise SystemExit("--edit time: the post has no `publish_at` line")
        import datetime
        later = datetime.date.fromisoformat(m.group(2)) + datetime.timedelta(days=17)
        return original[:m.start(2)] + later.isoformat() + original[m.end(2):]
    if edit == "title":
        changed = re.sub(r'^(title: ".*?)"', rf'\1 edit {i}"', original, count=1, flags=re.M)
        if changed == original:
            raise SystemExit("--edit title: the post has no `title: \"...\"` line")
        return changed
    return original.rstrip("\n") + f"\n\nBench edit {i}: one more line of body text.\n"


def measure(binary, repo, edits=5, today="2026-01-01", pause=0.3, log=None, timeout=1800, edit="body"):
    """Runs the server on `repo` and times `edits` edits of its middle post.

    Returns a dict: post (repo-relative), page, ms (save -> reload of the post's page, one per
    edit), settled_ms (save -> last reload of that edit, lists included), server_ms and
    check_ms (the server's own "rebuilt ... in X ms (check Y ms)" figures), startup_s (start
    -> URL printed, i.e. the first full build), peak_mb (the server's VmHWM at the end, the
    first full build included).
    `log`, if given, is called with every line the server prints.
    """
    target, page = middle_post(repo)
    proc = subprocess.Popen([binary, "serve", repo, "--port", "0", "--today", today],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err_tail = queue.Queue(), collections.deque(maxlen=40)
    threading.Thread(target=lambda: [out.put((time.perf_counter(), l.rstrip("\n"))) for l in proc.stdout],
                     daemon=True).start()
    threading.Thread(target=lambda: [err_tail.append(l.rstrip("\n")) for l in proc.stderr], daemon=True).start()
    seen = collections.deque(maxlen=40)

    def line(wait):
        """The next stdout line within `wait` seconds, or None."""
        try:
            t, l = out.get(timeout=wait)
        except queue.Empty:
            return None
        seen.append(l)
        if log:
            log(l)
        return t, l

    def fail(why):
        raise RuntimeError(f"serve {repo}: {why}\nstdout:\n" + "\n".join(seen) + "\nstderr:\n" + "\n".join(err_tail))

    original = None
    try:
        started = time.perf_counter()
        while True:
            got = line(1.0)
            if got is None:
                if proc.poll() is not None:
                    fail(f"exited ({proc.returncode}) before serving")
                if time.perf_counter() - started > timeout:
                    fail("no URL within the timeout")
                continue
            m = re.search(r"http://([\d.]+):(\d+)/", got[1])
            if m:
                startup = got[0] - started
                break
        sock = socket.create_connection((m.group(1), int(m.group(2))))
        sock.sendall(f"GET {EVENTS_PATH} HTTP/1.1\r\nHost: {m.group(1)}:{m.group(2)}\r\n\r\n".encode())
        events = queue.Queue()
        threading.Thread(target=_events, args=(sock, events), daemon=True).start()
        try:
            events.get(timeout=10)  # hello: subscribed to the build being served
        except queue.Empty:
            fail("no hello event on the event stream")
        with open(target, encoding="utf-8") as f:
            original = f.read()
        ms, settled, server_ms, check_ms = [], [], [], []
        for i in range(edits):
            text = edited(original, i, edit)
            start = time.perf_counter()
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)
            last, lists_done, deadline = None, False, start + 120
            while last is None:  # the reload naming the post's page
                try:
                    t, name, data = events.get(timeout=max(0.01, deadline - time.perf_counter()))
                except queue.Empty:
                    fail(f"edit {i}: no reload event for {page} within 120 s")
                if name == "problems":
                    fail(f"edit {i}: the build failed: {data[:500]}")
                if name == "reload" and _reload_names(data, page):
                    last = t
            ms.append((last - start) * 1000)
            # Settle: the pages listing the post come in a second step ("  then N pages that
            # list them"); wait for it (at most 120 s), then for `pause` seconds of quiet.
            quiet_since = time.perf_counter()
            while True:
                now = time.perf_counter()
                if lists_done and now - quiet_since >= pause:
                    break
                if not lists_done and now - start > 120:
                    if log:
                        log("(bench: no list step reported within 120 s; going on)")
                    break
                activity = False
                while True:
                    try:
                        t, name, data = events.get_nowait()
                    except queue.Empty:
                        break
                    activity = True
                    if name == "reload":
                        last = t
                got = line(0.02)
                while got is not None:
                    activity = True
                    r = re.match(r"rebuilt \d+ pages? in (\d+) ms \(check (\d+) ms\)", got[1])
                    if r:
                        server_ms.append(int(r.group(1)))
                        check_ms.append(int(r.group(2)))
                    if got[1].lstrip().startswith("then "):
                        lists_done = True
                    got = line(0)
                if activity:
                    quiet_since = time.perf_counter()
            settled.append((last - start) * 1000)
        with open(target, "w", encoding="utf-8") as f:
            f.write(original)
        original = None
        peak = peak_rss_mb(proc.pid)
        sock.close()
        return {"post": os.path.relpath(target, repo), "page": page, "ms": ms, "settled_ms": settled,
                "server_ms": server_ms, "check_ms": check_ms, "startup_s": startup, "peak_mb": peak}
    finally:
        if original is not None:
            with open(target, "w", encoding="utf-8") as f:
                f.write(original)
        proc.kill()
        proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("repo", help="a copy of the repository (a post is rewritten, then restored)")
    ap.add_argument("edits", type=int, nargs="?", default=5)
    ap.add_argument("--pause", type=float, default=float(os.environ.get("PAUSE", "0.3")),
                    help="seconds of quiet after the list step before the next edit")
    ap.add_argument("--today", default="2026-01-01")
    ap.add_argument("--quiet", action="store_true", help="do not echo the server's lines")
    ap.add_argument("--edit", choices=["body", "title", "time"], default="body",
                    help="what each edit changes: a line of body text, the title (every list row), "
                         "or the publish time (lists and calendar)")
    a = ap.parse_args()
    if a.edits < 1:
        ap.error("EDITS must be at least 1")
    r = measure(a.binary, a.repo, a.edits, a.today, a.pause,
                log=None if a.quiet else lambda l: print("server:", l), edit=a.edit)
    fmt = lambda xs: ", ".join(f"{x:.0f}" for x in xs)
    print(f"edit {r['post']} ({r['page']}), first full build {r['startup_s']:.2f} s")
    print(f"save -> reload of the post's page, ms: {fmt(r['ms'])}; median {statistics.median(r['ms']):.1f}")
    print(f"save -> last reload (lists too), ms: {fmt(r['settled_ms'])}; median {statistics.median(r['settled_ms']):.1f}")
    if r["server_ms"]:
        print(f"server's own rebuild times, ms: {fmt(r['server_ms'])} (of which check: {fmt(r['check_ms'])})")
    print(f"server peak RSS (VmHWM): {r['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
