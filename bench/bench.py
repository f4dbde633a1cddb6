#!/usr/bin/env python3
"""Benchmarks Touchpoint on generated repositories, against baselines measured in the same run.

    python3 bench/bench.py                      # everything the speed issue asks for
    python3 bench/bench.py --sizes 1000 --runs 2 --commands check,build,incremental --hugo

By default: repositories of 1,000, 10,000 and 100,000 posts (bench/gen_corpus.py: personas,
campaigns, metrics, media), each measured with
  check        `touchpoint check`, alternating with `cat` of every content file (the baseline);
  build        `touchpoint build` (site, report and exports), alternating with Hugo building the
               same posts as a minimal site (one page per post plus list pages), when Hugo is
               installed (autodetected; --hugo insists, --no-hugo skips it);
  incremental  `touchpoint serve` on a copy of the repository: the time from saving an edit of
               one post to the live-reload event for that post's page (bench/serve_latency.py);
               then title and time edits, timed until the pages listing the post have reloaded too.
Runs alternate A B A B ... after one warm-up run each, so disk and CPU noise hit both alike.
The report is a markdown table of medians (with min and max), peak memory (GNU time's maximum
resident set size; the server's VmHWM for incremental), the ratio to the baseline and the
target, then each of the issue's targets as met or NOT met, computed from the medians above.
Progress goes to standard error, the report to standard output.
"""
import argparse, hashlib, json, os, platform, re, shutil, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in bench/
import serve_latency  # noqa: E402

TODAY = "2026-01-01"
COMMANDS = ("check", "build", "incremental")
# The targets.
TARGET_SIZE, LARGE_SIZE = 10_000, 100_000
HUGO_RATIO, INCREMENTAL_MS, PEAK_MB, SCALE = 0.30, 45, 300, 10
LIST_EDIT_MS = 100  # an edit of a title or a time: save -> the pages listing the post reloaded
# At 100,000 posts: peak memory of the build (GNU time's maximum resident set, in MiB) and the
# largest HTML page it writes (MB), so a browser stays usable on every page.
LARGE_PEAK_MIB, LARGEST_PAGE_MB = 1024, 5


def progress(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(cmd, before=None):
    """Wall seconds and peak RSS (MB) of one run; fails loudly on a non-zero exit other than 1."""
    if before:
        before()
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return wall, int(rss.group(1)) / 1024 if rss else float("nan")


def alternate(a, b, runs, label, before=None):
    """Runs a and b alternately; returns ([a walls], [a rss], [b walls])."""
    aw, ar, bw = [], [], []
    for i in range(runs):
        w, r = timed(a, before)
        aw.append(w)
        ar.append(r)
        msg = f"  {label} run {i + 1}/{runs}: {w:.3f} s, {r:.0f} MB"
        if b:
            bw.append(timed(b, before)[0])
            msg += f"; baseline {bw[-1]:.3f} s"
        progress(msg)
    return aw, ar, bw


def fmt_time(s):
    if s != s:  # NaN
        return "-"
    return f"{s * 1000:.1f} ms" if s < 0.1 else f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s" if s < 10 else f"{s:.1f} s"


def generator_stamp(n, kind):
    """What a generated folder was made from: the generator's source and N."""
    with open(f"{HERE}/gen_corpus.py", "rb") as f:
        return f"{kind} {n} {hashlib.sha256(f.read()).hexdigest()}\n"


def up_to_date(folder, stamp_file, stamp):
    try:
        with open(stamp_file) as f:
            return os.path.isdir(folder) and f.read() == stamp
    except OSError:
        return False


def prepare_corpus(n, work, want_hugo, regenerate):
    """Generates the repository (and the Hugo site, only if wanted) unless an identical one is there."""
    repo, hugo_dir = f"{work}/tp-{n}", f"{work}/hugo-{n}"
    repo_stamp, hugo_stamp = generator_stamp(n, "repo"), generator_stamp(n, "hugo")
    need_repo = regenerate or not up_to_date(repo, f"{repo}.stamp", repo_stamp)
    need_hugo = want_hugo and (regenerate or not up_to_date(hugo_dir, f"{hugo_dir}.stamp", hugo_stamp))
    if need_repo or need_hugo:
        progress(f"{n:,} posts: generating {' and '.join(k for k, w in (('repository', need_repo), ('Hugo site', need_hugo)) if w)}")
        started = time.perf_counter()
        for stamp_file in (f"{repo}.stamp",) * need_repo + (f"{hugo_dir}.stamp",) * need_hugo:
            if os.path.exists(stamp_file):
                os.remove(stamp_file)
        cmd = [sys.executable, f"{HERE}/gen_corpus.py", str(n), repo if need_repo else "-"]
        subprocess.run(cmd + (["--hugo", hugo_dir] if need_hugo else []), check=True)
        if need_repo:
            with open(f"{repo}.stamp", "w") as f:
                f.write(repo_stamp)
        if need_hugo:
            with open(f"{hugo_dir}.stamp", "w") as f:
                f.write(hugo_stamp)
        progress(f"  generated in {time.perf_counter() - started:.1f} s")
    else:
        progress(f"{n:,} posts: reusing the generated corpus in {work} (same generator, same N)")
    return repo, hugo_dir


def check_hugo_pages(hugo_dir, out):
    """Builds the Hugo site once (the warm-up) and checks it rendered every post plus its lists."""
    p = subprocess.run(["hugo", "-s", hugo_dir, "-d", out], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"hugo failed on {hugo_dir}:\n{p.stdout[-2000:]}{p.stderr[-2000:]}")
    m = re.search(r"^\s*Pages\s*[|│]\s*(\d+)", p.stdout, re.M)  # Hugo 0.1xx draws the table with │
    with open(f"{hugo_dir}/bench.json") as f:
        expected = json.load(f)
    rendered = int(m.group(1)) if m else -1
    if rendered != expected["pages"]:
        sys.exit(f"Hugo rendered {rendered} pages of {hugo_dir}, expected {expected['pages']} "
                 f"({expected['posts']} posts + {expected['list_pages']} list pages): an unfair baseline")
    return rendered, expected


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 epilog="With no options: the full benchmark of the speed issue.")
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated post counts")
    ap.add_argument("--runs", type=int, default=5, help="runs (edits for incremental) per size up to 10,000")
    ap.add_argument("--runs-large", type=int, default=3, help="runs for sizes above 10,000 (a build takes ~30 s)")
    ap.add_argument("--commands", default=",".join(COMMANDS), help="comma-separated: check, build, incremental")
    ap.add_argument("--hugo", action=argparse.BooleanOptionalAction, default=None,
                    help="compare build with Hugo (default: when `hugo` is installed)")
    ap.add_argument("--work", default="/tmp/touchpoint-bench",
                    help="where corpora, copies and outputs go (100,000 posts: a few GB)")
    ap.add_argument("--out-dir",
                    help="where both tools write their sites (default: under --work); a tmpfs such as /dev/shm "
                         "takes the disk's noise out of the comparison")
    ap.add_argument("--regenerate", action="store_true", help="generate the corpora even if up to date")
    ap.add_argument("--fresh-out", action="store_true",
                    help="empty both output folders before every build run (default: build over the previous output)")
    ap.add_argument("--pause", type=float, default=0.3, help="incremental: seconds of quiet between edits")
    ap.add_argument("--binary", help="use this touchpoint binary instead of `cargo build --release`")
    a = ap.parse_args()

    sizes = [int(s.replace("_", "")) for s in a.sizes.split(",") if s]
    if a.runs < 1 or a.runs_large < 1:
        ap.error("--runs and --runs-large must be at least 1")
    commands = [c.strip() for c in a.commands.split(",") if c.strip()]
    for c in commands:
        if c not in COMMANDS:
            sys.exit(f"unknown command {c} (known: {', '.join(COMMANDS)})")
    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs GNU time at /usr/bin/time (apt-get install time) for peak memory")
    have_hugo = shutil.which("hugo") is not None
    if a.hugo and not have_hugo:
        sys.exit("--hugo: hugo is not installed (apt-get install hugo)")
    use_hugo = have_hugo if a.hugo is None else a.hugo
    if "build" in commands and not use_hugo:
        progress("note: build runs without the Hugo baseline" + ("" if have_hugo else " (hugo not installed: apt-get install hugo)")
                 + "; the ratio target cannot be computed")
    work = os.path.abspath(a.work)  # hugo -d resolves a relative path against -s
    os.makedirs(work, exist_ok=True)
    if a.binary:
        binary = os.path.abspath(a.binary)
    else:
        progress("cargo build --release")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        binary = os.path.join(ROOT, "target", "release", "touchpoint")

    rows, notes = [], []
    for n in sizes:
        runs = a.runs if n <= TARGET_SIZE else a.runs_large
        repo, hugo_dir = prepare_corpus(n, work, use_hugo and "build" in commands, a.regenerate)
        for command in commands:
            row = {"n": n, "command": command, "runs": runs, "base": "-", "base_walls": []}
            if command == "check":
                cmd = [binary, "check", repo, "--today", TODAY]
                base = ["sh", "-c", f"find {repo} -name '*.md' -o -name '*.toml' -o -name '*.csv' | xargs cat > /dev/null"]
                row["base"] = "cat all files"
                progress(f"{n:,} posts: check")
                timed(cmd), timed(base)  # warm the page cache once
                row["walls"], row["rss"], row["base_walls"] = alternate(cmd, base, runs, "check")
            elif command == "build":
                out_dir = os.path.abspath(a.out_dir) if a.out_dir else work
                out, hugo_out = f"{out_dir}/out-{n}", f"{out_dir}/hugo-out-{n}"
                cmd = [binary, "build", repo, "--out", out, "--today", TODAY]
                base = ["hugo", "--quiet", "-s", hugo_dir, "-d", hugo_out] if use_hugo else None
                clear = (lambda: [shutil.rmtree(d, ignore_errors=True) for d in (out, hugo_out)]) if a.fresh_out else None
                progress(f"{n:,} posts: build")
                timed(cmd)  # warm-up (and the first build into an empty folder, unless one is there)
                if use_hugo:
                    rendered, expected = check_hugo_pages(hugo_dir, hugo_out)
                    row["base"] = "hugo"
                    notes.append(f"Hugo at {n:,} posts rendered {rendered:,} pages "
                                 f"({expected['posts']:,} posts + {expected['list_pages']} list pages).")
                row["walls"], row["rss"], row["base_walls"] = alternate(cmd, base, runs, "build", clear)
                row["largest_page"] = largest_page(out)
                notes.append(f"build at {n:,} posts: the largest page is {row['largest_page'][1]} "
                             f"({row['largest_page'][0] / 1e6:.2f} MB).")
            else:
                copy = f"{work}/serve-{n}"
                progress(f"{n:,} posts: incremental (copying the repository to {copy}, starting the server)")
                shutil.rmtree(copy, ignore_errors=True)
                subprocess.run(["cp", "-a", repo, copy], check=True)
                r = serve_latency.measure(binary, copy, runs, TODAY, a.pause)
                row["walls"] = [ms / 1000 for ms in r["ms"]]
                row["rss"] = [r["peak_mb"]]
                progress(f"  save -> reload ms: {', '.join(f'{x:.1f}' for x in r['ms'])}; peak {r['peak_mb']:.0f} MB")
                settled = statistics.median(r["settled_ms"])
                server = (f"; the server's own figure {statistics.median(r['server_ms']):.0f} ms, of which check "
                          f"{statistics.median(r['check_ms']):.0f} ms" if r["server_ms"] else "")
                notes.append(f"incremental at {n:,} posts: edits of {r['post']} (page {r['page']}); the post's page "
                             f"reloads after {statistics.median(r['ms']):.1f} ms (median{server}); with the pages that "
                             f"list it {settled:.0f} ms; the server's first full build took {r['startup_s']:.1f} s.")
                row["list_settled_ms"] = []
                for edit, what in (("title", "every list row of the post changes"),
                                   ("time", "17 days later: lists, weeks and months change")):
                    progress(f"{n:,} posts: incremental, {edit} edits ({what})")
                    t = serve_latency.measure(binary, copy, runs, TODAY, a.pause, edit=edit)
                    row["list_settled_ms"] += t["settled_ms"]
                    notes.append(f"incremental at {n:,} posts, {edit} edits: the post's page reloads after "
                                 f"{statistics.median(t['ms']):.1f} ms, the pages listing it after "
                                 f"{statistics.median(t['settled_ms']):.0f} ms (medians of {len(t['ms'])} edits: "
                                 f"{', '.join(f'{x:.0f}' for x in t['settled_ms'])}).")
            row["median"] = statistics.median(row["walls"])
            row["peak"] = max(row["rss"])
            row["base_median"] = statistics.median(row["base_walls"]) if row["base_walls"] else float("nan")
            rows.append(row)

    print_report(rows, notes, a, use_hugo)


def largest_page(out):
    """(bytes, path relative to `out`) of the largest HTML page a build wrote."""
    sizes = [(os.path.getsize(os.path.join(d, f)), os.path.relpath(os.path.join(d, f), out))
             for d, _, files in os.walk(out) for f in files if f.endswith(".html")]
    return max(sizes, default=(0, "-"))


def target_text(row):
    parts = []
    if row["n"] == TARGET_SIZE:
        if row["command"] == "build":
            parts.append(f"≤ {HUGO_RATIO:.2f}x Hugo")
        if row["command"] == "incremental":
            parts.append(f"< {INCREMENTAL_MS} ms; a title or time edit's lists < {LIST_EDIT_MS} ms")
        parts.append(f"peak < {PEAK_MB} MB")
    if row["n"] == LARGE_SIZE and row["command"] == "build":
        parts.append(f"≤ {SCALE}x the {TARGET_SIZE:,}-post build; peak < {LARGE_PEAK_MIB:,} MiB; "
                     f"no page over {LARGEST_PAGE_MB} MB")
    return "; ".join(parts) or "-"


def targets(rows):
    """(description, figures, met: True/False/None for not measured) for each of the issue's targets."""
    get = lambda n, c: next((r for r in rows if r["n"] == n and r["command"] == c), None)
    out = []
    b10, b100, inc = get(TARGET_SIZE, "build"), get(LARGE_SIZE, "build"), get(TARGET_SIZE, "incremental")
    what = f"full build of {TARGET_SIZE:,} posts at most {HUGO_RATIO:.2f}x Hugo's time"
    if b10 and b10["base_walls"]:
        ratio = b10["median"] / b10["base_median"]
        out.append((what, f"{fmt_time(b10['median'])} / Hugo {fmt_time(b10['base_median'])} = {ratio:.2f}x", ratio <= HUGO_RATIO))
    else:
        out.append((what, f"needs size {TARGET_SIZE} and build with Hugo", None))
    what = f"incremental rebuild after one edit at {TARGET_SIZE:,} posts under {INCREMENTAL_MS} ms"
    if inc:
        out.append((what, f"{inc['median'] * 1000:.1f} ms (median of {len(inc['walls'])} edits)", inc["median"] * 1000 < INCREMENTAL_MS))
    else:
        out.append((what, f"needs size {TARGET_SIZE} and incremental", None))
    what = f"an edit of a title or a time at {TARGET_SIZE:,} posts, save to list pages reloaded, under {LIST_EDIT_MS} ms"
    if inc and inc.get("list_settled_ms"):
        settled = statistics.median(inc["list_settled_ms"])
        out.append((what, f"{settled:.0f} ms (median of {len(inc['list_settled_ms'])} edits)", settled < LIST_EDIT_MS))
    else:
        out.append((what, f"needs size {TARGET_SIZE} and incremental", None))
    what = f"peak memory at {TARGET_SIZE:,} posts under {PEAK_MB} MB"
    at10 = [r for r in rows if r["n"] == TARGET_SIZE]
    if at10:
        worst = max(at10, key=lambda r: r["peak"])
        each = ", ".join(f"{r['command']}{' (serve)' if r['command'] == 'incremental' else ''} {r['peak']:,.0f} MB" for r in at10)
        out.append((what, f"{worst['peak']:,.0f} MB at most ({each})", worst["peak"] < PEAK_MB))
    else:
        out.append((what, f"needs size {TARGET_SIZE}", None))
    what = f"{LARGE_SIZE:,} posts within {SCALE}x the {TARGET_SIZE:,}-post time (build)"
    if b10 and b100:
        scale = b100["median"] / b10["median"]
        out.append((what, f"{fmt_time(b100['median'])} / {fmt_time(b10['median'])} = {scale:.1f}x", scale <= SCALE))
    else:
        out.append((what, f"needs sizes {TARGET_SIZE} and {LARGE_SIZE} with build", None))
    what = f"peak memory of the {LARGE_SIZE:,}-post build under {LARGE_PEAK_MIB:,} MiB"
    if b100:
        out.append((what, f"{b100['peak']:,.0f} MiB (the largest of {len(b100['rss'])} runs)", b100["peak"] < LARGE_PEAK_MIB))
    else:
        out.append((what, f"needs size {LARGE_SIZE} with build", None))
    what = f"no page of the {LARGE_SIZE:,}-post site over {LARGEST_PAGE_MB} MB"
    if b100:
        size, path = b100["largest_page"]
        out.append((what, f"the largest is {path}, {size / 1e6:.2f} MB", size <= LARGEST_PAGE_MB * 1e6))
    else:
        out.append((what, f"needs size {LARGE_SIZE} with build", None))
    return out


def print_report(rows, notes, a, use_hugo):
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "themes", "Cargo.toml", "Cargo.lock"],
                           cwd=ROOT, capture_output=True, text=True).stdout.strip()
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split(" BuildDate")[0] if use_hugo else "not used"
    try:
        with open("/proc/meminfo") as f:
            mem = f"{int(f.readline().split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        mem = "?"
    print(f"\nMachine: {os.cpu_count()} cores, {mem}, {platform.system()} {platform.release()}; "
          f"touchpoint {commit}{' with uncommitted changes' if dirty else ''}; {hugo}.")
    print(f"Command: python3 bench/bench.py {' '.join(sys.argv[1:])}".rstrip())
    print("\n| posts | command | runs | median | min – max | peak MB | baseline | baseline median | ratio | target |")
    print("|---:|---|---:|---:|---:|---:|---|---:|---:|---|")
    for r in rows:
        ratio = f"{r['median'] / r['base_median']:.2f}" if r["base_walls"] else "-"
        spread = f"{fmt_time(min(r['walls']))} – {fmt_time(max(r['walls']))}"
        print(f"| {r['n']:,} | {r['command']} | {len(r['walls'])} | {fmt_time(r['median'])} | {spread} | {r['peak']:,.0f} | "
              f"{r['base']} | {fmt_time(r['base_median'])} | {ratio} | {target_text(r)} |")
    print(f"\nMedians of {a.runs} runs per size up to {TARGET_SIZE:,} posts and {a.runs_large} above, after one warm-up run; "
          "check and build alternate with their baseline. build writes "
          + ("into an emptied output folder each run." if a.fresh_out else "over its previous output, as a repeated build does.")
          + " incremental: save of one post -> live-reload event naming its page, on `touchpoint serve`; "
          "its peak MB is the server's (first full build in memory included).")
    for note in notes:
        print(f"- {note}")
    print("\nTargets (from the medians above):")
    results = targets(rows)
    for what, figures, met in results:
        verdict = "met" if met else "NOT met" if met is False else "not measured"
        print(f"- {what}: **{verdict}**: {figures}")
    measured = [m for _, _, m in results if m is not None]
    print(f"\n{sum(measured)} of {len(results)} targets met" + (f" ({len(results) - len(measured)} not measured)." if len(measured) < len(results) else "."))


if __name__ == "__main__":
    main()
