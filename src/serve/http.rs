//! The dev server's HTTP side: serves the in-memory site and the event stream.
//!
//! Built on `tiny_http`: a small synchronous server that compiles in seconds, which is
//! all a single-user dev server on 127.0.0.1 needs. A few worker threads answer page
//! requests; each event stream gets its own thread holding the connection open.
//!
//! Only files of the rendered site are served (it lives in memory, so no request can
//! reach the disk): paths are percent-decoded once and `.`/`..` segments are refused.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::reload::{EVENTS_PATH, SCRIPT_PATH, inject_script, script};
use super::state::Served;

/// How many threads answer page requests.
const WORKERS: usize = 4;
/// How often an idle event stream gets a comment, to notice closed connections.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[error("cannot listen on {addr}: {message}")]
pub struct BindError {
    /// The address asked for.
    pub addr: SocketAddr,
    /// What the system said.
    pub message: String,
}

/// Starts serving `served` on `bind:port` (port 0: any free port) in background
/// threads; returns the address actually listened on.
pub fn start(bind: IpAddr, port: u16, served: Arc<Served>) -> Result<SocketAddr, BindError> {
    let wanted = SocketAddr::new(bind, port);
    let server = Server::http(wanted).map_err(|err| BindError {
        addr: wanted,
        message: err.to_string(),
    })?;
    let addr = server.server_addr().to_ip().unwrap_or(wanted);
    let server = Arc::new(server);
    for _ in 0..WORKERS {
        let server = Arc::clone(&server);
        let served = Arc::clone(&served);
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(request, &served);
            }
        });
    }
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

fn handle(request: Request, served: &Arc<Served>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, "Only GET and HEAD are served.\n"));
        return;
    }
    let response = match resolve(request.url()) {
        Target::Events => {
            let served = Arc::clone(served);
            std::thread::spawn(move || stream_events(request, &served));
            return;
        }
        Target::Script => respond(200, content_type("a.js"), script().into_bytes()),
        Target::Forbidden => text(403, "Forbidden: the path leaves the site.\n"),
        Target::BadRequest => text(400, "Bad request: malformed path.\n"),
        Target::File(path) => file_response(&path, served),
    };
    let _ = request.respond(response);
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

fn file_response(path: &str, served: &Served) -> Response<std::io::Cursor<Vec<u8>>> {
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

fn status_page(title: &str, message: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><h1>{title}</h1><p>{message}</p><p><a href=\"/\">Overview</a></p></body></html>\n"
    )
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn respond(status: u16, content_type: &str, body: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response = Response::from_data(body).with_status_code(StatusCode(status));
    let headers = [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    for (name, value) in headers {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    respond(status, "text/plain; charset=utf-8", body.as_bytes().to_vec())
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
/// every [`KEEP_ALIVE`] so a closed page is noticed and its thread ends.
fn stream_events(request: Request, served: &Served) {
    let (sender, events) = channel();
    let hello = served.subscribe(sender);
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: close\r\nX-Accel-Buffering: no\r\n\r\nretry: 1000\n\n";
    let mut send = |chunk: &str| writer.write_all(chunk.as_bytes()).and_then(|()| writer.flush());
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
