//! The dev server's HTTP side: who is answered, and with what.
//!
//! Every connection carries one request: its head is read within 16 KiB and a deadline
//! ([`wire`](super::wire)), it must name an allowed host ([`host`](super::host)), and the
//! answer is a file of the in-memory site, the live-reload script, or the event stream
//! (held open in its own thread, at most [`EVENT_STREAMS`] at a time, so open pages never
//! take the workers that answer page requests; see [`pool`](super::pool)).
//!
//! Only files of the rendered site are served (it lives in memory, so no request can
//! reach the disk): paths are percent-decoded once and `.`/`..` segments are refused.

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::host::{AllowedHosts, HostName, parse_host_header};
use super::pool::{Closer, Slot, Slots, serve_connections};
use super::reload::{EVENTS_PATH, SCRIPT_PATH, inject_script, script};
use super::state::Served;
use super::wire::{DeadlineReader, Head, MAX_HEAD, Reply, read_head};

/// How many live-reload streams may be open at once (one per open page).
const EVENT_STREAMS: usize = 64;
/// How long a client has to send its request head (slow clients are cut off).
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one write may wait for a client that does not read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// How often an idle event stream gets a comment, to notice closed connections.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How many refused host names are reported in the terminal (once each).
const NOTED_HOSTS: usize = 16;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[error("cannot listen on {addr}: {message}")]
pub struct BindError {
    /// The address asked for.
    pub addr: SocketAddr,
    /// What the system said.
    pub message: String,
}

/// What every worker shares: the site, who is answered, and the open streams.
struct Site {
    served: Arc<Served>,
    hosts: AllowedHosts,
    streams: Arc<Slots>,
    closer: Arc<Closer>,
    /// Refused host names already reported in the terminal.
    noted: Mutex<Vec<HostName>>,
}

/// Starts serving `served` on `bind:port` (port 0: any free port) to requests naming one
/// of `hosts`, in background threads; returns the address actually listened on.
pub(super) fn start(
    bind: IpAddr,
    port: u16,
    hosts: AllowedHosts,
    served: Arc<Served>,
) -> Result<SocketAddr, BindError> {
    let wanted = SocketAddr::new(bind, port);
    let listener = TcpListener::bind(wanted).map_err(|err| BindError {
        addr: wanted,
        message: err.to_string(),
    })?;
    let addr = listener.local_addr().unwrap_or(wanted);
    let closer = Arc::new(Closer::start());
    let site = Arc::new(Site {
        served,
        hosts,
        streams: Slots::new(EVENT_STREAMS),
        closer: Arc::clone(&closer),
        noted: Mutex::new(Vec::new()),
    });
    serve_connections(listener, closer, Arc::new(move |stream| site.answer(stream)));
    Ok(addr)
}

/// What a request path resolves to.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A file of the site, by output path.
    File(String),
    /// The live-reload event stream.
    Events,
    /// The live-reload script.
    Script,
    /// A path trying to leave the site (`..`, `.`, a backslash, a NUL).
    Forbidden,
    /// Malformed percent-encoding or not UTF-8.
    BadRequest,
}

/// What one request gets.
enum Answer {
    /// A whole response.
    Reply(Reply),
    /// The event stream, held open.
    Events,
}

impl Site {
    /// Reads one request from `stream` and answers it; the connection ends with it.
    fn answer(&self, stream: TcpStream) {
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let head = read_head(&mut DeadlineReader::new(&stream, HEAD_TIMEOUT), MAX_HEAD);
        let (reply, head_only) = match head {
            Ok(head) => match self.route(&head) {
                Answer::Events => return self.open_stream(stream),
                Answer::Reply(reply) => (reply, head.method == "HEAD"),
            },
            Err(err) => match Reply::for_head_error(&err) {
                Some(reply) => (reply, false),
                None => return,
            },
        };
        let _ = reply.write_to(&mut &stream, head_only);
        self.closer.close(stream);
    }

    /// Checks the host and the method, then maps the path to what is served.
    fn route(&self, head: &Head) -> Answer {
        let hosts = head.values("host");
        if !self.hosts.allows(&hosts, head.minor) {
            self.note_refused(&hosts);
            return Answer::Reply(Reply::text(421, self.hosts.refusal(&hosts)));
        }
        if !matches!(head.method.as_str(), "GET" | "HEAD") {
            return Answer::Reply(Reply::text(405, "Only GET and HEAD are served.\n"));
        }
        Answer::Reply(match resolve(&head.target) {
            Target::Events if head.method == "GET" => return Answer::Events,
            Target::Events => respond(200, "text/event-stream", Vec::new()),
            Target::Script => respond(200, content_type("a.js"), script().into_bytes()),
            Target::Forbidden => Reply::text(403, "Forbidden: the path leaves the site.\n"),
            Target::BadRequest => Reply::text(400, "Bad request: malformed path.\n"),
            Target::File(path) => file_response(&path, &self.served),
        })
    }

    /// Tells the terminal, once per name, that a host was refused and how to allow it:
    /// the user who opened the site from a phone learns why it did not load.
    fn note_refused(&self, hosts: &[&str]) {
        let [host] = hosts else { return };
        let Some(name) = parse_host_header(host) else {
            return;
        };
        let mut noted = self.noted.lock().unwrap_or_else(PoisonError::into_inner);
        if noted.len() < NOTED_HOSTS && !noted.contains(&name) {
            eprintln!("refused a request for host {name}; to serve it, restart with --allow-host {name}");
            noted.push(name);
        }
    }

    /// Hands the event stream its own thread, unless [`EVENT_STREAMS`] are open (503).
    fn open_stream(&self, stream: TcpStream) {
        let Some(slot) = self.streams.take() else {
            let reply = Reply::text(
                503,
                "Service unavailable: too many live-reload streams are open.\n",
            );
            let _ = reply.write_to(&mut &stream, false);
            return self.closer.close(stream);
        };
        let served = Arc::clone(&self.served);
        std::thread::spawn(move || stream_events(stream, &served, slot));
    }
}

/// Maps a request target (`/posts/a.html?x=1`) to what is served.
fn resolve(url: &str) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if path == EVENTS_PATH {
        return Target::Events;
    }
    if path == SCRIPT_PATH {
        return Target::Script;
    }
    let Some(decoded) = percent_decode(path) else {
        return Target::BadRequest;
    };
    if !decoded.starts_with('/') {
        return Target::BadRequest;
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    let leaves = |s: &&str| *s == ".." || *s == "." || s.contains(['\\', '\0']);
    if segments.iter().any(leaves) {
        return Target::Forbidden;
    }
    let mut file = segments.join("/");
    if file.is_empty() || decoded.ends_with('/') {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Target::File(file)
}

/// Decodes `%XX` escapes; `None` for a malformed escape or a result that is not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = path.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn file_response(path: &str, served: &Served) -> Reply {
    let content_type = content_type(path);
    match served.file(path) {
        Some(bytes) if content_type.starts_with("text/html") => {
            respond(200, content_type, inject_script(&bytes, served.generation()))
        }
        Some(bytes) => respond(200, content_type, bytes),
        None if !served.has_site() => {
            let page = status_page(
                "Building…",
                "The first build has not succeeded yet; see the terminal.",
            );
            respond(
                503,
                "text/html; charset=utf-8",
                inject_script(page.as_bytes(), served.generation()),
            )
        }
        None => {
            let message = format!("There is no page at /{}.", escape_html(path));
            let page = status_page("404 Not found", &message);
            respond(
                404,
                "text/html; charset=utf-8",
                inject_script(page.as_bytes(), served.generation()),
            )
        }
    }
}

/// The dev server's own page (still building, no such page): developer output like the
/// terminal's, so English in any project language, and declared so (docs/lang.md).
fn status_page(title: &str, message: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><h1>{title}</h1><p>{message}</p><p><a href=\"/\">Overview</a></p></body></html>\n"
    )
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A response with the site's headers (`Cache-Control: no-store`, `nosniff`, see
/// [`Reply::write_to`]).
fn respond(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
    Reply {
        status,
        content_type,
        body,
    }
}

/// The `Content-Type` of an output file, by extension.
fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "heic" => "image/heic",
        "ico" => "image/x-icon",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "mov" => "video/quicktime",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "xml" => "application/xml",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

/// Holds an event stream open: `hello` first, then every build event, with a comment
/// every [`KEEP_ALIVE`] so a closed page is noticed and its thread (and slot) ends.
fn stream_events(mut stream: TcpStream, served: &Served, _slot: Slot) {
    let (sender, events) = channel();
    let hello = served.subscribe(sender);
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: close\r\nX-Accel-Buffering: no\r\n\r\nretry: 1000\n\n";
    let mut send = |chunk: &str| stream.write_all(chunk.as_bytes()).and_then(|()| stream.flush());
    if send(head).and_then(|()| send(&hello.to_sse())).is_err() {
        return;
    }
    loop {
        let chunk = match events.recv_timeout(KEEP_ALIVE) {
            Ok(event) => event.to_sse(),
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_owned(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if send(&chunk).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_site_files() {
        assert_eq!(resolve("/"), Target::File("index.html".into()));
        assert_eq!(resolve("/posts/a.html?x=1"), Target::File("posts/a.html".into()));
        assert_eq!(resolve("/calendar/"), Target::File("calendar/index.html".into()));
        assert_eq!(
            resolve("/posts/m%C3%A4rz.html"),
            Target::File("posts/märz.html".into())
        );
        assert_eq!(resolve(EVENTS_PATH), Target::Events);
        assert_eq!(resolve(SCRIPT_PATH), Target::Script);
    }

    #[test]
    fn traversal_is_refused() {
        for url in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/a/%2E%2E/%2e%2e/x",
            "/a/./b",
            "/a%5c..%5cb",
            "/%00",
        ] {
            assert_eq!(resolve(url), Target::Forbidden, "{url}");
        }
        assert_eq!(resolve("/%zz"), Target::BadRequest);
        assert_eq!(resolve("/%ff"), Target::BadRequest);
        assert_eq!(resolve("http://example.com/"), Target::BadRequest);
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("media/a.JPG"), "image/jpeg");
        assert_eq!(content_type("charts/a.svg"), "image/svg+xml");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
