#!/usr/bin/env node
// The review page's send-back script in headless Chromium, from file:// with the page's own
// CSP: builds tests/fixtures/rev-page, ticks decisions, writes a note and a name, composes
// the summary and checks its text, the mailto: link, that ticking one box clears the other,
// that no request leaves the page, and that print hides the navigation and the send-back
// controls but shows the boxes. Prints each failed check and exits 1 (2: a tool is missing).
//
//   node tests/browser/review.mjs [--bin PATH]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");
const argv = process.argv.slice(2);
const bin = argv[0] === "--bin" ? resolve(argv[1]) : process.env.TOUCHPOINT || join(repoRoot, "target/debug/touchpoint");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
if (!existsSync(bin) || !existsSync(chromiumPath)) {
  console.error(`review: need ${bin} and ${chromiumPath}`);
  process.exit(2);
}
const { chromium } = await import("playwright-core");

const out = mkdtempSync(join(tmpdir(), "touchpoint-review-"));
const failures = [];
function check(ok, what, detail) {
  if (!ok) failures.push(detail === undefined ? what : `${what}: ${JSON.stringify(detail)}`);
}
try {
  const built = spawnSync(bin, ["build", join(repoRoot, "tests/fixtures/rev-page"), "--out", join(out, "site"), "--today", "2027-01-17"]);
  if (built.status !== 0) {
    console.error(`review: build failed: ${built.stderr}`);
    process.exit(2);
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (r) => { if (!r.url().startsWith("file://")) requests.push(r.url()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(pathToFileURL(join(out, "site/review.html")).href, { waitUntil: "load" });

  check(await page.isVisible("[data-review-compose]"), "the compose button shows once the script runs");
  check(!(await page.isVisible("[data-review-result]")), "the summary stays hidden until composed");
  await page.fill("[data-review-name]", "Alex Client");
  await page.check('input[name="r1"][value="changes"]');
  await page.check('input[name="r1"][value="approve"]');
  check(!(await page.isChecked('input[name="r1"][value="changes"]')), "ticking approve clears needs changes");
  await page.check('input[name="r2"][value="changes"]');
  await page.fill("#r2-note", "Name the soup place.\nAnd the distance.");
  await page.click("[data-review-compose]");
  const summary = await page.inputValue("[data-review-summary]");
  const expected = [
    "Client review: Spoke & Chain · As of Sun, Jan 17, 2027",
    "Reviewed by: Alex Client",
    "Approved: 1 · Needs changes: 1 · Open: 1",
    "",
    "Week 4/2027 · Jan 25, 2027 – Jan 31, 2027",
    "[x] Approved: Chain care in the slush (Tue, Jan 26, 2027, 09:00 EST; chain-care)",
    "[!] Needs changes: Sunday ride <late> (Sun, Jan 31, 2027, 21:00 EST; sunday-ride)",
    "    Note: Name the soup place.",
    "    And the distance.",
    "",
    "Week 5/2027 · Feb 1, 2027 – Feb 7, 2027",
    "[ ] Open: Spring service opens (Wed, Feb 3, 2027, 10:00 EST; spring-service)",
    "",
  ].join("\n");
  check(summary === expected, "the summary", summary);
  const href = await page.getAttribute("[data-review-mail]", "href");
  const body = href.startsWith("mailto:?subject=") ? decodeURIComponent(href.split("&body=")[1] || "") : "";
  check(href.startsWith("mailto:?subject=Review%3A%20Spoke%20%26%20Chain&body="), "the mail link", href);
  check(body === expected.replace(/\n/g, "\r\n"), "the mail body is the summary", body);

  await page.emulateMedia({ media: "print" });
  check(!(await page.isVisible(".site-nav")), "print hides the navigation");
  check(!(await page.isVisible("[data-review-send]")), "print hides the send-back controls");
  check(await page.isVisible('input[name="r3"][value="approve"]'), "print shows the boxes to tick");
  check(await page.isVisible("#r3-note"), "print shows the note fields");
  await page.pdf({ path: join(out, "review.pdf"), format: "A4" });

  check(requests.length === 0, "nothing is fetched from the network", requests);
  check(errors.length === 0, "no script errors or CSP violations", errors);
  await browser.close();
} finally {
  rmSync(out, { recursive: true, force: true });
}
for (const f of failures) console.error(`review: FAILED ${f}`);
console.log(failures.length ? `review: ${failures.length} check(s) failed` : "review: all checks passed");
process.exit(failures.length ? 1 : 0);
