#!/usr/bin/env node
// Builds Touchpoint sites and checks EVERY generated page with
//   - the Nu HTML Checker (vnu-jar, needs Java): 0 errors allowed, and
//   - axe-core in headless Chromium (Debian's /usr/bin/chromium through playwright-core),
//     with axe's default rule set (wcag2a, wcag2aa, wcag21a/aa, wcag22aa, best-practice;
//     experimental and AAA rules stay off), in the light AND the dark colour scheme when the
//     site's CSS has a `prefers-color-scheme: dark` block: 0 violations allowed.
// Prints each error and violation with site, page, rule and target, then one line per site,
// and exits 1 when anything was found (2 when a tool is missing or a build failed).
//
//   npm ci --prefix tests/browser            # once: vnu-jar, axe-core, playwright-core
//   node tests/browser/validate.mjs [--bin PATH] [--keep DIR] [NAME=REPO@TODAY ...]
//
// Without sites it checks example-project (today 2027-01-17) and the fixtures site-basic,
// report and site-xss (today 2026-11-29), charts and rev-rules/four-eyes (review comments)
// (today 2027-01-17), lang/de (today 2027-03-30), and rev-since: a REPO written `history:DIR`
// is a git history made from DIR/v1 (tagged review-1) and DIR/v2 laid over it (with
// posts/gone.md removed), built with `--since review-1` so changes.html is checked too, and
// rev-page (the review page, today 2027-01-17), and importers (the networks' exports, today
// 2026-12-20), and previews (network-shaped previews, today 2026-12-01). --bin is the touchpoint binary (default
// $TOUCHPOINT, else target/debug/touchpoint); --keep DIR builds into DIR instead of a
// temporary folder that is removed at the end. $CHROMIUM overrides /usr/bin/chromium.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");
const require = createRequire(import.meta.url);

const DEFAULT_SITES = [
  "example-project=example-project@2027-01-17",
  "site-basic=tests/fixtures/site-basic@2026-11-29",
  "report=tests/fixtures/report@2026-11-29",
  "site-xss=tests/fixtures/site-xss@2026-11-29",
  "charts=tests/fixtures/charts@2027-01-17",
  "lang-de=tests/fixtures/lang/de@2027-03-30",
  "rev-rules=tests/fixtures/rev-rules/four-eyes@2027-01-17",
  "rev-since=history:tests/fixtures/rev-since@2027-01-17",
  "rev-page=tests/fixtures/rev-page@2027-01-17",
  "importers=tests/fixtures/importers@2026-12-20",
  "previews=tests/fixtures/previews@2026-12-01",
  "planning-series=tests/fixtures/planning-series@2027-03-15",
  "planning-crisis=tests/fixtures/planning-crisis@2027-01-17",
  "planning-budget=tests/fixtures/planning-budget@2027-03-10",
];
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function fail(message) {
  console.error(`validate: ${message}`);
  process.exit(2);
}

// ---- arguments ----
let bin = process.env.TOUCHPOINT || join(repoRoot, "target/debug/touchpoint");
let keep = null;
const specs = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--bin") bin = resolve(argv[++i]);
  else if (argv[i] === "--keep") keep = resolve(argv[++i]);
  else if (argv[i] === "-h" || argv[i] === "--help") {
    console.log("usage: validate.mjs [--bin PATH] [--keep DIR] [NAME=REPO@TODAY ...]");
    process.exit(0);
  } else specs.push(argv[i]);
}
const sites = (specs.length ? specs : DEFAULT_SITES).map((spec) => {
  const m = /^([^=]+)=(.+)@(\d{4}-\d{2}-\d{2})$/.exec(spec);
  if (!m) fail(`bad site '${spec}', expected NAME=REPO@YYYY-MM-DD`);
  const history = m[2].startsWith("history:");
  const repo = resolve(repoRoot, history ? m[2].slice("history:".length) : m[2]);
  return { name: m[1], repo, today: m[3], history };
});

// A git repository in `dir` with `from`/v1 committed and tagged review-1, then `from`/v2.
function makeHistory(from, dir) {
  const git = (...args) => {
    const r = spawnSync("git", ["-C", dir, "-c", "user.name=validate", "-c", "user.email=v@example.com",
      "-c", "commit.gpgsign=false", ...args], { encoding: "utf8" });
    if (r.status !== 0) fail(`git ${args.join(" ")} failed: ${r.stderr}`);
  };
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(from, "v1"), dir, { recursive: true });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "v1");
  git("tag", "review-1");
  cpSync(join(from, "v2"), dir, { recursive: true });
  rmSync(join(dir, "posts/gone.md"));
  git("add", "-A");
  git("commit", "-q", "-m", "v2");
  return dir;
}

// ---- tools ----
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
if (!existsSync(bin)) fail(`no touchpoint binary at ${bin} (cargo build, or --bin)`);
if (!existsSync(chromiumPath)) fail(`no Chromium at ${chromiumPath} (apt-get install chromium)`);
if (spawnSync("java", ["-version"]).status !== 0) fail("no java on PATH (apt-get install default-jre-headless)");
let vnuJar, axeSource, chromium;
try {
  vnuJar = join(dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar");
  axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  ({ chromium } = await import("playwright-core"));
} catch (e) {
  fail(`node packages missing (npm ci --prefix tests/browser): ${e.message}`);
}
if (!existsSync(vnuJar)) fail(`no ${vnuJar}`);

// ---- build ----
const work = keep ?? mkdtempSync(join(tmpdir(), "touchpoint-validate-"));
mkdirSync(work, { recursive: true });
process.on("exit", () => {
  if (!keep) rmSync(work, { recursive: true, force: true });
});
for (const site of sites) {
  site.out = join(work, site.name);
  rmSync(site.out, { recursive: true, force: true });
  const since = site.history ? ["--since", "review-1"] : [];
  if (site.history) site.repo = makeHistory(site.repo, join(work, `${site.name}-repo`));
  const build = spawnSync(bin, ["build", site.repo, "--out", site.out, "--today", site.today, ...since], {
    encoding: "utf8",
  });
  if (!existsSync(join(site.out, "index.html"))) {
    fail(`touchpoint build ${site.repo} failed:\n${build.stderr}`);
  }
  site.pages = htmlFiles(site.out).sort();
  site.vnu = 0;
  site.axe = 0;
  site.nodes = 0;
  const css = htmlFiles(join(site.out, "static"), ".css").map((f) => readFileSync(f, "utf8")).join("\n");
  site.schemes = /prefers-color-scheme\s*:\s*dark/.test(css) ? ["light", "dark"] : ["light"];
}

function htmlFiles(dir, ext = ".html") {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(path, ext);
    return e.name.endsWith(ext) ? [path] : [];
  });
}

function siteOf(file) {
  return sites.find((s) => file.startsWith(s.out + "/"));
}

// ---- vnu: one Java start for every page of every site, running while axe works ----
const vnuDone = new Promise((resolveVnu) => {
  const child = spawn(
    "java",
    ["-jar", vnuJar, "--errors-only", "--format", "json", "--skip-non-html", ...sites.map((s) => s.out)],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  child.on("close", (status) => resolveVnu({ status, out, err }));
});

// ---- axe-core: every page, each colour scheme ----
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  // One queue of (page, scheme) jobs, worked off by a few tabs at once.
  const jobs = sites.flatMap((site) =>
    site.schemes.flatMap((colorScheme) => site.pages.map((file) => ({ site, file, colorScheme }))),
  );
  const contexts = new Map();
  for (const colorScheme of new Set(jobs.map((j) => j.colorScheme))) {
    // bypassCSP: the pages forbid inline script; axe is injected by the test, not the site.
    const context = await browser.newContext({ colorScheme, bypassCSP: true, reducedMotion: "reduce" });
    await context.addInitScript({ content: axeSource });
    contexts.set(colorScheme, context);
  }
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    const tabs = new Map();
    while (next < jobs.length) {
      const i = next++;
      const { file, colorScheme } = jobs[i];
      if (!tabs.has(colorScheme)) tabs.set(colorScheme, await contexts.get(colorScheme).newPage());
      const page = tabs.get(colorScheme);
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      results[i] = await page.evaluate(async () => {
        const result = await globalThis.axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({
            target: n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(" "),
            summary: n.failureSummary,
          })),
        }));
      });
    }
  };
  const tabs = Math.max(1, Number(process.env.VALIDATE_TABS) || 2);
  await Promise.all(Array.from({ length: tabs }, worker));
  jobs.forEach(({ site, file, colorScheme }, i) => {
    for (const v of results[i]) {
      site.axe++;
      site.nodes += v.nodes.length;
      const page = `${site.name}/${relative(site.out, file)}`;
      console.log(`axe  ${page} (${colorScheme}): ${v.id} [${v.impact}] ${v.help}`);
      for (const n of v.nodes.slice(0, 8)) {
        const detail = (n.summary || "").split("\n").slice(1, 2).join(" ").trim();
        console.log(`       ${n.target}${detail ? `  -- ${detail}` : ""}`);
      }
      if (v.nodes.length > 8) console.log(`       ... and ${v.nodes.length - 8} more`);
    }
  });
} finally {
  await browser.close();
}

// ---- vnu results ----
const vnu = await vnuDone;
let messages;
try {
  messages = JSON.parse(vnu.err || vnu.out).messages;
} catch {
  fail(`vnu did not answer JSON (status ${vnu.status}):\n${vnu.err}${vnu.out}`);
}
for (const m of messages) {
  if (m.type !== "error" && m.subType !== "fatal") continue;
  const file = m.url ? fileURLToPath(m.url) : "?";
  const site = siteOf(file);
  if (site) site.vnu++;
  const where = site ? `${site.name}/${relative(site.out, file)}` : file;
  const extract = m.extract ? `  [${m.extract.replace(/\s+/g, " ").trim().slice(0, 120)}]` : "";
  console.log(`vnu  ${where}:${m.lastLine ?? "?"}: ${m.message}${extract}`);
}

// ---- summary ----
let total = 0;
for (const s of sites) {
  console.log(
    `${s.name}: ${s.pages.length} pages, vnu ${s.vnu} errors, axe ${s.axe} violations ` +
      `(${s.nodes} elements; ${s.schemes.join("+")})`,
  );
  total += s.vnu + s.axe;
}
console.log(total === 0 ? "validate: all pages pass vnu and axe-core" : `validate: ${total} problems`);
process.exit(total === 0 ? 0 : 1);
