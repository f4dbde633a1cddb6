//! Permalink normalisation: the same published post is written many ways
//! (`twitter.com` or `x.com`, with a handle or `i/status`, `?s=20` tracking,
//! `/reel/` or `/p/`, a trailing slash). Both sides of the join go through
//! [`normalise_permalink`] before they are compared.

use crate::platform::Platform;

/// The canonical form of a post URL: `https://`, lower-case host without `www.`,
/// `m.` or `mobile.`, no query or fragment, no trailing slash; X posts become
/// `https://x.com/i/status/<id>` (the handle may change, the id does not) and
/// Instagram posts `https://instagram.com/p/<shortcode>` (reels and `/tv/` share
/// the shortcode space). A normalised permalink normalises to itself.
pub fn normalise_permalink(url: &str) -> String {
    let url = url.trim();
    if let Some(id) = youtube_video_id(url) {
        return format!("https://youtu.be/{id}");
    }
    let url = url.split(['?', '#']).next().unwrap_or(url).trim_end();
    let without_scheme = strip_scheme(url);
    let (host, path) = match without_scheme.find('/') {
        Some(slash) => without_scheme.split_at(slash),
        None => (without_scheme, ""),
    };
    let host = canonical_host(host.trim());
    let path = path.trim_end_matches(|c: char| c == '/' || c.is_whitespace());
    let segments: Vec<&str> = path.split('/').map(str::trim).filter(|s| !s.is_empty()).collect();
    let path = match host.as_str() {
        "x.com" => x_path(&segments),
        "instagram.com" => instagram_path(&segments),
        "linkedin.com" => linkedin_path(&segments),
        _ => None,
    }
    .unwrap_or_else(|| path.to_owned());
    format!("https://{host}{path}")
}

/// The canonical permalink of an X post id, for exports that give only the id.
pub fn x_status_permalink(id: &str) -> String {
    format!("https://x.com/i/status/{}", id.trim())
}

/// The network a (normalised) permalink belongs to, where its host says so.
pub fn platform_of_permalink(url: &str) -> Option<Platform> {
    let host = canonical_host(strip_scheme(url).split('/').next().unwrap_or(""));
    match host.as_str() {
        "x.com" => Some(Platform::X),
        "instagram.com" => Some(Platform::Instagram),
        "facebook.com" | "fb.com" => Some(Platform::Facebook),
        "linkedin.com" => Some(Platform::Linkedin),
        "threads.net" | "threads.com" => Some(Platform::Threads),
        "bsky.app" => Some(Platform::Bluesky),
        "youtube.com" | "youtu.be" => Some(Platform::Youtube),
        "tiktok.com" => Some(Platform::Tiktok),
        "pinterest.com" => Some(Platform::Pinterest),
        "xing.com" => Some(Platform::Xing),
        _ => None,
    }
}

/// Drops `http://` or `https://` in any letter case.
fn strip_scheme(url: &str) -> &str {
    for scheme in ["https://", "http://"] {
        if url.len() >= scheme.len() && url.is_char_boundary(scheme.len()) {
            let (head, tail) = url.split_at(scheme.len());
            if head.eq_ignore_ascii_case(scheme) {
                return tail;
            }
        }
    }
    url
}

/// Lower-case host without mobile or `www.` prefixes (all of them: `www.m.`); `twitter.com`
/// becomes `x.com`.
fn canonical_host(host: &str) -> String {
    let lower = host.to_ascii_lowercase();
    let mut host = lower.as_str();
    while let Some(rest) = ["www.", "mobile.", "m."]
        .iter()
        .find_map(|prefix| host.strip_prefix(prefix))
    {
        host = rest.trim_start();
    }
    let host = host.to_owned();
    if host == "twitter.com" {
        "x.com".to_owned()
    } else {
        host
    }
}

/// `/<handle>/status/<id>[/photo/1]` and `/i/web/status/<id>` → `/i/status/<id>`.
fn x_path(segments: &[&str]) -> Option<String> {
    let at = segments.iter().position(|s| *s == "status" || *s == "statuses")?;
    let id = segments.get(at + 1)?;
    id.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| format!("/i/status/{id}"))
}

/// The video id of a YouTube link in any of its forms: `youtube.com/watch?v=ID`,
/// `youtu.be/ID`, `youtube.com/shorts/ID`, `/embed/ID`, `/live/ID`.
fn youtube_video_id(url: &str) -> Option<&str> {
    let rest = strip_scheme(url);
    let (host, path) = rest.split_at(rest.find('/')?);
    let host = canonical_host(host);
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let path = path.split('#').next().unwrap_or(path);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let id = match (host.as_str(), segments.as_slice()) {
        ("youtu.be", [id, ..]) => Some(*id),
        ("youtube.com" | "music.youtube.com", ["watch"]) => {
            query.split(['&', '#']).find_map(|pair| pair.strip_prefix("v="))
        }
        ("youtube.com", ["shorts" | "embed" | "live" | "v", id, ..]) => Some(*id),
        _ => None,
    }?;
    let valid = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    valid.then_some(id)
}

/// LinkedIn's two links to one post: `/feed/update/urn:li:activity:<id>` and the
/// public `/posts/<handle>_<slug>-activity-<id>-<code>` both become the first.
fn linkedin_path(segments: &[&str]) -> Option<String> {
    match segments {
        ["feed", "update", urn, ..] => Some(format!("/feed/update/{}", urn.to_ascii_lowercase())),
        ["posts", slug, ..] => {
            let (_, tail) = slug.rsplit_once("-activity-")?;
            let id = tail.split('-').next()?;
            id.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| format!("/feed/update/urn:li:activity:{id}"))
        }
        _ => None,
    }
}

/// `/reel/<code>`, `/tv/<code>`, `/<user>/p/<code>` → `/p/<code>`.
fn instagram_path(segments: &[&str]) -> Option<String> {
    let at = segments
        .iter()
        .position(|s| matches!(*s, "p" | "reel" | "reels" | "tv"))?;
    let code = segments.get(at + 1)?;
    Some(format!("/p/{code}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_and_twitter_hosts_handles_and_queries_agree() {
        let canonical = "https://x.com/i/status/1812345678901234567";
        for url in [
            "https://twitter.com/radwerk_le/status/1812345678901234567",
            "https://x.com/radwerk_le/status/1812345678901234567?s=20&t=abc",
            "http://www.twitter.com/RadWerk_LE/status/1812345678901234567/",
            "https://mobile.twitter.com/radwerk_le/status/1812345678901234567#reply",
            "https://x.com/radwerk_le/status/1812345678901234567/photo/1",
            "https://x.com/i/web/status/1812345678901234567",
            " HTTPS://X.COM/radwerk_le/status/1812345678901234567 ",
        ] {
            assert_eq!(normalise_permalink(url), canonical, "{url}");
        }
        assert_eq!(x_status_permalink("1812345678901234567"), canonical);
    }

    #[test]
    fn instagram_keeps_the_case_of_the_shortcode() {
        assert_eq!(
            normalise_permalink("https://www.instagram.com/reel/C9xYz_AbC/?igsh=xyz"),
            "https://instagram.com/p/C9xYz_AbC"
        );
        assert_eq!(
            normalise_permalink("https://instagram.com/radwerk/p/C9xYz_AbC/"),
            "https://instagram.com/p/C9xYz_AbC"
        );
    }

    #[test]
    fn other_hosts_lose_only_query_fragment_and_slash() {
        assert_eq!(
            normalise_permalink("https://m.facebook.com/Radwerk/posts/pfbid02Ab?ref=share"),
            "https://facebook.com/Radwerk/posts/pfbid02Ab"
        );
        assert_eq!(
            normalise_permalink("bsky.app/profile/a.b/post/3k"),
            "https://bsky.app/profile/a.b/post/3k"
        );
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        for (url, canonical) in [
            ("https://example.com/a /?ref=1", "https://example.com/a"),
            ("https://example.com ?ref=1", "https://example.com"),
            (
                "https://www.m.facebook.com/a/posts/1",
                "https://facebook.com/a/posts/1",
            ),
            (
                "https://instagram.com/p/ C9xYz /",
                "https://instagram.com/p/C9xYz",
            ),
            ("https://x.com/jana/status/ 181 ", "https://x.com/i/status/181"),
            ("https://m. www.example.com\u{2003}/a", "https://example.com/a"),
        ] {
            assert_eq!(normalise_permalink(url), canonical, "{url}");
            assert_eq!(normalise_permalink(canonical), canonical, "{canonical}");
        }
    }

    #[test]
    fn hosts_name_their_platform() {
        assert_eq!(
            platform_of_permalink("https://x.com/i/status/1"),
            Some(Platform::X)
        );
        assert_eq!(
            platform_of_permalink("https://www.instagram.com/p/a"),
            Some(Platform::Instagram)
        );
        assert_eq!(
            platform_of_permalink("https://facebook.com/a/posts/1"),
            Some(Platform::Facebook)
        );
        assert_eq!(platform_of_permalink("https://example.com/a"), None);
    }

    #[test]
    fn youtube_and_linkedin_links_agree_with_their_ids() {
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=12s",
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ",
        ] {
            assert_eq!(normalise_permalink(url), "https://youtu.be/dQw4w9WgXcQ", "{url}");
        }
        let canonical = "https://linkedin.com/feed/update/urn:li:activity:7140000000000000001";
        for url in [
            "https://www.linkedin.com/feed/update/urn:li:activity:7140000000000000001/",
            "https://www.linkedin.com/posts/radwerk_winterreifen-activity-7140000000000000001-AbCd?utm_source=share",
            canonical,
        ] {
            assert_eq!(normalise_permalink(url), canonical, "{url}");
        }
    }
}
