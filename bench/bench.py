#!/usr/bin/env python3
"""Benchmarks Touchpoint on generated repositories, against baselines measured in the same run.

    bench/bench.py [--sizes 1000,10000] [--runs 5] [--commands check,build] [--hugo]

For each size it generates a corpus (bench/gen_corpus.py), then runs each measured command and
its baseline alternately (A B A B ...) so disk and CPU noise hit both alike, and reports medians,
the ratio to the baseline, and peak memory (GNU time's maximum resident set size).
Baselines: `cat` of every content file (the cost of just reading the input) for `check`, and
Hugo building the same posts (when --hugo and `hugo` is installed) for `build`.
"""
import argparse, os, re, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BIN = os.path.join(ROOT, "target", "release", "touchpoint")


def timed(cmd, cwd=None):
    """Wall seconds and peak RSS (MB) of one run; fails loudly on a non-zero exit other than 1."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return wall, int(rss.group(1)) / 1024 if rss else float("nan")


def alternate(a, b, runs):
    """Runs a and b alternately; returns ([a walls], [a rss], [b walls])."""
    aw, ar, bw = [], [], []
    for _ in range(runs):
        w, r = timed(a)
        aw.append(w)
        ar.append(r)
        if b:
            bw.append(timed(b)[0])
    return aw, ar, bw


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--commands", default="check")
    ap.add_argument("--hugo", action="store_true", help="compare build with Hugo (apt-get install hugo)")
    ap.add_argument("--work", default="/tmp/touchpoint-bench")
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    rows = []
    for n in [int(s) for s in a.sizes.split(",")]:
        repo, hugo_dir = f"{a.work}/tp-{n}", f"{a.work}/hugo-{n}"
        gen = [sys.executable, f"{HERE}/gen_corpus.py", str(n), repo] + (["--hugo", hugo_dir] if a.hugo else [])
        subprocess.run(gen, check=True)
        read_all = ["sh", "-c", f"find {repo} -name '*.md' -o -name '*.toml' | xargs cat > /dev/null"]
        for command in a.commands.split(","):
            if command == "check":
                cmd, base, base_name = [BIN, "check", repo, "--today", "2026-01-01"], read_all, "cat all files"
            elif command == "build":
                cmd = [BIN, "build", repo, "--out", f"{a.work}/out-{n}", "--today", "2026-01-01"]
                if a.hugo:
                    base, base_name = ["hugo", "--quiet", "-s", hugo_dir, "-d", f"{a.work}/hugo-out-{n}"], "hugo"
                else:
                    base, base_name = None, "-"
            else:
                sys.exit(f"unknown command {command}")
            timed(cmd)  # warm the page cache once
            walls, rss, base_walls = alternate(cmd, base, a.runs)
            med, bmed = statistics.median(walls), statistics.median(base_walls) if base_walls else float("nan")
            rows.append((n, command, med, max(rss), base_name, bmed, med / bmed if base_walls else float("nan")))
    print(f"\n| posts | command | median s | peak MB | baseline | baseline median s | ratio |")
    print("|---:|---|---:|---:|---|---:|---:|")
    for n, c, m, r, bn, bm, ratio in rows:
        print(f"| {n:,} | {c} | {m:.3f} | {r:.0f} | {bn} | {bm:.3f} | {ratio:.2f} |")
    print(f"\n{a.runs} runs each, alternating with the baseline; medians.")


if __name__ == "__main__":
    main()
