//! Strategy rules on fixture repositories, through the real binary.
//!
//! Each `tests/fixtures/strategy-<family>/` repository plants the problems listed in
//! its `EXPECTED.tsv`; the findings of that family's rules must be exactly those.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use touchpoint::diagnostic::Rule;
use touchpoint::validate::{
    cadence, campaigns, crisis, disclosure, lifecycle, mix, personas, voice, windows,
};

const TODAY: &str = "2026-12-01";

use common::{Finding, fixture};

/// Runs `touchpoint check --format json --today 2026-12-01 DIR` and returns its diagnostics.
fn check(dir: &Path) -> Vec<Value> {
    let dir = dir.to_str().expect("UTF-8 path");
    let output = common::touchpoint(&["check", "--format", "json", "--today", TODAY, dir]);
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit {code:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    report["diagnostics"].as_array().cloned().unwrap_or_default()
}

fn finding(d: &Value) -> Finding {
    (
        d["file"].as_str().unwrap_or_default().to_owned(),
        d["line"].as_u64().unwrap_or_default() as u32,
        d["rule"].as_str().unwrap_or_default().to_owned(),
    )
}

fn expected(dir: &Path) -> BTreeSet<Finding> {
    let text = std::fs::read_to_string(dir.join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "bad EXPECTED.tsv line: {l}");
            (
                cols[0].to_owned(),
                cols[1].parse().expect("line number"),
                cols[2].to_owned(),
            )
        })
        .collect()
}

/// The findings of `rules` in the fixture equal its EXPECTED.tsv; returns all diagnostics.
fn family(name: &str, rules: &[&Rule]) -> Vec<Value> {
    let dir = fixture(name);
    let diagnostics = check(&dir);
    let names: BTreeSet<&str> = rules.iter().map(|r| r.name).collect();
    let found: BTreeSet<Finding> = diagnostics
        .iter()
        .map(finding)
        .filter(|f| names.contains(f.2.as_str()))
        .collect();
    let want = expected(&dir);
    assert!(
        want.iter().all(|f| names.contains(f.2.as_str())),
        "{name}: EXPECTED.tsv names a rule outside this family"
    );
    assert_eq!(
        found, want,
        "{name}: findings (left) differ from EXPECTED.tsv (right)"
    );
    for rule in rules {
        assert!(
            want.iter().any(|f| f.2 == rule.name),
            "{name}: no planted problem for `{}`",
            rule.name
        );
    }
    diagnostics
}

fn one<'a>(diagnostics: &'a [Value], file: &str, rule: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["file"] == file && d["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {file}"))
}

#[test]
fn cadence_rules_fire_on_their_fixture() {
    let d = family("strategy-cadence", cadence::RULES);
    let few = one(&d, "strategy.toml", "cadence-too-few");
    assert_eq!(
        few["message"],
        "1 post on Instagram in ISO week 2026-W51, target 2–3"
    );
    let silent = d
        .iter()
        .find(|d| d["rule"] == "cadence-too-few" && d["line"] == 11)
        .expect("LinkedIn finding");
    assert_eq!(
        silent["message"],
        "no posts on LinkedIn in the plan (2026-12-01 to 2027-01-03, 4 full weeks), at least 1 per week"
    );
    let gap = one(&d, "posts/05-w51-gap.md", "cadence-gap");
    assert!(
        gap["message"]
            .as_str()
            .unwrap()
            .starts_with("9 days without a post on Instagram")
    );
    let spacing = one(&d, "posts/07-w52-mon-late.md", "min-spacing");
    assert!(spacing["message"].as_str().unwrap().starts_with("6 h after"));
}

#[test]
fn window_rules_fire_on_their_fixture() {
    let d = family("strategy-windows", windows::RULES);
    let saturday = one(&d, "posts/saturday-afternoon.md", "outside-window");
    assert!(
        saturday["help"]
            .as_str()
            .unwrap()
            .contains("Sat, Sun 10:00–13:00"),
        "{saturday}"
    );
    let utc = one(&d, "posts/utc-outside.md", "outside-window");
    assert!(
        utc["message"].as_str().unwrap().contains("Fri 2026-12-11 10:00"),
        "{utc}"
    );
    assert!(
        utc["help"].as_str().unwrap().contains("Mon–Fri 07:00–09:30"),
        "{utc}"
    );
}

#[test]
fn campaign_rules_fire_on_their_fixture() {
    let d = family("strategy-campaigns", campaigns::RULES);
    let x = one(&d, "posts/x-variant-drops-it.md", "campaign-hashtag-missing");
    assert!(x["message"].as_str().unwrap().ends_with("missing on X"), "{x}");
}

#[test]
fn mix_rules_fire_on_their_fixture() {
    let d = family("strategy-mix", mix::RULES);
    let messages: Vec<&str> = d
        .iter()
        .filter(|d| d["rule"] == "pillar-mix")
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(
        messages.contains(&"pillar `c` is 11 % of the plan (2 of 18 posts), below its target 30 % ± 10 %"),
        "{messages:#?}"
    );
    assert!(
        messages
            .contains(&"pillar `b` is 60 % of December 2026 (6 of 10 posts), above its target 30 % ± 10 %"),
        "{messages:#?}"
    );
}

#[test]
fn persona_rules_fire_on_their_fixture() {
    family("strategy-personas", personas::RULES);
}

#[test]
fn voice_rules_point_at_the_word() {
    let d = family("strategy-voice", voice::RULES);
    let column = |file: &str, rule: &str| {
        let d = one(&d, file, rule);
        (d["column"].as_u64().unwrap(), d["end_column"].as_u64().unwrap())
    };
    // "Aber dieses Bike ist BILLIG!"
    assert_eq!(column("posts/body-matches.md", "banned-word"), (22, 28));
    assert_eq!(column("posts/body-matches.md", "prefer-term"), (13, 17));
    // text = "Radwerk: ein Mega Deal für dein Fahrrad"
    assert_eq!(column("posts/variant-text.md", "banned-word"), (22, 31));
    // thread = ["Teil 1 von Radwerk", "Teil 2: billig ist das nicht"]
    assert_eq!(column("posts/thread-part.md", "banned-word"), (42, 48));
    let prefer = one(&d, "posts/body-matches.md", "prefer-term");
    assert_eq!(
        prefer["help"],
        "write \"Fahrrad\" instead of \"Bike\": Unsere Kundschaft sagt Fahrrad."
    );
}

#[test]
fn disclosure_rule_fires_on_its_fixture() {
    let d = family("strategy-disclosure", disclosure::RULES);
    assert!(
        d.iter()
            .filter(|d| d["rule"] == "missing-disclosure")
            .all(|d| d["severity"] == "error")
    );
}

#[test]
fn lifecycle_rules_fire_on_their_fixture() {
    let d = family("strategy-lifecycle", lifecycle::RULES);
    let due = one(&d, "posts/approved-past.md", "past-due");
    assert_eq!(due["severity"], "error");
    assert!(
        due["message"]
            .as_str()
            .unwrap()
            .contains("3 days before today (2026-12-01)"),
        "{due}"
    );
}

#[test]
fn crisis_rule_fires_on_its_fixture() {
    family("strategy-crisis", crisis::RULES);
}

#[test]
fn a_repository_that_follows_its_strategy_has_no_findings() {
    let d = check(&fixture("strategy-clean"));
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn today_changes_what_is_past_due() {
    let dir = fixture("strategy-lifecycle");
    let dir = dir.to_str().expect("UTF-8 path");
    let output = common::touchpoint(&["check", "--format", "json", "--today", "2026-11-01", dir]);
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    let past_due = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "past-due")
        .count();
    assert_eq!(past_due, 0);
}

/// example-project follows its own strategy: no strategy rule fires on it.
#[test]
fn strategy_rules_are_silent_on_the_example_project() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project");
    let families: [&[&Rule]; 9] = [
        cadence::RULES,
        windows::RULES,
        campaigns::RULES,
        mix::RULES,
        personas::RULES,
        voice::RULES,
        disclosure::RULES,
        lifecycle::RULES,
        crisis::RULES,
    ];
    let names: BTreeSet<&str> = families.iter().flat_map(|f| f.iter().map(|r| r.name)).collect();
    let found: Vec<String> = check(&dir)
        .iter()
        .filter(|d| names.contains(d["rule"].as_str().unwrap_or_default()))
        .map(|d| format!("{}:{} {} {}", d["file"], d["line"], d["rule"], d["message"]))
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}
