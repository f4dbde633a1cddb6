//! Public URLs of media for scheduler profiles: `[export] media_base_url` plus the
//! file's repository-relative path (`media/foo bar.jpg` under
//! `https://cdn.example.com/radwerk/` is `https://cdn.example.com/radwerk/media/foo%20bar.jpg`).
//!
//! The path is kept whole under the base, `media/` included, so publishing the repository's
//! folders as they are (a bucket synced from the repository, a static host serving it) gives
//! working URLs with no renaming. Schedulers fetch the files from these URLs, so they must
//! be absolute `http(s)` URLs; [`check_base`] says what is wrong with one that is not.

/// What is wrong with a `media_base_url` value, or the value with exactly one trailing `/`.
///
/// A base must be an absolute `http://` or `https://` URL with a host, without spaces,
/// query or fragment (a query would end up before the file's path). A missing trailing
/// slash is added, so `https://cdn.example.com/radwerk` and `…/radwerk/` name the same folder.
pub fn check_base(value: &str) -> Result<String, String> {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .ok_or_else(|| format!("`{value}` is not an absolute http(s) URL"))?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() {
        return Err(format!("`{value}` has no host name"));
    }
    if let Some(bad) = value.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("`{value}` holds a {}", describe(bad)));
    }
    if value.contains(['?', '#']) {
        return Err(format!(
            "`{value}` has a query or fragment; file paths are appended to the base"
        ));
    }
    Ok(format!("{}/", value.trim_end_matches('/')))
}

fn describe(c: char) -> &'static str {
    if c == ' ' {
        "space"
    } else {
        "space or control character"
    }
}

/// The public URL of the repository file `path` (`/`-separated, relative) under `base`
/// (as [`check_base`] returns it): each path segment percent-encoded (RFC 3986: every byte
/// of its UTF-8 except the unreserved `A-Z a-z 0-9 - . _ ~`), the segments joined by `/`.
pub fn media_url(base: &str, path: &str) -> String {
    format!("{base}{}", encode_path(path))
}

/// The repository path a public URL under `base` names: the inverse of [`media_url`], so
/// importing a scheduler file Touchpoint wrote gives back the media it was written from.
/// `None` when `url` is not under `base` or its escapes are not UTF-8.
pub fn media_path(base: &str, url: &str) -> Option<String> {
    let rest = url.strip_prefix(base)?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = rest.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
    (!path.is_empty() && !path.split('/').any(|s| s.is_empty() || s == "..")).then_some(path)
}

/// A repository path with each segment percent-encoded and the `/` between them kept, so
/// a file named with spaces, quotes or umlauts still makes a valid URL (media URLs here,
/// the logo's address in the site).
pub(crate) fn encode_path(path: &str) -> String {
    path.split('/').map(encode_segment).collect::<Vec<_>>().join("/")
}

/// One path segment, percent-encoded.
fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_gets_one_trailing_slash() {
        let base = "https://cdn.example.com/radwerk/";
        assert_eq!(check_base("https://cdn.example.com/radwerk").unwrap(), base);
        assert_eq!(check_base(base).unwrap(), base);
        assert_eq!(check_base("https://cdn.example.com/radwerk//").unwrap(), base);
        assert_eq!(
            check_base("http://cdn.example.com").unwrap(),
            "http://cdn.example.com/"
        );
    }

    #[test]
    fn bases_that_are_not_absolute_http_urls_are_refused() {
        for bad in [
            "cdn.example.com/radwerk/",
            "/radwerk/",
            "ftp://cdn.example.com/",
            "https:///radwerk/",
            "https://cdn.example.com/rad werk/",
            "https://cdn.example.com/?v=1",
            "https://cdn.example.com/#top",
            "",
        ] {
            assert!(check_base(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_url_under_the_base_gives_back_its_path() {
        let base = "https://cdn.example.com/radwerk/";
        for path in [
            "media/foo bar.jpg",
            "media/2027/Straße #1?.png",
            "media/a%b+c.webp",
        ] {
            assert_eq!(media_path(base, &media_url(base, path)).as_deref(), Some(path));
        }
        assert_eq!(media_path(base, "https://elsewhere.example/media/a.png"), None);
        assert_eq!(
            media_path(base, "https://cdn.example.com/radwerk/media/%zz.png"),
            None
        );
        assert_eq!(
            media_path(base, "https://cdn.example.com/radwerk/media/%FF.png"),
            None
        );
        assert_eq!(
            media_path(base, "https://cdn.example.com/radwerk/media/../x.png"),
            None
        );
        assert_eq!(media_path(base, base), None);
    }

    #[test]
    fn paths_keep_their_folders_and_segments_are_percent_encoded() {
        let base = "https://cdn.example.com/radwerk/";
        assert_eq!(
            media_url(base, "media/foo bar.jpg"),
            "https://cdn.example.com/radwerk/media/foo%20bar.jpg"
        );
        assert_eq!(
            media_url(base, "media/2027/Straße #1?.png"),
            "https://cdn.example.com/radwerk/media/2027/Stra%C3%9Fe%20%231%3F.png"
        );
        assert_eq!(
            media_url(base, "media/a%b+c~d_e-f.webp"),
            "https://cdn.example.com/radwerk/media/a%25b%2Bc~d_e-f.webp"
        );
    }
}
