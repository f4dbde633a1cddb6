//! Raw HTML in a caption: networks post text literally, so `<b>Sale</b>` would go out
//! with its tags. Touchpoint removes the tags and keeps the words
//! ([`crate::compose::text::html_words`]); this rule says so at the line where the
//! HTML is written, so the author sees what the network will show.

use super::Family;
use super::text::{Origin, locate_text};
use crate::compose::text::raw_html;
use crate::diagnostic::{Diagnostic, Pos, Rule, Severity};
use crate::model::{Post, Project, Spanned};

/// Raw HTML in a post's text, a variant's text, a thread part or a first comment.
pub const HTML_IN_TEXT: Rule = Rule {
    name: "html-in-text",
    default: Severity::Warning,
    summary: "Raw HTML in a post's text or a `[PLATFORM]` `text`, `thread` or `first_comment`: networks show no HTML, so the tags are removed and the words kept (comments and scripts are left out).",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&HTML_IN_TEXT];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[|project, post, _, out| check_post(project, post, out)],
    dated: &[],
    across: &[],
};

/// Checks the Markdown texts of one post: the rule judges each post alone, so the dev
/// server runs it again only for the posts that change.
pub fn check_post(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    for (text, origin) in markdown_texts(post) {
        let mut lines = Vec::new();
        for (at, html) in raw_html(text) {
            let pos = locate_text(project, post, text, origin, at, html);
            if lines.contains(&pos.line) {
                continue;
            }
            lines.push(pos.line);
            out.push(finding(post, pos, html));
        }
    }
}

/// The Markdown texts of `post` that become platform text, with where each is written:
/// the body when some platform uses it, then each variant's text, thread parts and
/// first comment.
pub(crate) fn markdown_texts(post: &Post) -> Vec<(&str, Origin)> {
    fn value(s: &Spanned<String>) -> (&str, Origin) {
        (s.value.as_str(), Origin::Value(s.pos))
    }
    let body_used = post.platforms.is_empty()
        || post.platforms.iter().any(|p| {
            let variant = post.variants.get(&p.value);
            variant.and_then(|v| v.text.as_ref()).is_none()
        });
    let mut texts = Vec::new();
    if body_used {
        texts.push((post.body.as_str(), Origin::Body(post.body_line)));
    }
    for variant in post.variants.values() {
        texts.extend(variant.text.iter().map(value));
        texts.extend(variant.thread.iter().map(value));
        texts.extend(variant.first_comment.iter().map(value));
    }
    texts
}

/// The warning for the HTML `html` (its first line) found at `pos`.
fn finding(post: &Post, pos: Pos, html: &str) -> Diagnostic {
    let shown: String = html.chars().take(40).collect();
    let ellipsis = if shown.len() < html.len() { "…" } else { "" };
    let (message, help) = if html.starts_with("<!--") {
        (
            format!("HTML comment `{shown}{ellipsis}` in the text is left out of what networks receive"),
            "networks show no comments; delete it, or keep notes outside the caption",
        )
    } else {
        (
            format!("raw HTML `{shown}{ellipsis}` in the text: networks post it literally"),
            "Touchpoint removes the tags and keeps the words; write plain text (or Markdown) instead",
        )
    };
    Diagnostic::new(&HTML_IN_TEXT, &post.file, pos, message)
        .width(html.chars().count())
        .help(help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::{CONFIG, post, run};

    /// The lines of the findings for a post with `front` matter and `body`.
    fn lines(front: &str, body: &str) -> Vec<u32> {
        let file = post(&format!("platforms = [\"x\"]\n{front}"), body);
        let found = run(&FAMILY, &[("touchpoint.toml", CONFIG), ("posts/a.md", &file)]);
        assert!(found.iter().all(|(_, _, rule)| *rule == "html-in-text"));
        found.into_iter().map(|(_, line, _)| line).collect()
    }

    #[test]
    fn raw_html_is_a_warning_at_each_line_it_is_on() {
        assert!(lines("", "Plain *Markdown* <https://a.de> `<b>`").is_empty());
        // +++, title, platforms, a blank line, +++: the body starts on line 6.
        let body = lines("", "Intro\n\n<b>Sale</b> today <i>x</i>\n\n<div>\nBlock\n</div>");
        assert_eq!(body, vec![8, 10]);
    }

    #[test]
    fn variant_texts_threads_and_comments_are_checked_where_written() {
        let front = "[x]\ntext = \"ok\"\nthread = [\"fine\", \"<b>two</b>\"]\nfirst_comment = \"\"\"\nline\n<div>c</div>\"\"\"";
        assert_eq!(lines(front, "<p>unused body</p>"), vec![6, 9]);
    }
}
