//! Links between the site's pages: encoded hrefs and the prefix back to the site root.
//! A leaf: it imports nothing of the crate, so `site/` and every page module can share it.

/// Percent-encodes each segment of a relative output path for use in `href`/`src`.
pub(super) fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// The prefix that leads from the page at `path` back to the site root: "", "../", ...
pub(super) fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_encoded_and_roots_relative() {
        assert_eq!(
            href("posts/2026/über uns.html"),
            "posts/2026/%C3%BCber%20uns.html"
        );
        assert_eq!(href("a\"><script>"), "a%22%3E%3Cscript%3E");
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("posts/2026/12/a.html"), "../../../");
    }
}
