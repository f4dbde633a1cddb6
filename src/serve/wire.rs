//! HTTP/1.x on the wire, as much as the dev server needs: read one request head within a
//! size cap and a deadline, write one response, close.
//!
//! This replaces `tiny_http`, which reads a header line into a buffer that grows without
//! limit (one 500 MB header kept the server at 1 GB) and starts a thread for every
//! connection it accepts (3,000 connections, 3,000 threads), with no setting for either.
//! A dev server that answers GET and HEAD, one request per connection, needs only this
//! much of HTTP, and a cap that holds is worth more than the rest of a library.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The most a request line and its headers may take together; larger heads get 431.
pub(super) const MAX_HEAD: usize = 16 * 1024;

/// A request line and its headers.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Head {
    /// `GET`, `HEAD`, …, as sent.
    pub method: String,
    /// The request target (`/posts/a.html?x=1`), not yet decoded.
    pub target: String,
    /// The `x` of `HTTP/1.x`.
    pub minor: u8,
    /// Header names (lowercased) and values (trimmed), in order.
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// Every value of the header `name` (lowercase), so a repeated header can be refused.
    pub(super) fn values(&self, name: &str) -> Vec<&str> {
        let named = self.headers.iter().filter(|(n, _)| n == name);
        named.map(|(_, value)| value.as_str()).collect()
    }
}

/// Why no request head was read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum HeadError {
    /// The head did not end within [`MAX_HEAD`] bytes.
    TooLarge,
    /// Not an HTTP/1.x request head.
    Malformed,
    /// The head did not arrive before the deadline (a slow or idle client).
    TimedOut,
    /// The client went away first; there is no one to answer.
    Closed,
}

/// Reads a request head of at most `limit` bytes; the bytes after the head (a body, a
/// pipelined request) are left unread or dropped, since each connection answers once.
pub(super) fn read_head(reader: &mut impl Read, limit: usize) -> Result<Head, HeadError> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let room = (limit - buf.len()).min(chunk.len());
        let n = match reader.read(&mut chunk[..room]) {
            Ok(0) => return Err(HeadError::Closed),
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) if is_timeout(&err) => return Err(HeadError::TimedOut),
            Err(_) => return Err(HeadError::Closed),
        };
        let searched = buf.len().saturating_sub(3);
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = head_end(&buf[searched..]) {
            return parse_head(&buf[..searched + end]);
        }
        if buf.len() >= limit {
            return Err(HeadError::TooLarge);
        }
    }
}

fn is_timeout(err: &io::Error) -> bool {
    matches!(err.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut)
}

/// Where the blank line that ends a head starts (`\r\n\r\n`, or `\n\n` from lax clients).
fn head_end(bytes: &[u8]) -> Option<usize> {
    let crlf = bytes.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = bytes.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Parses the request line and the header lines of a complete head.
fn parse_head(bytes: &[u8]) -> Result<Head, HeadError> {
    let text = std::str::from_utf8(bytes).map_err(|_| HeadError::Malformed)?;
    let mut lines = text
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line));
    let (method, target, minor) = parse_request_line(lines.next().unwrap_or_default())?;
    let headers = lines.map(parse_header).collect::<Result<_, _>>()?;
    Ok(Head {
        method: method.to_owned(),
        target: target.to_owned(),
        minor,
        headers,
    })
}

/// `GET /path HTTP/1.1` → (`GET`, `/path`, 1).
fn parse_request_line(line: &str) -> Result<(&str, &str, u8), HeadError> {
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed);
    };
    let minor = match version {
        "HTTP/1.1" => 1,
        "HTTP/1.0" => 0,
        _ => return Err(HeadError::Malformed),
    };
    if !is_token(method) || target.is_empty() || target.bytes().any(|b| b.is_ascii_control()) {
        return Err(HeadError::Malformed);
    }
    Ok((method, target, minor))
}

/// `Name: value` → (`name`, `value`); a folded or nameless line is malformed.
fn parse_header(line: &str) -> Result<(String, String), HeadError> {
    let (name, value) = line.split_once(':').ok_or(HeadError::Malformed)?;
    if !is_token(name) {
        return Err(HeadError::Malformed);
    }
    let value = value.trim_matches([' ', '\t']);
    Ok((name.to_ascii_lowercase(), value.to_owned()))
}

/// An RFC 9110 token: what method and header names are made of.
fn is_token(text: &str) -> bool {
    let special = |b: u8| b"!#$%&'*+-.^_`|~".contains(&b);
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || special(b))
}

/// Reads from a connection until a deadline for all reads together, so a client sending
/// one byte at a time cannot hold a worker longer than that (slowloris).
pub(super) struct DeadlineReader<'a> {
    stream: &'a TcpStream,
    deadline: Instant,
}

impl<'a> DeadlineReader<'a> {
    /// Reads from `stream` for at most `budget` from now.
    pub(super) fn new(stream: &'a TcpStream, budget: Duration) -> DeadlineReader<'a> {
        DeadlineReader {
            stream,
            deadline: Instant::now() + budget,
        }
    }
}

impl Read for DeadlineReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

/// A whole response: status, content type and body.
#[derive(Debug)]
pub(super) struct Reply {
    /// The status code.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: &'static str,
    /// The body (not sent for HEAD).
    pub body: Vec<u8>,
}

impl Reply {
    /// A plain-text answer, for errors and refusals.
    pub(super) fn text(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.into().into_bytes(),
        }
    }

    /// The answer to a request head that could not be read, if anyone is there to read it.
    pub(super) fn for_head_error(err: &HeadError) -> Option<Reply> {
        match err {
            HeadError::TooLarge => Some(Reply::text(
                431,
                "Request header fields too large: the request line and headers may take 16 KiB.\n",
            )),
            HeadError::Malformed => Some(Reply::text(400, "Bad request: not an HTTP/1.x request.\n")),
            HeadError::TimedOut => Some(Reply::text(
                408,
                "Request timeout: the request came too slowly.\n",
            )),
            HeadError::Closed => None,
        }
    }

    /// Writes the response, announcing that the connection closes after it; HEAD
    /// (`head_only`) gets the headers alone.
    pub(super) fn write_to(&self, out: &mut impl Write, head_only: bool) -> io::Result<()> {
        let head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
             X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

/// The reason phrase of the statuses the dev server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader handing out its bytes a few at a time, as a network does.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.0.len()).min(3);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn read(bytes: &[u8]) -> Result<Head, HeadError> {
        read_head(&mut Trickle(bytes), MAX_HEAD)
    }

    #[test]
    fn a_head_is_read_up_to_its_blank_line() {
        let head = read(b"GET /a?b HTTP/1.1\r\nHost: localhost:1111\r\nX-Empty:\r\n\r\nbody").unwrap();
        assert_eq!(head.method, "GET");
        assert_eq!(head.target, "/a?b");
        assert_eq!(head.minor, 1);
        assert_eq!(head.values("host"), ["localhost:1111"]);
        assert_eq!(head.values("x-empty"), [""]);
        let lax = read(b"HEAD / HTTP/1.0\nHOST:  a \n\n").unwrap();
        assert_eq!((lax.minor, lax.values("host")), (0, vec!["a"]));
    }

    #[test]
    fn malformed_heads_are_refused() {
        for head in [
            &b"GET /\r\n\r\n"[..],
            b"GET / HTTP/2.0\r\n\r\n",
            b"GET  / HTTP/1.1\r\n\r\n",
            b"G(T / HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
            b"GET / HTTP/1.1\r\n folded: x\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: \xff\r\n\r\n",
        ] {
            assert_eq!(read(head), Err(HeadError::Malformed), "{head:?}");
        }
        assert_eq!(read(b"GET / HTTP/1.1\r\nHost: a\r\n"), Err(HeadError::Closed));
    }

    #[test]
    fn a_head_over_the_cap_is_refused_after_reading_only_the_cap() {
        let mut big = b"GET / HTTP/1.1\r\nX-Filler: ".to_vec();
        big.resize(10 * MAX_HEAD, b'a');
        let mut reader = &big[..];
        assert_eq!(read_head(&mut reader, MAX_HEAD), Err(HeadError::TooLarge));
        assert_eq!(reader.len(), big.len() - MAX_HEAD, "read exactly the cap");
        let mut exact = b"GET / HTTP/1.1\r\nX: ".to_vec();
        exact.resize(MAX_HEAD - 4, b'a');
        exact.extend_from_slice(b"\r\n\r\n");
        assert!(
            read_head(&mut &exact[..], MAX_HEAD).is_ok(),
            "a head of exactly 16 KiB is read"
        );
    }

    #[test]
    fn replies_announce_length_and_close() {
        let mut out = Vec::new();
        Reply::text(421, "no").write_to(&mut out, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 421 Misdirected Request\r\n"), "{text}");
        assert!(text.contains("Content-Length: 2\r\n"));
        assert!(text.contains("Connection: close\r\n"));
        assert!(text.ends_with("\r\n\r\nno"));
        let mut out = Vec::new();
        Reply::text(200, "body").write_to(&mut out, true).unwrap();
        assert!(
            String::from_utf8(out).unwrap().ends_with("\r\n\r\n"),
            "HEAD has no body"
        );
    }
}
