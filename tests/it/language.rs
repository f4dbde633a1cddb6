//! One language throughout (issue #21): example-project built once with `language = "en"`
//! and once with `language = "de"` (site, report, review page and the exports the site
//! carries), then every page read for words of the other language.
//!
//! What a reader sees is collected per page: the text between tags and the attributes
//! read aloud or shown (`title`, `alt`, `aria-label`, `placeholder`, `value` of buttons and
//! `data-word-*` the review page's script writes). Then the user's own content is taken
//! out, and the rest is searched for the other language's words:
//!
//! - content in an element with a `lang` attribute is the language it declares (the
//!   English diagnostics on a German page), a `.prose` element holds the user's Markdown,
//!   and `<code>`, `<pre>`, `<script>` and `<style>` are not words;
//! - a piece of text (split at list separators) that appears verbatim in the repository's
//!   own files is the user's content, unless it is exactly one of the other language's
//!   words, so a hard-coded "mehr" cannot hide behind a post that says "mehr";
//! - the rest must not hold any value that differs between `en.toml` and `de.toml`, nor the
//!   other language's month names or a few of its most common words.
//!
//! The repository gets a post with an error and a warning, an active crisis and a git
//! revision to compare with (`--since`), so that findings, the held note, the crisis banner
//! and changes.html are on the pages too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::touchpoint;

/// Words every English text uses and no German UI does, and the reverse; with the month
/// names (the formatter's, not the word list's).
const COMMON_EN: &[&str] = &[
    "the", "and", "posts", "week", "with", "without", "not", "this", "January", "February", "March", "May",
    "June", "July", "October", "December", "Monday", "Sunday", "errors", "warnings", "more", "held",
    "comment",
];
const COMMON_DE: &[&str] = &[
    "und",
    "der",
    "die",
    "das",
    "nicht",
    "Beiträge",
    "Beitrag",
    "Woche",
    "für",
    "mit",
    "ohne",
    "Januar",
    "Februar",
    "März",
    "Mai",
    "Juni",
    "Juli",
    "Oktober",
    "Dezember",
    "Montag",
    "Sonntag",
    "Fehler",
    "Warnungen",
    "mehr",
    "Kommentar",
];

/// Values of one language that are words of the other as well (a German "Follower" is an
/// English word); matching them would only find correct text.
const SHARED: &[&str] = &[
    "follower",
    "status",
    "budget",
    "link",
    "links",
    "hashtags",
    "bytes",
    "touchpoint",
    "persona",
    "personas",
];

/// A build of example-project in `code`: the repository copy and its output folder.
struct Built {
    _dir: tempfile::TempDir,
    repo: PathBuf,
    out: PathBuf,
}

/// Copies example-project, sets its language and adds a post with findings and an active
/// crisis, and builds it.
fn build_in(code: &str) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    crate::common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project"),
        &repo,
    );
    let config = std::fs::read_to_string(repo.join("touchpoint.toml")).unwrap();
    let config = config.replace("language = \"de\"", &format!("language = \"{code}\""));
    assert!(config.contains(&format!("language = \"{code}\"")));
    std::fs::write(
        repo.join("touchpoint.toml"),
        format!("{config}\n[crisis]\nactive = true\n"),
    )
    .unwrap();
    if code != "de" {
        // The project's German word overrides would not apply; drop them like a user would.
        let _ = std::fs::remove_dir_all(repo.join("lang"));
    }
    // A git revision to compare with, so changes.html is built: then a post changed in
    // text and status, a post removed and a post added.
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "plan"]);
    let changed = repo.join("posts/2027-01/gebrauchtrad-ankauf.md");
    let text = std::fs::read_to_string(&changed).unwrap();
    let text = text.replacen("status = \"approved\"", "status = \"review\"", 1) + "\nNoch ein Satz.\n";
    std::fs::write(&changed, text).unwrap();
    std::fs::remove_file(repo.join("posts/2026-12/weihnachtsgruss.md")).unwrap();
    std::fs::write(
        repo.join("posts/2027-01/sprachtest.md"),
        "+++\ntitle = \"Sprachtest\"\npublish_at = 2027-01-20T09:00:00\nplatforms = [\"instagram\"]\n\
         status = \"approved\"\napproved_by = \"jana\"\npillar = \"werkstatt\"\n+++\nRäder im Test.\n",
    )
    .unwrap();
    let out = dir.path().join("site");
    let run = touchpoint(&[
        "build",
        repo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        "2027-01-17",
        "--since",
        "HEAD",
    ]);
    assert!(
        run.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.join("changes.html").is_file(), "changes.html is built");
    Built { _dir: dir, repo, out }
}

/// Runs git in `dir` without the user's configuration.
fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// Every `.html` file under `dir`.
fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(pages(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The text of every file of the repository, whitespace collapsed: the user's content.
fn corpus(repo: &Path) -> String {
    let mut text = String::new();
    let mut stack = vec![repo.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(file) = std::fs::read_to_string(&path) {
                text.push_str(&file);
                text.push('\n');
            }
        }
    }
    // Markdown's emphasis and link brackets are not in the rendered text: the files as
    // written, then as read.
    let plain = text.replace('*', "");
    let read = plain.replace('[', "").replace("](", " ");
    collapse(&format!("{text}\n{plain}\n{read}"))
}

/// Whitespace runs as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// HTML character references decoded (the ones Tera and the Markdown renderer write).
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&e| e < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ if name.starts_with("#x") || name.starts_with("#X") => {
                u32::from_str_radix(&name[2..], 16).ok().and_then(char::from_u32)
            }
            _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Elements without an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
];

/// Elements whose text is not words of the interface.
const NOT_WORDS: &[&str] = &["code", "pre", "script", "style", "textarea"];

/// Attributes a reader sees or hears.
fn shown_attribute(name: &str) -> bool {
    matches!(
        name,
        "title" | "alt" | "aria-label" | "placeholder" | "data-subject"
    ) || name.starts_with("data-word")
}

/// The pieces of text a reader sees on a page, outside of elements that declare their own
/// language or are not words. Also returns the `<html lang>`.
fn read_page(html: &str) -> (String, Vec<String>) {
    let mut texts = Vec::new();
    let mut html_lang = String::new();
    // The open elements, each with whether its text is skipped.
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let skipping = open.iter().any(|(_, skip)| *skip);
        let Some(lt) = rest.find('<') else {
            if !skipping {
                texts.push(decode(rest));
            }
            break;
        };
        if !skipping {
            texts.push(decode(&rest[..lt]));
        }
        rest = &rest[lt..];
        if let Some(body) = rest.strip_prefix("<!--") {
            rest = body.find("-->").map_or("", |e| &body[e + 3..]);
            continue;
        }
        let end = tag_end(rest);
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            if let Some(at) = open.iter().rposition(|(n, _)| *n == name) {
                open.truncate(at);
            }
            continue;
        }
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let self_closing = tag.ends_with('/');
        let (name, attributes) = parse_tag(tag.trim_end_matches('/'));
        let lang = attributes
            .iter()
            .find(|(k, _)| k == "lang")
            .map(|(_, v)| v.clone());
        if name == "html" {
            html_lang = lang.clone().unwrap_or_default();
        }
        let prose = attributes
            .iter()
            .any(|(k, v)| k == "class" && v.split(' ').any(|c| c == "prose"));
        let skip = (lang.is_some() && name != "html") || prose || NOT_WORDS.contains(&name.as_str());
        if !skipping && !skip {
            for (key, value) in &attributes {
                let is_button_value = key == "value" && tag.contains("type=\"button\"");
                if shown_attribute(key) || is_button_value {
                    texts.push(value.clone());
                }
            }
        }
        if !self_closing && !VOID.contains(&name.as_str()) {
            if matches!(name.as_str(), "script" | "style") {
                // Raw text: skip to the end tag.
                let close = format!("</{name}");
                rest = rest.find(&close).map_or("", |e| &rest[e..]);
            }
            open.push((name, skip));
        }
    }
    (html_lang, texts)
}

/// The index of the `>` ending the tag at the start of `text`, outside quotes.
fn tag_end(text: &str) -> usize {
    let mut quote = None;
    for (i, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return i,
            _ => {}
        }
    }
    text.len() - 1
}

/// A tag's name and attributes (values decoded).
fn parse_tag(tag: &str) -> (String, Vec<(String, String)>) {
    let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
    let name = tag[..name_end].to_ascii_lowercase();
    let mut attributes = Vec::new();
    let mut rest = tag[name_end..].trim_start();
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let body = &after[1..];
                let close = body.find(quote).unwrap_or(body.len());
                value = decode(&body[..close]);
                rest = body.get(close + 1..).unwrap_or("").trim_start();
            } else {
                let close = after.find(char::is_whitespace).unwrap_or(after.len());
                value = decode(&after[..close]);
                rest = after[close..].trim_start();
            }
        }
        if !key.is_empty() {
            attributes.push((key, value));
        }
    }
    (name, attributes)
}

/// The other language's words.
struct Foreign {
    /// Every value of its word list that differs from the same key in this language's
    /// list, plus its common words and month names.
    words: BTreeSet<String>,
    /// Only the word-list values, in lower case: a whole text that is exactly one of them
    /// is never taken for content, so a hard-coded label cannot hide behind a post that
    /// uses the same word.
    listed: BTreeSet<String>,
}

/// The other language's words for a build in `code`.
fn foreign_words(code: &str) -> Foreign {
    let other = if code == "en" { "de" } else { "en" };
    let read = |c: &str| -> toml::Table {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/lang/{c}.toml"));
        std::fs::read_to_string(path).unwrap().parse().unwrap()
    };
    let (mine, theirs) = (read(code), read(other));
    let mut words = BTreeSet::new();
    for (table, values) in &theirs {
        let Some(values) = values.as_table() else { continue };
        for (key, value) in values {
            let own = mine.get(table).and_then(|t| t.get(key));
            if own == Some(value) {
                continue;
            }
            collect_strings(value, &mut words);
        }
    }
    let listed = words.iter().map(|w| w.to_lowercase()).collect();
    let common = if other == "en" { COMMON_EN } else { COMMON_DE };
    words.extend(common.iter().map(|w| (*w).to_owned()));
    words.retain(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() > 2 && !SHARED.contains(&w.to_lowercase().as_str())
    });
    Foreign { words, listed }
}

/// Every text in a word-list value; the pieces of a plural around its `{n}`.
fn collect_strings(value: &toml::Value, into: &mut BTreeSet<String>) {
    match value {
        toml::Value::String(text) => {
            for piece in text.split("{n}") {
                let piece = piece.trim();
                if !piece.is_empty() {
                    into.insert(piece.to_owned());
                }
            }
        }
        toml::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, into)),
        toml::Value::Table(table) => table.values().for_each(|v| collect_strings(v, into)),
        _ => {}
    }
}

/// Whether `needle` occurs in `text` as whole words (its first letter in either case).
fn contains_words(text: &str, needle: &str) -> bool {
    let mut variants = vec![needle.to_owned()];
    let mut chars = needle.chars();
    if let Some(first) = chars.next() {
        let flipped: String = if first.is_uppercase() {
            first.to_lowercase().chain(chars).collect()
        } else {
            first.to_uppercase().chain(chars).collect()
        };
        variants.push(flipped);
    }
    variants.iter().any(|needle| {
        text.match_indices(needle.as_str()).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + needle.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
            !word(before) && !word(after)
        })
    })
}

/// The pieces of `text` that are not the user's content: the whole text dropped if the
/// repository holds it verbatim (and it is not a foreign label itself), else split at list
/// separators, links and hashtags, each piece dropped if the repository holds it.
fn interface_text(text: &str, corpus: &str, foreign: &Foreign) -> Vec<String> {
    let whole = collapse(text);
    let listed = foreign.listed.contains(&whole.to_lowercase());
    if whole.is_empty() || corpus.contains(&whole) && !listed {
        return Vec::new();
    }
    // Links and hashtags are added to a post's text when it is composed; they and line
    // breaks split it.
    let text: String = text
        .replace('\n', " \n ")
        .split(' ')
        .map(|token| {
            if token.starts_with("http") || token.starts_with('#') {
                "\n"
            } else {
                token
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut pieces = Vec::new();
    for segment in text.split('·') {
        // The interface joins its words with " · ": a segment that is one foreign label
        // is that label, even where the repository happens to hold the same word.
        let flat = collapse(segment);
        if foreign.listed.contains(&flat.to_lowercase()) {
            pieces.push(flat);
        } else if !corpus.contains(&flat) {
            pieces.extend(split_pieces(segment, corpus));
        }
    }
    pieces
}

/// A segment split at list separators, links, colons and sentence ends, without the
/// pieces the repository holds.
fn split_pieces(segment: &str, corpus: &str) -> Vec<String> {
    segment
        .split([',', '(', ')', '•', '|', '\n'])
        .flat_map(|piece| piece.split(": "))
        .flat_map(|piece| piece.split_inclusive(['.', '?', '!']))
        .map(|piece| collapse(piece.trim_end_matches(['…', ':', ' '])))
        .filter(|piece| piece.chars().any(char::is_alphabetic))
        .filter(|piece| !corpus.contains(piece.as_str()))
        .collect()
}

/// Counts of one with the word for many, as a page would read aloud: "1 errors".
fn wrong_plurals(code: &str) -> &'static [&'static str] {
    if code == "en" {
        &["1 posts", "1 errors", "1 warnings", "1 attachments"]
    } else {
        &["1 Beiträge", "1 Warnungen", "1 Anhänge", "1 Beiträge warten"]
    }
}

/// Every foreign word and wrong plural on every page of `built`, as "page: word in «text»".
fn foreign_on_pages(built: &Built, code: &str) -> Vec<String> {
    let corpus = corpus(&built.repo);
    let foreign = foreign_words(code);
    let mut found = Vec::new();
    for page in pages(&built.out) {
        let html = std::fs::read_to_string(&page).unwrap();
        let (html_lang, texts) = read_page(&html);
        let name = page.strip_prefix(&built.out).unwrap().display().to_string();
        if html_lang != code {
            found.push(format!("{name}: <html lang=\"{html_lang}\">"));
        }
        let read = collapse(&texts.concat());
        for wrong in wrong_plurals(code) {
            if contains_words(&read, wrong) {
                found.push(format!("{name}: {wrong:?}"));
            }
        }
        for text in texts {
            for piece in interface_text(&text, &corpus, &foreign) {
                for word in foreign.words.iter().filter(|w| contains_words(&piece, w)) {
                    found.push(format!("{name}: {word:?} in {piece:?}"));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// An iCalendar file with its folded lines joined.
fn unfold(ics: &str) -> String {
    ics.replace("\r\n ", "").replace("\\n", "\n").replace("\\,", ",")
}

/// The word-list value `table.key` of language `code`.
fn word(code: &str, table: &str, key: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/lang/{code}.toml"));
    let words: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
    words[table][key].as_str().unwrap().to_owned()
}

/// The export's human labels (first comment, link, media, alt text, account, file, held
/// note, calendar name) in `code`'s words, never the other's.
fn check_ics(built: &Built, code: &str) -> Vec<String> {
    let other = if code == "en" { "de" } else { "en" };
    let ics = unfold(&std::fs::read_to_string(built.out.join("export/publish-queue.ics")).unwrap());
    let mut found = Vec::new();
    for (key, form) in [
        ("export_first_comment", "\n\n{}:\n"),
        ("export_link", "\n\n{}: "),
        ("export_media", "\n\n{}: "),
        ("export_alt", "({}: "),
        ("export_account", "\n\n{}: "),
        ("export_file", "\n\n{}: "),
        ("export_held", "DESCRIPTION:{}"),
        ("publish_queue", " – {}\r\n"),
    ] {
        let own = form.replace("{}", &word(code, "site", key));
        let foreign = form.replace("{}", &word(other, "site", key));
        if !ics.contains(&own) {
            found.push(format!("ics lacks {own:?}"));
        }
        if own != foreign && ics.contains(&foreign) {
            found.push(format!("ics holds {foreign:?}"));
        }
    }
    found
}

/// The text from after `label` to the next tag: the figure a label introduces.
fn after(html: &str, label: &str) -> String {
    let at = html.find(label).unwrap_or_else(|| panic!("no {label:?}")) + label.len();
    html[at..].split('<').next().unwrap_or_default().to_owned()
}

#[test]
fn an_english_build_holds_no_german_word() {
    let built = build_in("en");
    let mut found = foreign_on_pages(&built, "en");
    found.extend(check_ics(&built, "en"));
    assert_eq!(found, Vec::<String>::new(), "German words in an English build");
    let pillars = collapse(&std::fs::read_to_string(built.out.join("pillars.html")).unwrap());
    let planned = after(&pillars, "target 25% · planned ");
    assert!(planned.ends_with('%') && !planned.contains(' '), "{planned}");
    let report = collapse(&std::fs::read_to_string(built.out.join("report.html")).unwrap());
    assert!(report.contains("Dec 1, 2026 – Dec 31, 2026"), "English dates");
    assert!(report.contains("6.9% / 4.5%"), "English decimals");
    assert!(report.contains("/ 40,000"), "English thousands");
    let calendar = collapse(&std::fs::read_to_string(built.out.join("calendar/2026-12.html")).unwrap());
    assert!(calendar.contains("December 2026"), "English month names");
}

#[test]
fn a_german_build_holds_no_english_word() {
    let built = build_in("de");
    let mut found = foreign_on_pages(&built, "de");
    found.extend(check_ics(&built, "de"));
    assert_eq!(found, Vec::<String>::new(), "English words in a German build");
    let pillars = collapse(&std::fs::read_to_string(built.out.join("pillars.html")).unwrap());
    let planned = after(&pillars, "Ziel 25 % · geplant ");
    assert!(planned.ends_with(" %"), "{planned}");
    let report = collapse(&std::fs::read_to_string(built.out.join("report.html")).unwrap());
    assert!(report.contains("01.12.2026 – 31.12.2026"), "German dates");
    assert!(report.contains("6,9 % / 4,5 %"), "German decimals");
    assert!(report.contains("/ 40.000"), "German thousands");
    let calendar = collapse(&std::fs::read_to_string(built.out.join("calendar/2026-12.html")).unwrap());
    assert!(calendar.contains("Dezember 2026"), "German month names");
}

#[test]
fn the_reader_finds_words_and_skips_declared_languages_and_content() {
    let foreign = foreign_words("de");
    let corpus = "Der Winter-Check ist da. mehr dazu";
    let html = "<html lang=\"de\"><p title=\"Show all\">Winter-Check <b>more</b></p>\
                <p lang=\"en\">an English message</p><code>the</code><p>mehr</p>\
                <p>Der Winter-Check ist da.</p><svg><text x=\"1\">Week</text></svg></html>";
    let (lang, texts) = read_page(html);
    assert_eq!(lang, "de");
    let pieces: Vec<String> = texts
        .iter()
        .flat_map(|t| interface_text(t, corpus, &foreign))
        .collect();
    assert_eq!(
        pieces,
        ["Show all", "more", "Week"],
        "own words in content are content"
    );
    assert!(contains_words("more", "more") && foreign.words.contains("more"));
    assert!(!contains_words("furthermore", "more"));
    assert!(contains_words("Week", "week"));
}
