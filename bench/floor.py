#!/usr/bin/env python3
"""What a 10,000-post build costs without each of its parts, against Hugo in the same run.

The issue's 0.30x target for the full build was set against the floor of a build that only
reads, parses, renders and writes one page per post. This measures the other side: how fast
Touchpoint's build would be if a part of it cost nothing. `bench/floor.patch` adds a switch,
`TOUCHPOINT_FLOOR`, that leaves parts out (it is never part of the shipped binary):

  posts    no post pages at all: no context built, nothing rendered, no file written
  render   post pages written empty: their contexts are built, tera is not called
  rows     no post rows for the list pages (their tables come out empty)
  queue    no publish queue

The script copies HEAD into a git worktree under --work, applies the patch there, builds it
(`--target-dir` under --work, so the repository's own target/ is left alone), then runs
Hugo and each variant in turn, round after round, so the machine's drift hits all alike.
It prints the medians and each one's ratio to Hugo's.

    python3 bench/floor.py [--rounds 7] [--posts 10000] [--out-dir /dev/shm]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import bench  # noqa: E402  (the corpus, the Hugo check and the timing are bench.py's)

VARIANTS = [
    ("full build", ""),
    ("no publish queue", "queue"),
    ("no post rows", "rows"),
    ("post pages not rendered", "render"),
    ("no post pages", "posts"),
    ("no post pages, rows or queue", "posts,rows,queue"),
]


def patched_binary(work):
    """HEAD with bench/floor.patch applied, built in release mode; returns the binary's path."""
    tree = f"{work}/floor-tree"
    if os.path.exists(tree):
        subprocess.run(["git", "worktree", "remove", "--force", tree], cwd=ROOT, check=False)
        shutil.rmtree(tree, ignore_errors=True)
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", tree, "HEAD"], cwd=ROOT, check=True)
    try:
        if subprocess.run(["git", "apply", f"{HERE}/floor.patch"], cwd=tree).returncode != 0:
            sys.exit("bench/floor.patch no longer applies to HEAD: apply it by hand where git says, "
                     "then save `git diff > bench/floor.patch`")
        bench.progress("cargo build --release (HEAD with bench/floor.patch)")
        target = f"{work}/floor-target"
        subprocess.run(["cargo", "build", "--release", "--quiet", "--target-dir", target], cwd=tree, check=True)
        binary = f"{work}/touchpoint-floor"
        shutil.copy2(f"{target}/release/touchpoint", binary)
        return binary
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", tree], cwd=ROOT, check=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=bench.TARGET_SIZE, help="post count of the corpus")
    ap.add_argument("--rounds", type=int, default=7, help="rounds of Hugo and every variant")
    ap.add_argument("--work", default="/tmp/touchpoint-bench", help="corpora, the patched build, outputs")
    ap.add_argument("--out-dir", help="where the sites are written (default: under --work; /dev/shm takes the disk out)")
    ap.add_argument("--binary", help="an already patched binary (skips the worktree and the build)")
    a = ap.parse_args()
    if shutil.which("hugo") is None:
        sys.exit("needs Hugo, the baseline (apt-get install hugo)")
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    out_dir = os.path.abspath(a.out_dir) if a.out_dir else work
    repo, hugo_dir = bench.prepare_corpus(a.posts, work, True, False)
    binary = os.path.abspath(a.binary) if a.binary else patched_binary(work)

    hugo = ["hugo", "--quiet", "-s", hugo_dir, "-d", f"{out_dir}/floor-hugo"]
    bench.check_hugo_pages(hugo_dir, f"{out_dir}/floor-hugo")
    runs = [("Hugo", hugo, None)] + [
        (name, [binary, "build", repo, "--out", f"{out_dir}/floor-out", "--today", bench.TODAY], cut)
        for name, cut in VARIANTS
    ]
    walls = {name: [] for name, _, _ in runs}
    for i in range(a.rounds):
        for name, cmd, cut in runs:
            env_cut = {"TOUCHPOINT_FLOOR": cut} if cut is not None else {}
            os.environ.pop("TOUCHPOINT_FLOOR", None)
            os.environ.update(env_cut)
            walls[name].append(bench.timed(cmd)[0])
        os.environ.pop("TOUCHPOINT_FLOOR", None)
        bench.progress(f"round {i + 1}/{a.rounds}: " + ", ".join(f"{n} {w[-1]:.2f} s" for n, w in walls.items()))

    hugo_median = statistics.median(walls["Hugo"])
    print(f"| {a.posts:,} posts, medians of {a.rounds} rounds | wall | of Hugo's |")
    print("|---|---:|---:|")
    for name, w in walls.items():
        m = statistics.median(w)
        print(f"| {name} | {m:.3f} s | {m / hugo_median:.2f}x |")


if __name__ == "__main__":
    main()
