//! `touchpoint.toml`: the brand, its timezone, its platform accounts and lint levels.

use std::collections::BTreeMap;

use super::fields::{INVALID_VALUE, Reader};
use super::node::Node;
use crate::diagnostic::{LintLevel, Rule, Severity};
use crate::model::{Config, PlatformConfig};
use crate::suggest::did_you_mean;

/// A `[lints]` entry naming a rule that does not exist.
pub const UNKNOWN_LINT: Rule = Rule {
    name: "unknown-lint",
    default: Severity::Warning,
    summary: "A rule name under `[lints]` that Touchpoint does not have; the setting has no effect.",
};

/// The rules this module reports.
pub const RULES: &[&Rule] = &[&UNKNOWN_LINT];

const KEYS: &[&str] = &[
    "name",
    "client",
    "language",
    "timezone",
    "output",
    "platforms",
    "lints",
];

/// Reads the project configuration; `rule_names` are the rules `[lints]` may name.
pub fn read_config(node: &Node, r: &mut Reader<'_>, rule_names: &[&str]) -> Config {
    let mut config = Config::default();
    let Some(table) = r.table("touchpoint.toml", node) else {
        return config;
    };
    r.unknown_keys(&table, KEYS, |_| false);
    if let Some(name) = r.require(&table, "name", "the brand's name, shown on every page") {
        config.name = r.string(name).map(|s| s.value).unwrap_or_default();
    }
    config.client = table.get("client").and_then(|e| r.string(e)).map(|s| s.value);
    if let Some(language) = table.get("language").and_then(|e| r.choice(e, &["en", "de"])) {
        config.language = language.value;
    }
    if let Some(entry) = r.require(&table, "timezone", "an IANA timezone such as \"Europe/Berlin\"")
        && let Some(name) = r.string(entry)
    {
        match name.value.parse::<chrono_tz::Tz>() {
            Ok(tz) => config.timezone = tz,
            Err(_) => r.report_help(
                &INVALID_VALUE,
                name.pos,
                format!("`{}` is not an IANA timezone name", name.value),
                "use a name such as \"Europe/Berlin\", \"America/New_York\" or \"UTC\"",
            ),
        }
    }
    if let Some(output) = table.get("output").and_then(|e| r.string(e)) {
        config.output = output.value;
    }
    if let Some(entry) = table.get("platforms") {
        config.platforms = read_platforms(entry, r);
    }
    if let Some(entry) = table.get("lints") {
        config.lints = read_lints(entry, r, rule_names);
    }
    config
}

fn read_platforms(
    entry: &super::node::Entry,
    r: &mut Reader<'_>,
) -> BTreeMap<crate::platform::Platform, PlatformConfig> {
    let mut platforms = BTreeMap::new();
    let Some(table) = r.table("platforms", &entry.node) else {
        return platforms;
    };
    for account in table.entries {
        let name = crate::model::Spanned::new(account.key.clone(), account.key_pos);
        let Some(platform) = r.platform(&name) else {
            continue;
        };
        let Some(fields) = r.table(&account.key, &account.node) else {
            continue;
        };
        r.unknown_keys(&fields, &["handle", "max_chars"], |_| false);
        let handle = fields.get("handle").and_then(|e| r.string(e)).map(|s| s.value);
        let max_chars = fields
            .get("max_chars")
            .and_then(|e| r.count(e))
            .map(|n| n as usize);
        platforms.insert(platform.value, PlatformConfig { handle, max_chars });
    }
    platforms
}

fn read_lints(
    entry: &super::node::Entry,
    r: &mut Reader<'_>,
    rule_names: &[&str],
) -> BTreeMap<String, LintLevel> {
    let mut lints = BTreeMap::new();
    let Some(table) = r.table("lints", &entry.node) else {
        return lints;
    };
    for lint in table.entries {
        if !rule_names.contains(&lint.key.as_str()) {
            let help = did_you_mean(&lint.key, rule_names.iter().copied())
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| "run `touchpoint rules` to list every rule".to_owned());
            r.report_help(
                &UNKNOWN_LINT,
                lint.key_pos,
                format!("no rule is called `{}`", lint.key),
                help,
            );
            continue;
        }
        if let Some(level) = r.choice(lint, &["allow", "warn", "deny"]) {
            lints.insert(
                lint.key.clone(),
                LintLevel::from_name(&level.value).unwrap_or(LintLevel::Warn),
            );
        }
    }
    lints
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::node::parse_toml;
    use crate::platform::Platform;

    #[test]
    fn reads_a_full_config() {
        let text = "name = \"Radwerk\"\ntimezone = \"Europe/Berlin\"\nlanguage = \"de\"\n\
                    [platforms.instagram]\nhandle = \"@r\"\n[lints]\nx-length = \"deny\"\n";
        let mut r = Reader::new("touchpoint.toml");
        let c = read_config(&parse_toml(text, 1).unwrap(), &mut r, &["x-length"]);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        assert_eq!(c.timezone, chrono_tz::Europe::Berlin);
        assert_eq!(c.platforms[&Platform::Instagram].handle.as_deref(), Some("@r"));
        assert_eq!(c.lints["x-length"], LintLevel::Deny);
    }

    #[test]
    fn reports_bad_timezone_and_unknown_lint() {
        let text = "name = \"R\"\ntimezone = \"Europe/Leipzig\"\n[lints]\nx-lenght = \"deny\"\n";
        let mut r = Reader::new("touchpoint.toml");
        read_config(&parse_toml(text, 1).unwrap(), &mut r, &["x-length"]);
        let found: Vec<_> = r.diagnostics.iter().map(|d| (d.rule, d.line)).collect();
        assert_eq!(found, vec![("invalid-value", 2), ("unknown-lint", 4)]);
    }
}
