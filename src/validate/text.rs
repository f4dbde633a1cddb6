//! The texts the strategy rules read, and how to point back into the files.
//!
//! Voice and disclosure judge the words that reach each platform, so a variant text
//! replaces the body and the variant's hashtags replace the post's. Findings point at
//! the exact line and column where the words are written: the Markdown body, or a
//! string value in the front matter (variant `text`, `thread`, `first_comment`, tags).

use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::model::{Post, Project, Spanned};
use crate::platform::Platform;

/// The text `platform` receives as the post itself: caption, tracked link and hashtags,
/// exactly as [`crate::compose::platform_text`] composes it (thread parts and the
/// first comment are not part of it).
pub fn platform_text(project: &Project, post: &Post, platform: Platform) -> String {
    crate::compose::platform_text(project, post, platform)
        .text()
        .to_owned()
}

/// The words `platform` receives for `post`, from the source: the caption (variant
/// `text` or body), its hashtags, thread parts and first comment.
///
/// For rules that only ask whether a word is there (required terms, campaign tags);
/// cheaper than composing and measuring the final text for every post.
pub fn words_for(post: &Post, platform: Platform) -> String {
    let mut parts = vec![caption(post, platform).to_owned()];
    let tags: Vec<String> = post
        .hashtags_for(platform)
        .iter()
        .map(|t| format!("#{}", t.value.trim().trim_start_matches('#')))
        .collect();
    parts.push(tags.join(" "));
    if let Some(variant) = post.variants.get(&platform) {
        parts.extend(variant.thread.iter().map(|t| t.value.clone()));
        parts.extend(variant.first_comment.iter().map(|c| c.value.clone()));
    }
    parts.join("\n\n")
}

/// The caption written for `platform`: the variant's `text`, else the body.
pub fn caption(post: &Post, platform: Platform) -> &str {
    post.variants
        .get(&platform)
        .and_then(|v| v.text.as_ref())
        .map_or(post.body.as_str(), |t| t.value.as_str())
}

/// Where a piece of text is written.
#[derive(Clone, Copy, Debug)]
pub enum Origin {
    /// The Markdown body; its first line is this file line.
    Body(u32),
    /// A string value in the front matter, written at this position.
    Value(Pos),
}

/// A piece of text that reaches some platform, with where it is written.
#[derive(Debug)]
pub struct Piece<'a> {
    /// The text.
    pub text: &'a str,
    /// Where it is written.
    pub origin: Origin,
}

/// Every piece of text of `post` that reaches one of its platforms: the body (when a
/// platform uses it), variant texts, thread parts, first comments and hashtags.
pub fn pieces(post: &Post) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let body_used = post.platforms.is_empty()
        || post.platforms.iter().any(|p| {
            post.variants
                .get(&p.value)
                .and_then(|v| v.text.as_ref())
                .is_none()
        });
    if body_used {
        out.push(Piece {
            text: &post.body,
            origin: Origin::Body(post.body_line),
        });
    }
    for variant in post.variants.values() {
        out.extend(variant.text.iter().map(value));
        out.extend(variant.thread.iter().map(value));
        out.extend(variant.first_comment.iter().map(value));
        out.extend(variant.hashtags.iter().flatten().map(value));
    }
    out.extend(post.hashtags.iter().map(value));
    out
}

fn value(s: &Spanned<String>) -> Piece<'_> {
    Piece {
        text: s.value.as_str(),
        origin: Origin::Value(s.pos),
    }
}

/// A whole-word match: 0-based line within the text, 0-based column in characters,
/// and its length in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    /// Line within the searched text, from 0.
    pub line: usize,
    /// Column in characters, from 0.
    pub column: usize,
    /// Length in characters.
    pub len: usize,
}

/// Whether `c` continues a word: letters, digits and `_`.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// A text lowered once (character by character, so lines and columns stay put) and
/// searched for many words.
pub struct Lowered {
    text: String,
}

impl Lowered {
    /// Lowers `text` for searching.
    pub fn new(text: &str) -> Self {
        let text = if text.is_ascii() {
            text.to_ascii_lowercase()
        } else {
            text.chars().map(lower).collect()
        };
        Lowered { text }
    }

    /// Every case-insensitive whole-word occurrence of `needle`.
    ///
    /// A match may not be preceded or followed by a word character; a needle that
    /// starts or ends with a non-word character (`#ad`) is bounded the same way on its
    /// word side. A hyphen separates words ("Radwerk-Tipp" holds "Radwerk"), except
    /// after a one-letter prefix: "E-Bike" and "S-Bahn" are single words.
    pub fn find(&self, needle: &str) -> Vec<Match> {
        let needle: String = needle.trim().chars().map(lower).collect();
        let (Some(first), Some(last)) = (needle.chars().next(), needle.chars().next_back()) else {
            return Vec::new();
        };
        let len = needle.chars().count();
        let mut out = Vec::new();
        for (at, _) in self.text.match_indices(&needle) {
            let before = &self.text[..at];
            let after = self.text[at + needle.len()..].chars().next();
            let before_ok = !is_word_char(first) || boundary_before(before);
            let after_ok = !is_word_char(last) || after.is_none_or(|c| !is_word_char(c));
            if !(before_ok && after_ok) {
                continue;
            }
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            out.push(Match {
                line: before.matches('\n').count(),
                column: before[line_start..].chars().count(),
                len,
            });
        }
        out
    }

    /// Whether `needle` occurs as a whole word.
    pub fn contains(&self, needle: &str) -> bool {
        !self.find(needle).is_empty()
    }
}

/// Whether `before` (the text up to a match) ends a word: see [`Lowered::find`].
fn boundary_before(before: &str) -> bool {
    let mut back = before.chars().rev();
    match back.next() {
        None => true,
        Some('-') => {
            let letter = back.next().is_some_and(char::is_alphabetic);
            let alone = back.next().is_none_or(|c| !is_word_char(c));
            !(letter && alone)
        }
        Some(c) => !is_word_char(c),
    }
}

/// Every case-insensitive whole-word occurrence of `needle` in `text`.
pub fn find_words(text: &str, needle: &str) -> Vec<Match> {
    Lowered::new(text).find(needle)
}

/// Whether `text` holds `needle` as a whole word, ignoring case.
pub fn contains_word(text: &str, needle: &str) -> bool {
    !find_words(text, needle).is_empty()
}

/// The file position of `m`, the `index`-th match of `needle` in a piece of `post`.
///
/// In the body the position is exact. In a front-matter string the same match is
/// looked up in the file from the value's position on, so escapes and multi-line
/// strings still land on the word; when that fails the value's own position is used.
pub fn locate(
    project: &Project,
    post: &Post,
    piece: &Piece<'_>,
    m: Match,
    needle: &str,
    index: usize,
) -> Pos {
    match piece.origin {
        Origin::Body(first) => Pos::new(first + m.line as u32, m.column as u32 + 1),
        Origin::Value(pos) => locate_in_source(project, &post.file, pos, needle, index).unwrap_or(pos),
    }
}

fn locate_in_source(project: &Project, file: &str, start: Pos, needle: &str, index: usize) -> Option<Pos> {
    let source = project.sources.get(file)?;
    let skip = start.column.saturating_sub(1) as usize;
    let rest: Vec<String> = source
        .lines()
        .skip(start.line.saturating_sub(1) as usize)
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.chars().skip(skip).collect()
            } else {
                l.to_owned()
            }
        })
        .collect();
    let m = find_words(&rest.join("\n"), needle).get(index).copied()?;
    let column = if m.line == 0 { m.column + skip } else { m.column };
    Some(Pos::new(start.line + m.line as u32, column as u32 + 1))
}

/// Where the text at byte `at` of `text` (which reads `written` there) is written in the
/// post's file: counted from the body's first line, or found in the source from the
/// front-matter value's position on (its escapes and quotes make offsets differ there);
/// the value's position when the source does not show it.
pub fn locate_text(
    project: &Project,
    post: &Post,
    text: &str,
    origin: Origin,
    at: usize,
    written: &str,
) -> Pos {
    let before = &text[..at];
    match origin {
        Origin::Body(first) => {
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let line = first + before.matches('\n').count() as u32;
            Pos::new(line, before[line_start..].chars().count() as u32 + 1)
        }
        Origin::Value(pos) => {
            let index = before.matches(written).count();
            find_in_source(project, &post.file, pos, written, index).unwrap_or(pos)
        }
    }
}

/// The position of the `index`-th occurrence of `needle` in `file` at or after `start`.
fn find_in_source(project: &Project, file: &str, start: Pos, needle: &str, index: usize) -> Option<Pos> {
    if needle.is_empty() {
        return None;
    }
    let source = project.sources.get(file)?;
    let line_start: usize = source
        .split_inclusive('\n')
        .take(start.line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let line = source.get(line_start..)?;
    let skip = line
        .char_indices()
        .nth(start.column.saturating_sub(1) as usize)
        .map_or(line.len(), |(i, _)| i);
    let from = line_start + skip;
    let (found, _) = source[from..].match_indices(needle).nth(index)?;
    let before = &source[..from + found];
    let own_line = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() as u32 + 1;
    Some(Pos::new(line, before[own_line..].chars().count() as u32 + 1))
}

/// A finding pointing at the post's `publish_at` value (its title when it has none),
/// underlining the time as written.
pub fn at_time(rule: &'static Rule, project: &Project, post: &Post, message: String) -> Diagnostic {
    let Some(time) = &post.publish_at else {
        return Diagnostic::new(rule, &post.file, post.title.pos, message);
    };
    let written = project
        .sources
        .get(&post.file)
        .and_then(|s| s.lines().nth(time.pos.line.saturating_sub(1) as usize))
        .map(|line| {
            let value: String = line
                .chars()
                .skip(time.pos.column.saturating_sub(1) as usize)
                .collect();
            let value = value.split(" #").next().unwrap_or_default().trim_end();
            value.chars().count()
        })
        .unwrap_or(1);
    Diagnostic::new(rule, &post.file, time.pos, message).width(written)
}

/// Where `key` is written in the front matter of `file` (`key =` or `key:` at the start
/// of a line), for fields the model keeps without a position; line 1 when absent.
pub fn key_pos(project: &Project, file: &str, key: &str) -> Pos {
    let Some(source) = project.sources.get(file) else {
        return Pos::new(1, 1);
    };
    for (i, line) in source.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            let rest = rest.trim_start();
            if rest.starts_with('=') || rest.starts_with(':') {
                let column = line.chars().count() - trimmed.chars().count() + 1;
                return Pos::new(i as u32 + 1, column as u32);
            }
        }
    }
    Pos::new(1, 1)
}

/// Where a line with exactly `text` (after trimming) is written in `file`, e.g. a
/// `[platforms.x]` header; line 1 when absent.
pub fn line_pos(project: &Project, file: &str, text: &str) -> Pos {
    project
        .sources
        .get(file)
        .and_then(|s| s.lines().position(|l| l.trim() == text))
        .map_or(Pos::new(1, 1), |i| Pos::new(i as u32 + 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_ignore_case_and_respect_boundaries() {
        let text = "Billig? Nein.\nNicht billiger, kein E-Bike, aber ein Bike.";
        assert!(contains_word("Der Radwerk-Tipp", "Radwerk"));
        assert!(contains_word("Die Bike-Tour", "Bike"));
        assert!(contains_word("Super-billig!", "billig"));
        assert!(!contains_word("Mit der S-Bahn", "Bahn"));
        assert_eq!(
            find_words(text, "billig"),
            vec![Match {
                line: 0,
                column: 0,
                len: 6
            }]
        );
        assert_eq!(
            find_words(text, "bike"),
            vec![Match {
                line: 1,
                column: 38,
                len: 4
            }]
        );
    }

    #[test]
    fn markers_with_a_hash_and_multibyte_text() {
        assert!(contains_word("Tolle Tour #ad", "#ad"));
        assert!(!contains_word("Tolle Tour #adventure", "#ad"));
        assert!(contains_word("Ein SCHNÄPPCHEN!", "Schnäppchen"));
        assert_eq!(find_words("äö Schnäppchen", "schnäppchen")[0].column, 3);
    }

    #[test]
    fn phrases_match_across_spaces() {
        assert_eq!(find_words("Das ist ein Mega Deal.", "mega deal")[0].column, 12);
    }
}
