//! The per-platform rules on a fixture repository that plants one problem per rule:
//! every finding must be at the planted file and line (`EXPECTED.tsv`), nothing more.

mod common;

use std::collections::BTreeSet;

use common::{Finding, expected, fixture};

/// (file, line, rule) of every per-platform finding in the `platforms` fixture.
fn platform_findings() -> BTreeSet<Finding> {
    let dir = fixture("platforms");
    let (project, load_findings) = touchpoint::load::load_project(&dir).expect("fixture loads");
    assert!(
        load_findings.is_empty(),
        "the fixture itself is well formed: {load_findings:#?}"
    );
    touchpoint::validate::platform::check(&project)
        .into_iter()
        .map(|d| (d.file, d.line, d.rule.to_owned()))
        .collect()
}

#[test]
fn every_planted_platform_problem_is_reported_at_its_line() {
    assert_eq!(platform_findings(), expected(&fixture("platforms")));
}

#[test]
fn every_platform_rule_is_planted() {
    let planted: BTreeSet<String> = expected(&fixture("platforms"))
        .into_iter()
        .map(|(_, _, rule)| rule)
        .collect();
    let missing: Vec<&str> = touchpoint::validate::platform::RULES
        .iter()
        .map(|r| r.name)
        .filter(|name| !planted.contains(*name))
        .collect();
    assert!(missing.is_empty(), "rules without a planted case: {missing:?}");
}
