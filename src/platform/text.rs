//! The plain text a network receives: networks do not render Markdown, so the post's
//! Markdown becomes paragraphs, line breaks, bullet lines and bare URLs, and then the
//! tracked link and the hashtags are added. Validation, the site's previews and the
//! export all use these functions, so what is checked is what is posted.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use unicode_segmentation::UnicodeSegmentation;

use super::{entities, urls};

/// The bullet a Markdown list item becomes.
pub const BULLET: &str = "• ";

/// Converts Markdown to the plain text a network shows: paragraphs separated by a
/// blank line, line breaks kept, list items as `• ` (or `1. `) lines, links as their
/// URL, emphasis, headings' `#` and HTML dropped, images dropped (media are separate).
pub fn markdown_to_plain(markdown: &str) -> String {
    let mut writer = PlainWriter::default();
    for event in Parser::new(markdown) {
        writer.event(event);
    }
    writer.finish()
}

/// Collects plain text from Markdown events.
#[derive(Default)]
struct PlainWriter {
    out: String,
    /// Open lists: the next number of an ordered list, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// Whether the current list item has not printed a block yet.
    item_fresh: bool,
    /// Open links: where their text starts in `out`, and their destination.
    links: Vec<(usize, String, LinkType)>,
    /// Depth of images being skipped.
    images: usize,
}

impl PlainWriter {
    /// Handles one Markdown event.
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                if self.images == 0 {
                    self.item_fresh = false;
                    self.out.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if self.images == 0 {
                    self.trim_trailing_spaces();
                    self.out.push('\n');
                }
            }
            Event::TaskListMarker(done) => self.out.push_str(if done { "[x] " } else { "[ ] " }),
            Event::Rule => self.separate_block(),
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
        }
    }

    /// Opens a Markdown element.
    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::BlockQuote(_) => {
                self.separate_block();
            }
            Tag::List(first) => {
                if self.lists.is_empty() {
                    self.separate_block();
                }
                self.lists.push(first);
            }
            Tag::Item => self.start_item(),
            Tag::Link {
                link_type, dest_url, ..
            } => {
                self.links.push((self.out.len(), dest_url.to_string(), link_type));
            }
            Tag::Image { .. } => self.images += 1,
            _ => {}
        }
    }

    /// Closes a Markdown element.
    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::CodeBlock => self.trim_trailing_newlines(),
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Item => self.item_fresh = false,
            TagEnd::Link => self.end_link(),
            TagEnd::Image => self.images = self.images.saturating_sub(1),
            _ => {}
        }
    }

    /// Starts a list item on its own line with its bullet or number, indented by depth.
    fn start_item(&mut self) {
        self.trim_trailing_spaces();
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        let depth = self.lists.len().saturating_sub(1);
        self.out.push_str(&"  ".repeat(depth));
        match self.lists.last_mut() {
            Some(Some(n)) => {
                self.out.push_str(&format!("{n}. "));
                *n += 1;
            }
            _ => self.out.push_str(BULLET),
        }
        self.item_fresh = true;
    }

    /// Replaces a link's text by its URL (autolinks and e-mail links already show it).
    fn end_link(&mut self) {
        let Some((start, url, link_type)) = self.links.pop() else {
            return;
        };
        if matches!(link_type, LinkType::Autolink | LinkType::Email) || url.is_empty() {
            return;
        }
        self.out.truncate(start);
        self.out.push_str(&url);
    }

    /// Separates a new block from what came before: a blank line at the top level,
    /// a line break inside a list item, nothing for an item's first block.
    fn separate_block(&mut self) {
        if self.item_fresh {
            self.item_fresh = false;
            return;
        }
        self.trim_trailing_spaces();
        self.trim_trailing_newlines();
        if self.out.is_empty() {
            return;
        }
        self.out
            .push_str(if self.lists.is_empty() { "\n\n" } else { "\n" });
    }

    /// Drops spaces at the end of the current line (Markdown's hard-break spaces).
    fn trim_trailing_spaces(&mut self) {
        let kept = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(kept);
    }

    /// Drops line breaks at the end of the text.
    fn trim_trailing_newlines(&mut self) {
        let kept = self.out.trim_end_matches(['\n', '\r']).len();
        self.out.truncate(kept);
    }

    /// The finished text, without leading or trailing blank space.
    fn finish(self) -> String {
        self.out.trim().to_owned()
    }
}

/// Puts the tracked link into the text: where the author wrote the untracked link,
/// it is replaced; otherwise it is appended after a blank line.
pub fn place_link(text: &str, raw_link: &str, tracked_link: &str) -> String {
    let found: Vec<_> = urls::find_links(text, true)
        .into_iter()
        .filter(|l| &text[l.range.clone()] == raw_link)
        .collect();
    if found.is_empty() {
        return join_blocks(text, tracked_link);
    }
    let mut out = String::with_capacity(text.len() + tracked_link.len());
    let mut at = 0;
    for link in found {
        out.push_str(&text[at..link.range.start]);
        out.push_str(tracked_link);
        at = link.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Appends the hashtags (written without `#`) as one line after a blank line,
/// leaving out those already in the text.
pub fn append_hashtags<S: AsRef<str>>(text: &str, hashtags: &[S]) -> String {
    let present: Vec<String> = entities::hashtags(text)
        .into_iter()
        .map(|e| text[e.range].trim_start_matches(['#', '＃']).to_lowercase())
        .collect();
    let mut line: Vec<String> = Vec::new();
    for tag in hashtags {
        let tag = tag.as_ref().trim().trim_start_matches('#');
        let key = tag.to_lowercase();
        if tag.is_empty() || present.contains(&key) || line.iter().any(|t| t[1..].to_lowercase() == key) {
            continue;
        }
        line.push(format!("#{tag}"));
    }
    if line.is_empty() {
        return text.to_owned();
    }
    join_blocks(text, &line.join(" "))
}

/// `first`, a blank line, `second`; just `second` when `first` is empty.
fn join_blocks(first: &str, second: &str) -> String {
    if first.trim().is_empty() {
        second.to_owned()
    } else {
        format!("{}\n\n{second}", first.trim_end())
    }
}

/// Where a network folds the text behind "more": the byte offset after `visible`
/// graphemes, or `None` when the whole text is shown.
pub fn fold_position(text: &str, visible: usize) -> Option<usize> {
    text.grapheme_indices(true).nth(visible).map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_line_breaks() {
        assert_eq!(
            markdown_to_plain("Erste Zeile\nzweite Zeile\n\nNeuer Absatz"),
            "Erste Zeile\nzweite Zeile\n\nNeuer Absatz"
        );
        assert_eq!(markdown_to_plain("hart  \numbrochen"), "hart\numbrochen");
        assert_eq!(markdown_to_plain("\n\n  Text  \n\n"), "Text");
    }

    #[test]
    fn emphasis_and_headings_are_dropped() {
        assert_eq!(
            markdown_to_plain("Das ist *wichtig* und **sehr** ~~nicht~~ `code`"),
            "Das ist wichtig und sehr ~~nicht~~ code"
        );
        assert_eq!(markdown_to_plain("# Titel\n\nText"), "Titel\n\nText");
    }

    #[test]
    fn lists_become_bullet_lines() {
        let md = "Drei Checks:\n\n- Profil\n- Luftdruck\n- Licht\n\nFertig.";
        assert_eq!(
            markdown_to_plain(md),
            "Drei Checks:\n\n• Profil\n• Luftdruck\n• Licht\n\nFertig."
        );
        assert_eq!(markdown_to_plain("1. eins\n2. zwei"), "1. eins\n2. zwei");
        assert_eq!(markdown_to_plain("- a\n  - b\n- c"), "• a\n  • b\n• c");
        assert_eq!(markdown_to_plain("- loose\n\n- list"), "• loose\n• list");
    }

    #[test]
    fn links_become_their_url() {
        assert_eq!(
            markdown_to_plain("Mehr: [im Blog](https://radwerk.de/blog)"),
            "Mehr: https://radwerk.de/blog"
        );
        assert_eq!(markdown_to_plain("<https://radwerk.de>"), "https://radwerk.de");
        assert_eq!(
            markdown_to_plain("bare https://radwerk.de/x stays"),
            "bare https://radwerk.de/x stays"
        );
        assert_eq!(markdown_to_plain("![Reifen](media/reifen.jpg) Text"), "Text");
    }

    #[test]
    fn hashtags_and_mentions_survive() {
        assert_eq!(
            markdown_to_plain("#fahrrad #winter\n@radwerk"),
            "#fahrrad #winter\n@radwerk"
        );
        assert_eq!(markdown_to_plain("Preis: 5 &amp; mehr"), "Preis: 5 & mehr");
        assert_eq!(markdown_to_plain("<b>fett</b>"), "fett");
    }

    #[test]
    fn link_is_replaced_where_written_or_appended() {
        let tracked = "https://radwerk.de/winter?utm_source=x";
        assert_eq!(
            place_link(
                "Hier: https://radwerk.de/winter.",
                "https://radwerk.de/winter",
                tracked
            ),
            format!("Hier: {tracked}.")
        );
        assert_eq!(
            place_link("Text", "https://radwerk.de/winter", tracked),
            format!("Text\n\n{tracked}")
        );
        assert_eq!(
            place_link(
                "https://radwerk.de/winter/alt",
                "https://radwerk.de/winter",
                tracked
            ),
            format!("https://radwerk.de/winter/alt\n\n{tracked}")
        );
        assert_eq!(place_link("", "https://a.de", tracked), tracked);
    }

    #[test]
    fn hashtags_are_appended_once() {
        assert_eq!(
            append_hashtags("Text", &["fahrrad", "winter"]),
            "Text\n\n#fahrrad #winter"
        );
        assert_eq!(
            append_hashtags("Text #Fahrrad", &["fahrrad", "#winter", "winter"]),
            "Text #Fahrrad\n\n#winter"
        );
        assert_eq!(append_hashtags("Text", &[] as &[&str]), "Text");
    }

    #[test]
    fn fold_position_counts_graphemes() {
        assert_eq!(fold_position("abc", 3), None);
        assert_eq!(fold_position("abcd", 3), Some(3));
        assert_eq!(fold_position("👨‍👩‍👧‍👦ab", 1), Some(25));
    }
}
