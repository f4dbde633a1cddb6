//! Any bytes as a post file: splitting, TOML/YAML parsing and reading the post must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use touchpoint::content::fields::Reader;
use touchpoint::content::frontmatter::{Format, split};
use touchpoint::content::node::{parse_toml, parse_yaml};
use touchpoint::content::post::{PostKind, PostSource, read_post};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(parts) = split(text) else { return };
    let node = match parts.format {
        Format::Toml => parse_toml(parts.front_matter, parts.front_matter_line),
        Format::Yaml => parse_yaml(parts.front_matter, parts.front_matter_line),
    };
    if let Ok(node) = node {
        let mut reader = Reader::new("posts/fuzz.md");
        let source = PostSource {
            id: "fuzz",
            file: "posts/fuzz.md",
            node: &node,
            body: parts.body,
            body_line: parts.body_line,
            kind: PostKind::Post,
        };
        let _ = read_post(&source, chrono_tz::Europe::Berlin, &mut reader);
    }
});
