//! `touchpoint.toml`: the brand, its timezone, its platform accounts and lint levels.

use std::collections::BTreeMap;

use super::fields::{INVALID_VALUE, Reader};
use super::node::Node;
use crate::diagnostic::{Diagnostic, LintLevel, Rule, Severity};
use crate::model::{Brand, Config, LinkForm, LintEntry, PlatformConfig, ReviewPolicy, Spanned};
use crate::suggest::did_you_mean;

/// A `[lints]` entry naming a rule that does not exist.
pub const UNKNOWN_LINT: Rule = Rule {
    name: "unknown-lint",
    default: Severity::Warning,
    summary: "A rule name under `[lints]` that Touchpoint does not have; the setting has no effect.",
};

/// A `[brand]` colour that is not `#rrggbb`.
///
/// What: `primary` or `accent` under `[brand]` is not a hex colour. Why: the site's CSS
/// and the PDFs need one exact colour; a name or a typo would silently fall back to the
/// neutral theme. Example: `primary = "green"`. Fix: write `primary = "#0a7f5a"`.
pub const BRAND_COLOUR: Rule = Rule {
    name: "brand-colour",
    default: Severity::Error,
    summary: "A `[brand]` colour (`primary`, `accent`) is not a hex colour such as \"#0a7f5a\".",
};

/// The rules this module reports.
pub const RULES: &[&Rule] = &[&UNKNOWN_LINT, &BRAND_COLOUR];

const KEYS: &[&str] = &[
    "name",
    "client",
    "language",
    "timezone",
    "output",
    "platforms",
    "lints",
    "compose",
    "export",
    "crisis",
    "review",
    "brand",
];

/// Reads the project configuration. The names under `[lints]` are judged later, by
/// [`check_lint_names`], where every rule is known.
pub fn read_config(node: &Node, r: &mut Reader<'_>) -> Config {
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
        (config.lints, config.lint_entries) = read_lints(entry, r);
    }
    if let Some(entry) = table.get("compose") {
        config.links = read_compose(entry, r);
    }
    if let Some(entry) = table.get("export") {
        config.media_base_url = read_export(entry, r);
    }
    if let Some(crisis) = table.get("crisis").and_then(|e| r.table("crisis", &e.node)) {
        r.unknown_keys(&crisis, &["active"], |_| false);
        config.crisis_active = crisis.get("active").and_then(|e| r.bool(e)).unwrap_or(false);
    }
    if let Some(entry) = table.get("review") {
        config.review = Some(read_review_policy(entry, r));
    }
    if let Some(entry) = table.get("brand") {
        config.brand = Some(read_brand(entry, r));
    }
    config
}

/// `[brand]`: logo, colours and footer line. The logo is judged later (`brand-logo`),
/// where the repository's files are at hand; a colour that does not read is reported here
/// at its line and left out.
fn read_brand(entry: &super::node::Entry, r: &mut Reader<'_>) -> Brand {
    let mut brand = Brand::default();
    let Some(table) = r.table("brand", &entry.node) else {
        return brand;
    };
    r.unknown_keys(&table, &["logo", "primary", "accent", "footer"], |_| false);
    brand.logo = table.get("logo").and_then(|e| r.string(e));
    brand.footer = table.get("footer").and_then(|e| r.string(e)).map(|s| s.value);
    let mut colour = |key: &str| {
        let written = table.get(key).and_then(|e| r.string(e))?;
        let parsed = crate::brand::Colour::parse(written.value.trim());
        if parsed.is_none() {
            r.report_help(
                &BRAND_COLOUR,
                written.pos,
                format!("`{key}` `{}` is not a hex colour", written.value),
                format!("write six hex digits after `#`, e.g. {key} = \"#0a7f5a\""),
            );
        }
        parsed
    };
    brand.primary = colour("primary");
    brand.accent = colour("accent");
    brand
}

/// The `[compose]` table: how Markdown links become text (`links`).
fn read_compose(entry: &super::node::Entry, r: &mut Reader<'_>) -> LinkForm {
    let Some(table) = r.table("compose", &entry.node) else {
        return LinkForm::default();
    };
    r.unknown_keys(&table, &["links"], |_| false);
    table
        .get("links")
        .and_then(|e| r.choice(e, LinkForm::NAMES))
        .and_then(|name| LinkForm::from_name(&name.value))
        .unwrap_or_default()
}

/// `[export]`: `media_base_url`, an absolute http(s) URL (normalised to end in `/`); a
/// value that is not one is reported at its line and ignored.
fn read_export(entry: &super::node::Entry, r: &mut Reader<'_>) -> Option<String> {
    let table = r.table("export", &entry.node)?;
    r.unknown_keys(&table, &["media_base_url"], |_| false);
    let value = table.get("media_base_url").and_then(|e| r.string(e))?;
    match crate::export::media_url::check_base(&value.value) {
        Ok(base) => Some(base),
        Err(problem) => {
            r.report_help(
                &INVALID_VALUE,
                value.pos,
                problem,
                "write the public address of the repository's files, e.g. \"https://cdn.example.com/radwerk/\"",
            );
            None
        }
    }
}

/// `[review]`: written at all, it turns the four-eyes rules into errors; its
/// `approvers` name who may approve.
fn read_review_policy(entry: &super::node::Entry, r: &mut Reader<'_>) -> ReviewPolicy {
    let mut policy = ReviewPolicy::default();
    let Some(table) = r.table("review", &entry.node) else {
        return policy;
    };
    r.unknown_keys(&table, &["approvers"], |_| false);
    if let Some(approvers) = table.get("approvers") {
        policy.approvers = r.strings(approvers);
    }
    policy
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
        r.unknown_keys(&fields, &["handle", "max_chars", "name", "avatar"], |_| false);
        let handle = fields.get("handle").and_then(|e| r.string(e)).map(|s| s.value);
        let name = fields.get("name").and_then(|e| r.string(e)).map(|s| s.value);
        let avatar = fields.get("avatar").and_then(|e| r.string(e));
        let max_chars = fields
            .get("max_chars")
            .and_then(|e| r.count(e))
            .map(|n| n as usize);
        platforms.insert(
            platform.value,
            PlatformConfig {
                handle,
                name,
                avatar,
                max_chars,
            },
        );
    }
    platforms
}

/// The levels under `[lints]` (by name, for every entry whose level reads) and every
/// entry as written, with what reading its level found, for [`check_lint_names`].
fn read_lints(
    entry: &super::node::Entry,
    r: &mut Reader<'_>,
) -> (BTreeMap<String, LintLevel>, Vec<LintEntry>) {
    let mut lints = BTreeMap::new();
    let mut entries = Vec::new();
    let Some(table) = r.table("lints", &entry.node) else {
        return (lints, entries);
    };
    for lint in table.entries {
        // Read the level aside: its findings count only if the name is a rule.
        let mut level_reader = Reader::new(r.file);
        if let Some(level) = level_reader.choice(lint, &["allow", "warn", "deny"]) {
            lints.insert(
                lint.key.clone(),
                LintLevel::from_name(&level.value).unwrap_or(LintLevel::Warn),
            );
        }
        entries.push(LintEntry {
            name: Spanned::new(lint.key.clone(), lint.key_pos),
            findings: level_reader.diagnostics,
        });
    }
    (lints, entries)
}

/// Judges the names under `[lints]` against `rule_names` (every rule Touchpoint has):
/// an unknown name is reported with a suggestion, a known one with what reading its
/// level found. Runs after loading, where the rule registry is visible.
pub fn check_lint_names(config: &Config, rule_names: &[&str]) -> Vec<Diagnostic> {
    let mut r = Reader::new("touchpoint.toml");
    for entry in &config.lint_entries {
        let name = &entry.name;
        if rule_names.contains(&name.value.as_str()) {
            r.diagnostics.extend(entry.findings.iter().cloned());
            continue;
        }
        let help = did_you_mean(&name.value, rule_names.iter().copied())
            .map(|c| format!("did you mean `{c}`?"))
            .unwrap_or_else(|| "run `touchpoint rules` to list every rule".to_owned());
        r.report_help(
            &UNKNOWN_LINT,
            name.pos,
            format!("no rule is called `{}`", name.value),
            help,
        );
    }
    r.diagnostics
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
        let c = read_config(&parse_toml(text, 1).unwrap(), &mut r);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        assert!(check_lint_names(&c, &["x-length"]).is_empty());
        assert_eq!(c.timezone, chrono_tz::Europe::Berlin);
        assert_eq!(c.platforms[&Platform::Instagram].handle.as_deref(), Some("@r"));
        assert_eq!(c.lints["x-length"], LintLevel::Deny);
    }

    #[test]
    fn compose_links_chooses_the_form_and_reports_others_at_their_line() {
        let read = |extra: &str| {
            let text = format!("name = \"R\"\ntimezone = \"UTC\"\n{extra}");
            let mut r = Reader::new("touchpoint.toml");
            let c = read_config(&parse_toml(&text, 1).unwrap(), &mut r);
            let found: Vec<_> = r.diagnostics.iter().map(|d| (d.rule, d.line)).collect();
            (c.links, found)
        };
        assert_eq!(read(""), (LinkForm::WordsAndUrl, vec![]));
        assert_eq!(read("[compose]\nlinks = \"url\"\n"), (LinkForm::Url, vec![]));
        assert_eq!(read("[compose]\nlinks = \"words\"\n"), (LinkForm::Words, vec![]));
        let (form, found) = read("[compose]\nlinks = \"both\"\n");
        assert_eq!(form, LinkForm::WordsAndUrl);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, 4);
    }

    #[test]
    fn reads_the_review_policy_and_reports_unknown_keys() {
        let text =
            "name = \"R\"\ntimezone = \"UTC\"\n[review]\napprovers = [\"tim\", \"ana\"]\napprover = 1\n";
        let mut r = Reader::new("touchpoint.toml");
        let c = read_config(&parse_toml(text, 1).unwrap(), &mut r);
        let found: Vec<_> = r.diagnostics.iter().map(|d| (d.rule, d.line)).collect();
        assert_eq!(found, vec![("unknown-key", 5)]);
        let names: Vec<_> = c.review.unwrap().approvers.into_iter().map(|a| a.value).collect();
        assert_eq!(names, ["tim", "ana"]);
    }

    #[test]
    fn export_media_base_url_is_checked_normalised_and_reported_at_its_line() {
        let read = |extra: &str| {
            let text = format!("name = \"R\"\ntimezone = \"UTC\"\n{extra}");
            let mut r = Reader::new("touchpoint.toml");
            let c = read_config(&parse_toml(&text, 1).unwrap(), &mut r);
            let found: Vec<_> = r.diagnostics.iter().map(|d| (d.rule, d.line)).collect();
            (c.media_base_url, found)
        };
        assert_eq!(read(""), (None, vec![]));
        assert_eq!(
            read("[export]\nmedia_base_url = \"https://cdn.example.com/r\"\n"),
            (Some("https://cdn.example.com/r/".to_owned()), vec![])
        );
        assert_eq!(
            read("[export]\n\nmedia_base_url = \"cdn.example.com/r/\"\n"),
            (None, vec![("invalid-value", 5)])
        );
        let mut r = Reader::new("touchpoint.toml");
        read_config(
            &parse_toml(
                "name = \"R\"\ntimezone = \"UTC\"\n[export]\nmedia_base_uri = \"x\"\n",
                1,
            )
            .unwrap(),
            &mut r,
        );
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!((r.diagnostics[0].rule, r.diagnostics[0].line), ("unknown-key", 4));
        assert_eq!(
            r.diagnostics[0].help.as_deref(),
            Some("did you mean `media_base_url`?")
        );
    }

    #[test]
    fn reads_the_brand_and_reports_a_bad_colour_at_its_line() {
        let text = "name = \"R\"\ntimezone = \"UTC\"\n[brand]\nlogo = \"media/logo.svg\"\n\
                    primary = \"#0A7F5A\"\naccent = \"orange\"\nfooter = \"Vertraulich\"\nfont = 1\n";
        let mut r = Reader::new("touchpoint.toml");
        let c = read_config(&parse_toml(text, 1).unwrap(), &mut r);
        let found: Vec<_> = r.diagnostics.iter().map(|d| (d.rule, d.line)).collect();
        assert_eq!(found, vec![("unknown-key", 8), ("brand-colour", 6)]);
        let brand = c.brand.unwrap();
        assert_eq!(brand.primary.map(|c| c.hex()).as_deref(), Some("#0a7f5a"));
        assert_eq!(brand.accent, None);
        assert_eq!(brand.logo.unwrap().value, "media/logo.svg");
        assert_eq!(brand.footer.as_deref(), Some("Vertraulich"));
    }

    #[test]
    fn no_review_table_means_no_policy() {
        let mut r = Reader::new("touchpoint.toml");
        let c = read_config(
            &parse_toml("name = \"R\"\ntimezone = \"UTC\"\n", 1).unwrap(),
            &mut r,
        );
        assert!(c.review.is_none());
    }

    #[test]
    fn reports_bad_timezone_and_unknown_lint() {
        let text = "name = \"R\"\ntimezone = \"Europe/Leipzig\"\n[lints]\nx-lenght = \"deny\"\n";
        let mut r = Reader::new("touchpoint.toml");
        let c = read_config(&parse_toml(text, 1).unwrap(), &mut r);
        r.diagnostics.extend(check_lint_names(&c, &["x-length"]));
        let found: Vec<_> = r.diagnostics.iter().map(|d| (d.rule, d.line)).collect();
        assert_eq!(found, vec![("invalid-value", 2), ("unknown-lint", 4)]);
    }

    #[test]
    fn a_level_is_reported_only_for_a_known_rule() {
        let text = "name = \"R\"\ntimezone = \"UTC\"\n[lints]\nx-length = \"loud\"\nx-lenght = \"loud\"\n";
        let mut r = Reader::new("touchpoint.toml");
        let c = read_config(&parse_toml(text, 1).unwrap(), &mut r);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        let found: Vec<_> = check_lint_names(&c, &["x-length"])
            .iter()
            .map(|d| (d.rule, d.line))
            .collect();
        assert_eq!(found, vec![("invalid-value", 4), ("unknown-lint", 5)]);
    }
}
