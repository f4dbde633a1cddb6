//! Which `Host` names the dev server answers.
//!
//! A page on any web site can make the browser send requests to 127.0.0.1 under the
//! site's own name (DNS rebinding: `evil.example` resolves to 127.0.0.1 after the page
//! loaded). The browser then lets that page read the answers as its own, so the dev
//! server would hand the unpublished plan to whoever made the page. Such a request still
//! carries `Host: evil.example`; answering only the names that mean this machine, and
//! those the user names with `--allow-host`, closes that hole.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr};
use std::str::FromStr;

/// The names every dev server answers: this machine's own.
const LOCAL_NAMES: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

/// A host name as compared: lowercase, without port or trailing dot, an IPv6 address in
/// brackets and in its shortest form (`[::1]`). Parsed from `--allow-host` values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostName(String);

impl HostName {
    /// The name as compared and printed (`my.lan`, `[fe80::1]`).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a `--allow-host` value is not a host name.
#[derive(Debug, thiserror::Error)]
#[error("not a host name: {0:?} (give a name such as my.lan, an IPv4 address or an IPv6 address)")]
pub struct InvalidHost(String);

impl FromStr for HostName {
    type Err = InvalidHost;

    /// Accepts what a user types after `--allow-host`: a `Host` header value (`my.lan`,
    /// `my.lan:1111`, `[fe80::1]:1111`) or a bare IPv6 address (`fe80::1`).
    fn from_str(value: &str) -> Result<HostName, InvalidHost> {
        let bare_ipv6 = value.parse::<Ipv6Addr>().ok().map(bracketed);
        bare_ipv6
            .or_else(|| parse_host_header(value))
            .ok_or_else(|| InvalidHost(value.to_owned()))
    }
}

/// Parses a `Host` header value (`name[:port]`, `[ipv6][:port]`) into the name it
/// names; `None` when it is not a well-formed host.
pub(super) fn parse_host_header(value: &str) -> Option<HostName> {
    let value = value.trim();
    let (host, port) = split_port(value)?;
    if !port.is_empty() && port.parse::<u16>().is_err() {
        return None;
    }
    if let Some(inner) = host.strip_prefix('[') {
        let address = inner.strip_suffix(']')?.parse::<Ipv6Addr>().ok()?;
        return Some(bracketed(address));
    }
    parse_name(host)
}

/// Splits `host:port` (the port may be missing or empty); brackets protect the colons of
/// an IPv6 address, and an unbracketed name may hold no more than one colon.
fn split_port(value: &str) -> Option<(&str, &str)> {
    let (host, port) = match value.strip_prefix('[') {
        Some(rest) => {
            let end = rest.find(']')? + 2;
            (&value[..end], &value[end..])
        }
        None => value.find(':').map_or((value, ""), |at| value.split_at(at)),
    };
    match port.strip_prefix(':') {
        Some(digits) if digits.bytes().all(|b| b.is_ascii_digit()) => Some((host, digits)),
        None if port.is_empty() => Some((host, "")),
        _ => None,
    }
}

/// A DNS name or IPv4 address, lowercased, one trailing dot dropped.
fn parse_name(host: &str) -> Option<HostName> {
    let name = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    let allowed = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_');
    let well_formed = !name.is_empty()
        && name.bytes().all(allowed)
        && name
            .split('.')
            .all(|label| !label.is_empty() && label.len() <= 63);
    well_formed.then_some(HostName(name))
}

fn bracketed(address: Ipv6Addr) -> HostName {
    HostName(format!("[{address}]"))
}

/// The host names one dev server answers: this machine's own, the address it is bound to
/// (when it names one address, not all), and those given with `--allow-host`.
#[derive(Clone, Debug)]
pub(super) struct AllowedHosts {
    names: Vec<HostName>,
}

impl AllowedHosts {
    /// The names a server bound to `bind` answers, with the user's `extra` names.
    pub(super) fn new(bind: IpAddr, extra: &[HostName]) -> AllowedHosts {
        let mut names: Vec<HostName> = LOCAL_NAMES.iter().map(|n| HostName((*n).to_owned())).collect();
        if !bind.is_unspecified() {
            names.push(address_name(bind));
        }
        for name in extra {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        AllowedHosts { names }
    }

    /// Whether a request with these `Host` header values (none, one, or several) on
    /// HTTP/1.`minor` is answered. HTTP/1.0 has no `Host`, so its absence is tolerated
    /// there; a browser always sends one.
    pub(super) fn allows(&self, hosts: &[&str], minor: u8) -> bool {
        match hosts {
            [] => minor == 0,
            [host] => parse_host_header(host).is_some_and(|name| self.names.contains(&name)),
            _ => false,
        }
    }

    /// The plain-text answer to a refused request: what is answered and how to allow
    /// more (the name asked for is repeated only when it is a well-formed host name).
    pub(super) fn refusal(&self, hosts: &[&str]) -> String {
        let asked = match hosts {
            [host] => parse_host_header(host),
            _ => None,
        };
        let listed: Vec<&str> = self.names.iter().map(HostName::as_str).collect();
        let (what, how) = match &asked {
            Some(name) => (format!("the host name {name}"), format!("--allow-host {name}")),
            None => ("this request's host".to_owned(), "--allow-host NAME".to_owned()),
        };
        format!(
            "Misdirected request: this Touchpoint dev server does not answer {what}; it answers \
             only {}.\nIf you opened the site under that name yourself, restart it with \
             `touchpoint serve {how}`.\n",
            listed.join(", ")
        )
    }
}

/// An IP address as it appears in a `Host` header.
fn address_name(address: IpAddr) -> HostName {
    match address {
        IpAddr::V4(v4) => HostName(v4.to_string()),
        IpAddr::V6(v6) => bracketed(v6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(value: &str) -> Option<String> {
        parse_host_header(value).map(|n| n.0)
    }

    #[test]
    fn host_headers_name_the_host_without_port_case_or_trailing_dot() {
        assert_eq!(name("localhost").as_deref(), Some("localhost"));
        assert_eq!(name("localhost:1111").as_deref(), Some("localhost"));
        assert_eq!(name("LocalHost:80").as_deref(), Some("localhost"));
        assert_eq!(name("localhost.").as_deref(), Some("localhost"));
        assert_eq!(name("localhost.:1111").as_deref(), Some("localhost"));
        assert_eq!(name(" 127.0.0.1:1111 ").as_deref(), Some("127.0.0.1"));
        assert_eq!(name("my-box.lan:").as_deref(), Some("my-box.lan"));
    }

    #[test]
    fn ipv6_hosts_keep_their_brackets_in_the_shortest_form() {
        assert_eq!(name("[::1]").as_deref(), Some("[::1]"));
        assert_eq!(name("[::1]:1111").as_deref(), Some("[::1]"));
        assert_eq!(name("[0:0:0:0:0:0:0:1]:8080").as_deref(), Some("[::1]"));
        assert_eq!(name("[FE80::A]").as_deref(), Some("[fe80::a]"));
    }

    #[test]
    fn malformed_hosts_name_nothing() {
        for value in [
            "",
            ":1111",
            "::1",
            "[::1",
            "[::1]x",
            "[::1]:x",
            "[evil.example]",
            "localhost:99999",
            "localhost:11a",
            "a:1:2",
            "local host",
            "localhost..",
            "a..b",
            "evil.example/x",
            "user@localhost",
            "localhost\u{0}",
        ] {
            assert_eq!(name(value), None, "{value:?}");
        }
    }

    #[test]
    fn only_this_machine_is_answered_by_default() {
        let hosts = AllowedHosts::new("127.0.0.1".parse().unwrap(), &[]);
        for host in [
            "localhost:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "LOCALHOST",
            "localhost.",
        ] {
            assert!(hosts.allows(&[host], 1), "{host}");
        }
        for host in [
            "evil.example",
            "localhost.evil.example",
            "127.0.0.2",
            "[::2]",
            "0.0.0.0",
        ] {
            assert!(!hosts.allows(&[host], 1), "{host}");
        }
    }

    #[test]
    fn a_missing_or_repeated_host_is_refused_on_http_1_1() {
        let hosts = AllowedHosts::new("127.0.0.1".parse().unwrap(), &[]);
        assert!(!hosts.allows(&[], 1));
        assert!(hosts.allows(&[], 0), "HTTP/1.0 has no Host header");
        assert!(!hosts.allows(&["localhost", "localhost"], 1));
    }

    #[test]
    fn allow_host_and_a_single_bind_address_add_names() {
        let extra: Vec<HostName> = ["My.Lan.", "fe80::1", "192.168.1.5:1111"]
            .iter()
            .map(|v| v.parse().unwrap())
            .collect();
        let hosts = AllowedHosts::new("10.0.0.7".parse().unwrap(), &extra);
        for host in ["my.lan:1111", "[fe80::1]:1111", "192.168.1.5", "10.0.0.7:1111"] {
            assert!(hosts.allows(&[host], 1), "{host}");
        }
        let everywhere = AllowedHosts::new("0.0.0.0".parse().unwrap(), &[]);
        assert!(!everywhere.allows(&["0.0.0.0:1111"], 1));
        assert!(!everywhere.allows(&["my.lan"], 1));
        assert!("a b".parse::<HostName>().is_err());
    }

    #[test]
    fn the_refusal_says_how_to_allow_the_host() {
        let hosts = AllowedHosts::new("127.0.0.1".parse().unwrap(), &[]);
        let text = hosts.refusal(&["Evil.Example:1111"]);
        assert!(
            text.contains("touchpoint serve --allow-host evil.example"),
            "{text}"
        );
        assert!(text.contains("localhost, 127.0.0.1, [::1]"), "{text}");
        let text = hosts.refusal(&["<script>"]);
        assert!(!text.contains("<script>"), "{text}");
        assert!(text.contains("--allow-host NAME"), "{text}");
    }
}
