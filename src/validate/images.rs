//! Inline images in a caption: networks take media separately, so `![alt](src)` in the
//! text is dropped when it is composed. This rule says so at the line where the image
//! is written, so the author moves it to the post's `media` instead of losing it.

use super::Family;
use super::html::markdown_texts;
use super::text::locate_text;
use crate::compose::text::inline_images;
use crate::diagnostic::{Diagnostic, Pos, Rule, Severity};
use crate::model::{Post, Project};

/// An inline Markdown image in a post's text, a variant's text, a thread part or a
/// first comment.
///
/// What: `![Reifen](media/reifen.jpg)` written in the text. Why: networks render no
/// Markdown and take images as attachments, so the image never reaches them and is
/// left out of the text. Example: list it under `media = [{ path = "media/reifen.jpg",
/// alt = "…" }]` instead. Config: `[lints] image-in-text = "allow"`.
pub const IMAGE_IN_TEXT: Rule = Rule {
    name: "image-in-text",
    default: Severity::Warning,
    summary: "An inline image `![…](…)` in a post's text or a `[PLATFORM]` `text`, `thread` or `first_comment`: networks take images as media, so it is left out of the text; list it under `media`.",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&IMAGE_IN_TEXT];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[|project, post, _, out| check_post(project, post, out)],
    dated: &[],
    across: &[],
};

/// Checks the Markdown texts of one post for inline images, one finding per image.
pub fn check_post(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    for (text, origin) in markdown_texts(post) {
        for (at, image) in inline_images(text) {
            let pos = locate_text(project, post, text, origin, at, image);
            out.push(finding(post, pos, image));
        }
    }
}

/// The warning for the image written as `image` at `pos`.
fn finding(post: &Post, pos: Pos, image: &str) -> Diagnostic {
    let shown: String = image.chars().take(60).collect();
    let ellipsis = if shown.len() < image.len() { "…" } else { "" };
    Diagnostic::new(
        &IMAGE_IN_TEXT,
        &post.file,
        pos,
        format!("inline image `{shown}{ellipsis}` is left out of the text networks receive"),
    )
    .width(image.chars().count())
    .help("networks take images as media: list the file under `media` (with its `alt` text) and delete it from the text")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::{CONFIG, post, run};

    /// The lines of the findings for a post with `front` matter and `body`.
    fn lines(front: &str, body: &str) -> Vec<u32> {
        let file = post(&format!("platforms = [\"x\"]\n{front}"), body);
        let found = run(&FAMILY, &[("touchpoint.toml", CONFIG), ("posts/a.md", &file)]);
        assert!(found.iter().all(|(_, _, rule)| *rule == "image-in-text"));
        found.into_iter().map(|(_, line, _)| line).collect()
    }

    #[test]
    fn an_inline_image_is_a_warning_at_its_line() {
        assert!(lines("", "Plain [link](https://a.de) `![no](code)`").is_empty());
        // +++, title, platforms, a blank line, +++: the body starts on line 6.
        let body = lines(
            "",
            "Intro\n\nSeht: ![Reifen](media/reifen.jpg)\n\n![](a.png) ![](b.png)",
        );
        assert_eq!(body, vec![8, 10, 10]);
    }

    #[test]
    fn variant_texts_and_threads_are_checked_where_written() {
        let front = "[x]\ntext = \"ok\"\nthread = [\"fine\", \"![x](media/x.png)\"]";
        assert_eq!(lines(front, "![unused](body.png)"), vec![6]);
    }
}
