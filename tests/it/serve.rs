//! `touchpoint serve` and `touchpoint check --watch`, run as real processes on a temp copy
//! of `tests/fixtures/serve-basic`, talked to over raw HTTP on 127.0.0.1.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// How long the first build may take (debug build, loaded CI machine).
const STARTUP: Duration = Duration::from_secs(60);
/// How long a rebuild and its event may take.
const REBUILD: Duration = Duration::from_secs(2);

/// A running `touchpoint` process, killed when dropped. It holds a turn among the heavy
/// tests (its rebuilds are timed) until then: fields drop after `drop` kills it.
struct Running {
    child: Child,
    lines: Receiver<String>,
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    fn start(args: &[&str]) -> Running {
        let turn = common::exclusive();
        let mut child = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
            .args(args)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("binary starts");
        let stdout = child.stdout.take().expect("stdout piped");
        Running {
            child,
            lines: read_lines(stdout),
            _turn: turn,
        }
    }

    /// Waits for a stdout line containing `needle`.
    fn wait_for_line(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => panic!("no line containing {needle:?} within {timeout:?}"),
            }
        }
    }
}

fn read_lines(stdout: ChildStdout) -> Receiver<String> {
    let (sender, lines) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                return;
            }
        }
    });
    lines
}

/// A dev server on a temp copy of the fixture.
struct DevServer {
    _dir: tempfile::TempDir,
    repo: PathBuf,
    addr: SocketAddr,
    process: Running,
}

impl DevServer {
    fn start() -> DevServer {
        DevServer::start_with(&[])
    }

    /// A dev server with more `serve` options (`--allow-host NAME`).
    fn start_with(options: &[&str]) -> DevServer {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        crate::common::copy_dir(&common::fixture("serve-basic"), &repo);
        let mut args = vec![
            "serve",
            repo.to_str().unwrap(),
            "--port",
            "0",
            "--today",
            "2026-12-01",
        ];
        args.extend_from_slice(options);
        let process = Running::start(&args);
        let line = process.wait_for_line("Serving", STARTUP);
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        let addr: SocketAddr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap();
        assert!(
            addr.ip().is_loopback(),
            "listens on 127.0.0.1 by default, not {addr}"
        );
        DevServer {
            _dir: dir,
            repo,
            addr,
            process,
        }
    }

    fn get(&self, path: &str) -> Response {
        get(self.addr, path)
    }

    /// A field of the server process's `/proc/PID/status` (`VmRSS`, `Threads`), as a number.
    fn status_field(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.process.child.id())).unwrap();
        status
            .lines()
            .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|value| value.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| panic!("no {field} in the server's status"))
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.repo.join(rel), text).unwrap();
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.repo.join(rel)).unwrap()
    }
}

struct Response {
    status: u16,
    headers: String,
    body: String,
}

impl Response {
    fn content_type(&self) -> String {
        self.headers
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-type")
                    .then(|| value.trim().to_owned())
            })
            .unwrap_or_default()
    }
}

/// A GET with the path sent exactly as given (no client-side normalisation of `..`).
fn get(addr: SocketAddr, path: &str) -> Response {
    get_as(addr, path, &format!("Host: {addr}\r\n"))
}

/// A GET with the given header lines (each ending in CRLF) instead of the usual `Host`.
fn get_as(addr: SocketAddr, path: &str, headers: &str) -> Response {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    read_response(&mut stream)
}

/// Reads a whole response until the server closes the connection.
fn read_response(stream: &mut TcpStream) -> Response {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"));
    Response {
        status,
        headers: head.to_owned(),
        body: body.to_owned(),
    }
}

/// One server-sent event: its name and data.
type Event = (String, String);

/// Subscribes to the live-reload stream; events arrive on the receiver.
fn subscribe(addr: SocketAddr) -> Receiver<Event> {
    subscribe_as(addr, &addr.to_string())
}

/// Subscribes to the live-reload stream, naming `host` in the `Host` header.
fn subscribe_as(addr: SocketAddr, host: &str) -> Receiver<Event> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    write!(
        stream,
        "GET /__touchpoint/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (sender, events) = channel();
    std::thread::spawn(move || {
        let reader = BufReader::new(stream);
        let (mut name, mut data) = (String::new(), String::new());
        for line in reader.lines().map_while(Result::ok) {
            if let Some(value) = line.strip_prefix("event: ") {
                name = value.to_owned();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data = value.to_owned();
            } else if line.is_empty()
                && !name.is_empty()
                && sender
                    .send((std::mem::take(&mut name), std::mem::take(&mut data)))
                    .is_err()
            {
                return;
            }
        }
    });
    events
}

/// Waits for an event named `name`, skipping others.
fn wait_for_event(events: &Receiver<Event>, name: &str, timeout: Duration) -> String {
    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok((event, data)) if event == name => return data,
            Ok(_) => {}
            Err(_) => panic!("no {name:?} event within {timeout:?}"),
        }
    }
}

/// Waits for a `reload` event that lists `page`.
fn wait_for_reload_of(events: &Receiver<Event>, page: &str, timeout: Duration) -> String {
    let deadline = Instant::now() + timeout;
    loop {
        let data = wait_for_event(
            events,
            "reload",
            deadline.saturating_duration_since(Instant::now()),
        );
        if data.contains(&format!("\"{page}\"")) || data.contains("\"pages\":null") {
            return data;
        }
    }
}

#[test]
fn serves_the_site_with_the_reload_script_and_nothing_outside_it() {
    let server = DevServer::start();

    let index = server.get("/");
    assert_eq!(index.status, 200);
    assert_eq!(index.content_type(), "text/html; charset=utf-8");
    assert!(index.body.contains("Serve Fixture"));
    assert!(
        index
            .body
            .contains("<script src=\"/__touchpoint/live-reload.js\""),
        "live-reload script linked"
    );
    let script = server.get("/__touchpoint/live-reload.js");
    assert_eq!(script.status, 200);
    assert!(script.content_type().starts_with("text/javascript"));
    assert!(script.body.contains("/__touchpoint/events"));

    let css = server.get("/static/style.css");
    assert_eq!(css.status, 200);
    assert!(css.content_type().starts_with("text/css"));

    let post = server.get("/posts/2026/12/tyres.html");
    assert_eq!(post.status, 200);
    assert!(post.body.contains("Winter tyres"));

    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/posts/..%2f..%2fCargo.toml",
        "/..%5cCargo.toml",
    ] {
        let response = server.get(path);
        assert!(
            matches!(response.status, 403 | 404),
            "{path}: status {}",
            response.status
        );
        assert!(!response.body.contains("[package]"), "{path} leaked a file");
    }

    let missing = server.get("/missing.html");
    assert_eq!(missing.status, 404);
    assert!(missing.content_type().starts_with("text/html"));
}

#[test]
fn an_edited_post_is_served_and_its_pages_reload() {
    let server = DevServer::start();
    let events = subscribe(server.addr);
    wait_for_event(&events, "hello", REBUILD);

    let rel = "posts/2026/12/tyres.md";
    let started = Instant::now();
    server.write(
        rel,
        &server
            .read(rel)
            .replace("Winter tyres", "Winter tyres, checked twice"),
    );
    let reload = wait_for_event(&events, "reload", REBUILD);
    let waited = started.elapsed();
    assert!(reload.contains("posts/2026/12/tyres.html"), "{reload}");
    assert!(
        !reload.contains("posts/2027/01/opening.html"),
        "other post pages are not re-rendered: {reload}"
    );

    let page = server.get("/posts/2026/12/tyres.html");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Winter tyres, checked twice"),
        "served after {waited:?}"
    );
    // Then the pages that list it.
    let lists = wait_for_reload_of(&events, "posts.html", REBUILD);
    assert!(lists.contains("\"posts.html\""), "{lists}");
    let list = server.get("/posts.html");
    assert!(list.body.contains("Winter tyres, checked twice"));
    server.process.wait_for_line("rebuilt", REBUILD);
}

#[test]
fn a_new_and_a_deleted_post_are_followed() {
    let server = DevServer::start();
    let events = subscribe(server.addr);
    wait_for_event(&events, "hello", REBUILD);

    let text = server
        .read("posts/2026/12/tyres.md")
        .replace("Winter tyres", "Chain care");
    server.write("posts/2026/12/chain.md", &text);
    wait_for_reload_of(&events, "posts/2026/12/chain.html", REBUILD);
    assert_eq!(server.get("/posts/2026/12/chain.html").status, 200);
    wait_for_reload_of(&events, "posts.html", REBUILD);
    assert!(server.get("/posts.html").body.contains("Chain care"));

    std::fs::remove_file(server.repo.join("posts/2026/12/chain.md")).unwrap();
    wait_for_reload_of(&events, "posts/2026/12/chain.html", REBUILD);
    assert_eq!(server.get("/posts/2026/12/chain.html").status, 404);
}

#[test]
fn broken_front_matter_is_reported_and_the_last_good_site_stays_until_fixed() {
    let server = DevServer::start();
    let events = subscribe(server.addr);
    wait_for_event(&events, "hello", REBUILD);

    let rel = "posts/2026/12/lights.md";
    let good = server.read(rel);
    server.write(rel, "+++\ntitle = \"Lights on\nstatus = \n+++\nhalf-written");
    let problems = wait_for_event(&events, "problems", REBUILD);
    assert!(problems.contains(rel), "the error names the file: {problems}");
    assert!(problems.contains("syntax-error"), "{problems}");
    server.process.wait_for_line("build failed", REBUILD);

    let page = server.get("/posts/2026/12/lights.html");
    assert_eq!(page.status, 200, "the last good page is still served");
    assert!(page.body.contains("Lights on"));

    // A page opened now learns of the failure at once.
    let late = subscribe(server.addr);
    let hello = wait_for_event(&late, "hello", REBUILD);
    assert!(hello.contains(rel), "{hello}");

    server.write(rel, &good.replace("Lights on", "Lights fixed"));
    wait_for_reload_of(&events, "posts/2026/12/lights.html", REBUILD);
    let page = server.get("/posts/2026/12/lights.html");
    assert!(page.body.contains("Lights fixed"));
}

#[test]
fn check_watch_reports_again_after_a_change() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&common::fixture("serve-basic"), dir.path());
    let process = Running::start(&[
        "check",
        "--watch",
        "--today",
        "2026-12-01",
        dir.path().to_str().unwrap(),
    ]);
    process.wait_for_line("0 errors", STARTUP);
    process.wait_for_line("watching", REBUILD);

    let rel = dir.path().join("posts/2026/12/tyres.md");
    let text = std::fs::read_to_string(&rel).unwrap();
    std::fs::write(
        &rel,
        text.replace("pillar = \"tips\"", "pillar = \"nonexistent\""),
    )
    .unwrap();
    process.wait_for_line("1 error", REBUILD);
}

#[test]
fn a_browser_runs_the_reload_script_and_shows_the_overlay() {
    let Some(browser) = common::chromium() else {
        assert!(
            std::env::var_os("TOUCHPOINT_REQUIRE_BROWSER").is_none(),
            "Chromium is required (TOUCHPOINT_REQUIRE_BROWSER is set)"
        );
        eprintln!("skipped: Chromium is not installed");
        return;
    };
    let server = DevServer::start();
    let profile = tempfile::tempdir().unwrap();
    let url = format!("http://{}/posts/2026/12/tyres.html", server.addr);

    let dom = common::dump_dom(browser, &url, profile.path(), "--timeout=5000");
    assert!(dom.contains("Winter tyres"), "the page loaded: {dom}");
    assert!(
        !dom.contains("the build failed"),
        "no overlay while the build is good"
    );

    let rel = "posts/2026/12/lights.md";
    server.write(rel, "+++\ntitle = \"Lights\n+++\n");
    server.process.wait_for_line("build failed", REBUILD);
    // A loaded machine may start the browser too slowly for one short look: look again.
    let mut dom = String::new();
    for _ in 0..5 {
        dom = common::dump_dom(browser, &url, profile.path(), "--timeout=5000");
        if dom.contains("the build failed") {
            break;
        }
    }
    assert!(
        dom.contains("the build failed"),
        "the script ran and showed the overlay: {dom}"
    );
    assert!(
        dom.contains(&format!("{rel}:2:")),
        "the overlay names file and line"
    );
    assert!(
        dom.contains("Winter tyres"),
        "the last good page stays under the overlay"
    );
}

/// Polls `path` until its body contains `needle` (the dev server catches up after a burst).
fn wait_for_body(server: &DevServer, path: &str, needle: &str, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        let response = server.get(path);
        if response.status == 200 && response.body.contains(needle) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{path} did not show {needle:?} within {timeout:?}");
}

#[test]
fn survives_a_thousand_rapid_edits_renames_and_deletions() {
    let server = DevServer::start();
    let post = "posts/2026/12/tyres.md";
    let original = server.read(post);
    let repo = server.repo.clone();
    for i in 0..1000 {
        match i % 5 {
            0 | 1 => server.write(
                post,
                &original.replace("Winter tyres", &format!("Winter tyres {i}")),
            ),
            2 => std::fs::rename(repo.join(post), repo.join("posts/2026/12/renamed.md")).unwrap(),
            3 => std::fs::rename(repo.join("posts/2026/12/renamed.md"), repo.join(post)).unwrap(),
            _ => server.write(post, "+++\ntitle = \"half-writ"),
        }
        if i % 100 == 0 {
            assert_eq!(
                server.get("/").status,
                200,
                "the server answers during the burst (edit {i})"
            );
        }
    }
    // The whole posts folder disappears, then comes back.
    std::fs::rename(repo.join("posts"), repo.join("posts-away")).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        server.get("/").status,
        200,
        "the server answers with the posts folder gone"
    );
    std::fs::rename(repo.join("posts-away"), repo.join("posts")).unwrap();
    server.write(post, &original.replace("Winter tyres", "Winter tyres final"));
    wait_for_body(
        &server,
        "/posts/2026/12/tyres.html",
        "Winter tyres final",
        Duration::from_secs(30),
    );
    assert_eq!(
        server.get("/posts/2026/12/renamed.html").status,
        404,
        "the renamed copy is gone"
    );
}

/// Every path a DNS-rebinding page would want: a page, the publish queue, the event stream.
const PRIVATE_PATHS: [&str; 5] = [
    "/",
    "/posts/2026/12/tyres.html",
    "/export/publish-queue.json",
    "/__touchpoint/events",
    "/__touchpoint/live-reload.js",
];

#[test]
fn other_host_names_are_refused_on_every_path_with_how_to_allow_them() {
    let server = DevServer::start();
    let port = server.addr.port();
    assert_eq!(server.get("/export/publish-queue.json").status, 200);
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_owned(),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("[::2]:{port}"),
    ] {
        for path in PRIVATE_PATHS {
            let response = get_as(server.addr, path, &format!("Host: {host}\r\n"));
            assert!(
                matches!(response.status, 421 | 403),
                "Host {host}, {path}: status {}",
                response.status
            );
            assert!(response.content_type().starts_with("text/plain"), "{host} {path}");
            assert!(
                response.body.contains("--allow-host"),
                "the answer says how to allow the host: {}",
                response.body
            );
            assert!(
                !response.body.contains("Winter tyres"),
                "{host} {path} leaked the plan"
            );
        }
    }
    // HTTP/1.1 without a Host header, and with two of them.
    for headers in ["", "Host: evil.example\r\nHost: localhost\r\n"] {
        let response = get_as(server.addr, "/", headers);
        assert!(
            matches!(response.status, 400 | 421 | 403),
            "{headers:?}: status {}",
            response.status
        );
        assert!(!response.body.contains("Winter tyres"));
    }
}

#[test]
fn its_own_host_names_are_served_at_any_port_and_case() {
    let server = DevServer::start();
    let port = server.addr.port();
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        format!("LocalHost:{port}"),
        "localhost.:8080".to_owned(),
        "localhost".to_owned(),
    ] {
        let response = get_as(server.addr, "/", &format!("Host: {host}\r\n"));
        assert_eq!(response.status, 200, "Host {host}");
        assert!(response.body.contains("Serve Fixture"), "Host {host}");
    }
    let events = subscribe_as(server.addr, &format!("localhost:{port}"));
    wait_for_event(&events, "hello", REBUILD);
}

#[test]
fn allow_host_adds_a_name_and_nothing_else() {
    let server = DevServer::start_with(&["--allow-host", "my.lan", "--allow-host", "192.168.1.50"]);
    let port = server.addr.port();
    for host in [
        format!("my.lan:{port}"),
        "MY.LAN".to_owned(),
        format!("192.168.1.50:{port}"),
    ] {
        let response = get_as(
            server.addr,
            "/export/publish-queue.json",
            &format!("Host: {host}\r\n"),
        );
        assert_eq!(response.status, 200, "Host {host}");
    }
    let events = subscribe_as(server.addr, &format!("my.lan:{port}"));
    wait_for_event(&events, "hello", REBUILD);
    assert_eq!(
        get_as(server.addr, "/", &format!("Host: localhost:{port}\r\n")).status,
        200
    );
    let other = get_as(server.addr, "/", &format!("Host: other.lan:{port}\r\n"));
    assert!(matches!(other.status, 421 | 403), "status {}", other.status);
}

#[test]
fn an_oversized_request_head_is_refused_without_being_buffered() {
    let server = DevServer::start();
    let mut stream = TcpStream::connect_timeout(&server.addr, Duration::from_secs(5)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let filler = "a".repeat(20 * 1024);
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {}\r\nX-Filler: {filler}\r\n\r\n",
        server.addr
    )
    .unwrap();
    let response = read_response(&mut stream);
    assert_eq!(response.status, 431, "{}", response.headers);

    // A 50 MB header line: the server stops reading at its cap and closes the connection.
    let before = server.status_field("VmRSS");
    let mut stream = TcpStream::connect_timeout(&server.addr, Duration::from_secs(5)).unwrap();
    stream.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let total = 50 * 1024 * 1024;
    let mut sent = 0;
    let mut closed = write!(stream, "GET / HTTP/1.1\r\nHost: {}\r\nX-Filler: ", server.addr).is_err();
    while !closed && sent < total {
        match stream.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => closed = true,
        }
    }
    let after = server.status_field("VmRSS");
    assert!(
        closed,
        "the server read the whole 50 MB header ({sent} bytes sent)"
    );
    assert!(
        after < before + 32 * 1024,
        "the server grew from {before} kB to {after} kB while refusing a long header"
    );
    assert_eq!(server.get("/").status, 200, "the server still answers");
}

#[test]
fn idle_connections_neither_start_a_thread_each_nor_stop_the_server() {
    let server = DevServer::start();
    let idle: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect_timeout(&server.addr, Duration::from_secs(5)).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let response = get(server.addr, "/");
    assert!(
        matches!(response.status, 200 | 503),
        "a page while 300 connections idle: {}",
        response.status
    );
    let threads = server.status_field("Threads");
    assert!(
        threads <= 128,
        "{} idle connections, {threads} threads",
        idle.len()
    );
    drop(idle);
    wait_for_body(&server, "/", "Serve Fixture", Duration::from_secs(15));
}

#[test]
fn a_slow_client_is_cut_off() {
    let server = DevServer::start();
    let mut stream = TcpStream::connect_timeout(&server.addr, Duration::from_secs(5)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(stream, "GET / HTTP/1.1\r\nHost: {}\r\n", server.addr).unwrap();
    let started = Instant::now();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    assert!(
        started.elapsed() < Duration::from_secs(25),
        "an unfinished request head holds the connection for {:?}",
        started.elapsed()
    );
    assert!(!String::from_utf8_lossy(&raw).contains("Serve Fixture"));
}

#[test]
fn open_event_streams_do_not_starve_page_requests() {
    let server = DevServer::start();
    let streams: Vec<Receiver<Event>> = (0..100).map(|_| subscribe(server.addr)).collect();
    std::thread::sleep(Duration::from_millis(500));
    for _ in 0..40 {
        let response = get(server.addr, "/");
        assert_eq!(response.status, 200, "pages are served beside 100 event streams");
    }
    let threads = server.status_field("Threads");
    assert!(threads <= 128, "100 event streams, {threads} threads");
    // The streams within the cap still get their events.
    let hellos = streams
        .iter()
        .filter(|events| {
            events
                .recv_timeout(REBUILD)
                .is_ok_and(|(name, _)| name == "hello")
        })
        .count();
    assert!(hellos >= 16, "only {hellos} of 100 streams said hello");
}

#[test]
fn listening_on_all_addresses_still_answers_only_allowed_names() {
    let server = DevServer::start_with(&["--bind", "0.0.0.0", "--allow-host", "my.lan"]);
    let port = server.addr.port();
    for host in [format!("127.0.0.1:{port}"), format!("my.lan:{port}")] {
        let response = get_as(server.addr, "/", &format!("Host: {host}\r\n"));
        assert_eq!(response.status, 200, "Host {host}");
    }
    for host in [format!("0.0.0.0:{port}"), format!("evil.example:{port}")] {
        let response = get_as(server.addr, "/", &format!("Host: {host}\r\n"));
        assert_eq!(response.status, 421, "Host {host}");
    }
}
