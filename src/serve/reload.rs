//! Live reload: the script the dev server links from every HTML page, and the events it
//! listens to over Server-Sent Events at [`EVENTS_PATH`].
//!
//! After a successful rebuild the server sends `reload` (with the pages it re-rendered);
//! a page that was among them reloads itself. A failed build sends `problems`, which the
//! script shows in an overlay over the last good page; the next good build reloads the
//! page and the overlay is gone. The script is added only when serving: built sites
//! never carry it.

use serde::Serialize;

use super::outcome::Problem;

/// Where the browser subscribes to build events.
pub const EVENTS_PATH: &str = "/__touchpoint/events";

/// Where the page loads the live-reload script from (same origin, so the theme's
/// Content-Security-Policy `script-src 'self'` allows it; an inline script would be blocked).
pub const SCRIPT_PATH: &str = "/__touchpoint/live-reload.js";

/// The live-reload client.
const SCRIPT: &str = include_str!("live-reload.js");

/// The live-reload script as served at [`SCRIPT_PATH`].
pub fn script() -> String {
    SCRIPT.replace("__EVENTS_PATH__", EVENTS_PATH)
}

/// Adds the live-reload script tag to an HTML page, before `</body>` (or at the end).
/// The tag carries the build the page comes from, so a page that missed a rebuild (a
/// reconnect, a restart) reloads when the stream says hello.
pub fn inject_script(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\"></script>\n");
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// A message to every open page.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// Sent first on every connection: the current build, and its problems if it failed.
    Hello {
        /// The build being served.
        generation: u64,
        /// The problems of the last build, if it failed.
        problems: Option<Vec<Problem>>,
    },
    /// New pages are served; `pages: None` means every page changed.
    Reload {
        /// The build now served.
        generation: u64,
        /// The output paths re-rendered.
        pages: Option<Vec<String>>,
    },
    /// The build failed.
    Problems(Vec<Problem>),
}

#[derive(Serialize)]
struct HelloData<'a> {
    generation: u64,
    problems: &'a Option<Vec<Problem>>,
}

#[derive(Serialize)]
struct ReloadData<'a> {
    generation: u64,
    pages: &'a Option<Vec<String>>,
}

impl Event {
    /// The event in the `text/event-stream` wire format.
    pub fn to_sse(&self) -> String {
        let (name, data) = match self {
            Event::Hello { generation, problems } => (
                "hello",
                serde_json::to_string(&HelloData {
                    generation: *generation,
                    problems,
                }),
            ),
            Event::Reload { generation, pages } => (
                "reload",
                serde_json::to_string(&ReloadData {
                    generation: *generation,
                    pages,
                }),
            ),
            Event::Problems(problems) => ("problems", serde_json::to_string(problems)),
        };
        format!(
            "event: {name}\ndata: {}\n\n",
            data.unwrap_or_else(|_| "null".to_owned())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_closing_body_tag() {
        let page = inject_script(b"<html><body><p>x</p></body></html>", 7);
        let text = String::from_utf8(page).unwrap();
        let script = text.find("<script src=\"/__touchpoint/live-reload.js\"").unwrap();
        assert!(script > text.find("<p>x</p>").unwrap());
        assert!(script < text.find("</body>").unwrap());
        assert!(text.contains("data-generation=\"7\""));
    }

    #[test]
    fn a_page_without_body_gets_the_script_at_the_end() {
        let page = inject_script(b"<p>x</p>", 1);
        assert!(String::from_utf8(page).unwrap().trim_end().ends_with("</script>"));
    }

    #[test]
    fn the_script_listens_to_the_event_stream() {
        let js = script();
        assert!(js.contains(&format!("new EventSource(\"{EVENTS_PATH}\")")));
        assert!(!js.contains("__EVENTS_PATH__"), "the placeholder is filled");
    }

    #[test]
    fn events_use_the_event_stream_format() {
        let reload = Event::Reload {
            generation: 3,
            pages: Some(vec!["index.html".into()]),
        };
        assert_eq!(
            reload.to_sse(),
            "event: reload\ndata: {\"generation\":3,\"pages\":[\"index.html\"]}\n\n"
        );
        let problems = Event::Problems(vec![Problem {
            file: "posts/a.md".into(),
            line: 2,
            column: 1,
            rule: "syntax-error".into(),
            message: "line one\nline two".into(),
            help: None,
        }]);
        let sse = problems.to_sse();
        assert!(sse.starts_with("event: problems\ndata: [{\"file\":\"posts/a.md\""));
        assert_eq!(
            sse.matches('\n').count(),
            3,
            "JSON escapes newlines: one data line"
        );
    }
}
