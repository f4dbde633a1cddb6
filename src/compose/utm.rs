//! Tracked links: the strategy's UTM rules applied to a post's link, per platform,
//! so analytics can tell which network, campaign and pillar brought the visit.

/// The `[utm]` rules of `strategy.toml`, borrowed: each value may hold the placeholders
/// `{platform}`, `{campaign}`, `{pillar}` and `{post}`.
#[derive(Clone, Copy, Debug, Default)]
pub struct UtmRules<'a> {
    /// `utm_source`, e.g. `"{platform}"`.
    pub source: &'a str,
    /// `utm_medium`, e.g. `"social"`.
    pub medium: &'a str,
    /// `utm_campaign`, e.g. `"{campaign}"`.
    pub campaign: &'a str,
    /// `utm_content`, optional.
    pub content: Option<&'a str>,
    /// Only links to these domains (or their subdomains) are tracked; empty means every link.
    pub domains: &'a [String],
}

/// What the placeholders stand for, for one post on one platform.
#[derive(Clone, Copy, Debug, Default)]
pub struct UtmValues<'a> {
    /// The platform's name (`instagram`).
    pub platform: &'a str,
    /// The post's campaign id, if any.
    pub campaign: Option<&'a str>,
    /// The post's pillar id, if any.
    pub pillar: Option<&'a str>,
    /// The post's id (`2026/12/winterreifen`).
    pub post: &'a str,
}

/// `url` with the UTM parameters added. Existing query parameters are kept (including
/// any `utm_*` the author set by hand, which win), the fragment stays last, a parameter
/// whose value expands to nothing is left out, and links outside `domains` are unchanged.
pub fn track(url: &str, rules: &UtmRules, values: &UtmValues) -> String {
    if !rules.domains.is_empty() && !host_matches(url, rules.domains) {
        return url.to_owned();
    }
    let (before_fragment, fragment) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let existing = before_fragment.split_once('?').map_or("", |(_, q)| q);
    let params = [
        ("utm_source", Some(rules.source)),
        ("utm_medium", Some(rules.medium)),
        ("utm_campaign", Some(rules.campaign)),
        ("utm_content", rules.content),
    ];
    let mut added = Vec::new();
    for (key, template) in params {
        let value = template.map(|t| expand(t, values)).unwrap_or_default();
        let present = existing.split('&').any(|kv| kv.split('=').next() == Some(key));
        if !value.is_empty() && !present {
            added.push(format!("{key}={}", encode(&value)));
        }
    }
    if added.is_empty() {
        return url.to_owned();
    }
    let separator = match before_fragment.find('?') {
        None => "?",
        Some(_) if before_fragment.ends_with(['?', '&']) => "",
        Some(_) => "&",
    };
    format!("{before_fragment}{separator}{}{fragment}", added.join("&"))
}

/// Fills the placeholders of `template`, one after the other; an unknown placeholder
/// stays as written. A placeholder the text does not hold is not searched and copied for
/// (a tracked link is made per post and network, and `"social"` holds none).
pub fn expand(template: &str, values: &UtmValues) -> String {
    let mut text = template.to_owned();
    if !text.contains('{') {
        return text;
    }
    let placeholders = [
        ("{platform}", values.platform),
        ("{campaign}", values.campaign.unwrap_or_default()),
        ("{pillar}", values.pillar.unwrap_or_default()),
        ("{post}", values.post),
    ];
    for (placeholder, value) in placeholders {
        if text.contains(placeholder) {
            text = text.replace(placeholder, value);
        }
    }
    text
}

/// Whether the URL's host is one of `domains` or a subdomain of one.
fn host_matches(url: &str, domains: &[String]) -> bool {
    let Some(host) = host_of(url) else {
        return false;
    };
    domains.iter().any(|d| {
        let d = d.trim_start_matches("www.").to_ascii_lowercase();
        host == d || host.ends_with(&format!(".{d}"))
    })
}

/// The lower-cased host of an absolute or schemeless URL, without port or user info.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(domains: &[String]) -> UtmRules<'_> {
        UtmRules {
            source: "{platform}",
            medium: "social",
            campaign: "{campaign}",
            content: Some("{pillar}"),
            domains,
        }
    }

    const VALUES: UtmValues<'static> = UtmValues {
        platform: "instagram",
        campaign: Some("winter-2026"),
        pillar: Some("werkstatt"),
        post: "2026/12/winterreifen",
    };

    #[test]
    fn adds_parameters() {
        assert_eq!(
            track("https://radwerk.de/winter", &rules(&[]), &VALUES),
            "https://radwerk.de/winter?utm_source=instagram&utm_medium=social&utm_campaign=winter-2026&utm_content=werkstatt"
        );
    }

    #[test]
    fn keeps_query_and_fragment() {
        assert_eq!(
            track("https://radwerk.de/winter?ref=a#termine", &rules(&[]), &VALUES),
            "https://radwerk.de/winter?ref=a&utm_source=instagram&utm_medium=social&utm_campaign=winter-2026&utm_content=werkstatt#termine"
        );
        assert_eq!(
            track("https://radwerk.de/?", &rules(&[]), &VALUES),
            "https://radwerk.de/?utm_source=instagram&utm_medium=social&utm_campaign=winter-2026&utm_content=werkstatt"
        );
    }

    #[test]
    fn author_parameters_win_and_empty_values_are_left_out() {
        let values = UtmValues {
            campaign: None,
            ..VALUES
        };
        assert_eq!(
            track("https://radwerk.de/?utm_source=flyer", &rules(&[]), &values),
            "https://radwerk.de/?utm_source=flyer&utm_medium=social&utm_content=werkstatt"
        );
    }

    #[test]
    fn post_placeholder_is_encoded() {
        let r = UtmRules {
            content: Some("{post}"),
            ..rules(&[])
        };
        assert!(track("https://a.de", &r, &VALUES).ends_with("utm_content=2026%2F12%2Fwinterreifen"));
    }

    #[test]
    fn only_listed_domains_are_tracked() {
        let domains = vec!["radwerk.de".to_owned()];
        assert!(track("https://shop.radwerk.de/x", &rules(&domains), &VALUES).contains("utm_source"));
        assert_eq!(
            track("https://example.com/x", &rules(&domains), &VALUES),
            "https://example.com/x"
        );
        assert_eq!(
            track("https://notradwerk.de/x", &rules(&domains), &VALUES),
            "https://notradwerk.de/x"
        );
    }

    #[test]
    fn placeholders_are_filled_one_after_the_other_as_chained_replaces_would() {
        let chained = |t: &str, v: &UtmValues| {
            t.replace("{platform}", v.platform)
                .replace("{campaign}", v.campaign.unwrap_or_default())
                .replace("{pillar}", v.pillar.unwrap_or_default())
                .replace("{post}", v.post)
        };
        let values = UtmValues {
            platform: "{post}",
            campaign: Some("c"),
            pillar: None,
            post: "2026/01/a",
        };
        for template in [
            "social",
            "",
            "{platform}",
            "{platform}-{campaign}-{pillar}-{post}",
            "{x}",
            "{{post}}",
        ] {
            assert_eq!(
                expand(template, &values),
                chained(template, &values),
                "{template}"
            );
        }
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://user:pw@Example.COM:8080/x").as_deref(),
            Some("example.com")
        );
        assert_eq!(host_of("radwerk.de/winter").as_deref(), Some("radwerk.de"));
    }
}
