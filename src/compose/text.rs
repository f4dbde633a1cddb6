//! The plain text a network receives: networks do not render Markdown, so the post's
//! Markdown becomes paragraphs, line breaks, bullet lines and bare URLs, and then the
//! tracked link and the hashtags are added. Validation, the site's previews and the
//! export all use these functions, so what is checked is what is posted.

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use unicode_segmentation::UnicodeSegmentation;

use crate::model::LinkForm;
use crate::platform::{entities, urls};

/// The bullet a Markdown list item becomes.
pub const BULLET: &str = "• ";

/// Converts Markdown to the plain text a network shows, links as their words then
/// their URL (the default [`LinkForm`]); see [`markdown_to_plain_with`].
pub fn markdown_to_plain(markdown: &str) -> String {
    markdown_to_plain_with(markdown, LinkForm::default())
}

/// Converts Markdown to the plain text a network shows: paragraphs separated by a
/// blank line, line breaks kept, list items as `• ` (or `1. `) lines, links written
/// as `links` says (words and URL, URL, or words), emphasis and headings' `#` dropped,
/// images dropped (media are separate; the `image-in-text` rule says so). Raw HTML
/// loses its tags but keeps its words ([`html_words`]): networks would post the tags
/// literally, and the words are what the author meant to say.
pub fn markdown_to_plain_with(markdown: &str, links: LinkForm) -> String {
    let mut writer = PlainWriter {
        link_form: links,
        ..PlainWriter::default()
    };
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
    /// The raw text of the HTML block being read, if inside one.
    html: Option<String>,
    /// What a link becomes.
    link_form: LinkForm,
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
            Event::Html(html) => self.html.get_or_insert_default().push_str(&html),
            Event::InlineHtml(tag) if breaks_line(&tag) => {
                self.trim_trailing_spaces();
                self.out.push('\n');
            }
            Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
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
            Tag::HtmlBlock => self.html = Some(String::new()),
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
            TagEnd::HtmlBlock => self.end_html_block(),
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

    /// Writes the words of the HTML block just read as a block of their own.
    fn end_html_block(&mut self) {
        let words = html_words(&self.html.take().unwrap_or_default());
        if !words.is_empty() {
            self.separate_block();
            self.item_fresh = false;
            self.out.push_str(&words);
        }
    }

    /// Writes a link in the chosen form: its words then its URL, its URL alone, or its
    /// words alone. Autolinks and e-mail links already show their address; a link
    /// without words, or whose words are its URL, shows the URL once.
    fn end_link(&mut self) {
        let Some((start, url, link_type)) = self.links.pop() else {
            return;
        };
        if matches!(link_type, LinkType::Autolink | LinkType::Email) || url.is_empty() {
            return;
        }
        let words = self.out[start..].trim();
        if words.is_empty() || words == url {
            self.out.truncate(start);
            self.out.push_str(&url);
            return;
        }
        match self.link_form {
            LinkForm::Words => {}
            LinkForm::Url => {
                self.out.truncate(start);
                self.out.push_str(&url);
            }
            LinkForm::WordsAndUrl => {
                self.trim_trailing_spaces();
                if !self.out.ends_with('\n') {
                    self.out.push(' ');
                }
                self.out.push_str(&url);
            }
        }
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

/// The words of raw HTML as a network should show them: tags removed (block tags and
/// `<br>` become line breaks), comments and the content of `<script>` and `<style>`
/// left out, the common character references decoded, each line trimmed and empty
/// lines dropped. `<div>Sale &amp; <b>more</b></div>` gives `Sale & more`.
pub fn html_words(html: &str) -> String {
    let text = decode_entities(&strip_tags(html));
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.join("\n")
}

/// `html` without its tags and comments, and without what `<script>` and `<style>` hold.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(comment) = tail.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        if !starts_tag(tail) {
            out.push('<');
            rest = &tail[1..];
            continue;
        }
        let Some(end) = tag_end(tail) else {
            // A tag that never closes: the rest is text (and no second scan to the end).
            rest = tail;
            break;
        };
        let tag = &tail[..end];
        if breaks_line(tag) {
            out.push('\n');
        }
        rest = skip_raw_content(tag, &tail[end..]);
    }
    out.push_str(rest);
    out
}

/// Whether `tail` (starting with `<`) looks like the start of a tag: `<` then a letter,
/// `/`, `!` or `?` (so `a < b` and `<3` stay text).
fn starts_tag(tail: &str) -> bool {
    tail[1..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
}

/// The length of the tag `tail` starts with, up to and including its `>` (quotes
/// respected), or `None` when it never closes.
fn tag_end(tail: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in tail.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The lower-case element name of a tag (`<B class=x>` gives `b`, `</p>` gives `p`).
fn tag_name(tag: &str) -> String {
    let name = tag.trim_start_matches('<').trim_start_matches('/');
    let end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    name[..end].to_ascii_lowercase()
}

/// Whether a tag starts a new line in the text: `<br>` and block elements.
fn breaks_line(tag: &str) -> bool {
    const BLOCKS: &[&str] = &[
        "br",
        "p",
        "div",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "blockquote",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "hr",
        "pre",
    ];
    tag.starts_with('<') && BLOCKS.contains(&tag_name(tag).as_str())
}

/// What follows `tag`: past the matching end tag for `<script>` and `<style>` (their
/// content is code, not words), else `rest` unchanged.
fn skip_raw_content<'a>(tag: &str, rest: &'a str) -> &'a str {
    let name = tag_name(tag);
    if tag.starts_with("</") || !matches!(name.as_str(), "script" | "style") {
        return rest;
    }
    let closes = |at: &usize| {
        let after = &rest.as_bytes()[at + 2..];
        after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes())
    };
    match rest.match_indices("</").map(|(at, _)| at).find(closes) {
        Some(at) => tag_end(&rest[at..]).map_or("", |end| &rest[at + end..]),
        None => "",
    }
}

/// Decodes the character references people write: `&amp;`, `&lt;`, `&gt;`, `&quot;`,
/// `&apos;`, `&#39;`, `&nbsp;` and numeric ones (`&#8364;`, `&#x20AC;`); others stay.
/// The PDFs use it too, to turn the site's escaped HTML back into text.
pub(crate) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        // References are short: look for the `;` in the next few bytes only.
        let decoded = tail.as_bytes()[..tail.len().min(12)]
            .iter()
            .position(|b| *b == b';')
            .and_then(|end| entity(&tail[1..end]).map(|c| (c, end + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference's name (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    let number = |digits: &str, radix| u32::from_str_radix(digits, radix).ok().and_then(char::from_u32);
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => match name.strip_prefix('#') {
            Some(hex) if hex.starts_with(['x', 'X']) => number(&hex[1..], 16),
            Some(decimal) => number(decimal, 10),
            None => None,
        },
    }
}

/// Where `markdown` holds raw HTML: for each HTML block and each inline tag or comment,
/// its byte offset and its text up to the end of its line. Code spans and autolinks
/// (`<https://...>`) are not HTML.
pub fn raw_html(markdown: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        if matches!(event, Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_)) {
            let written = &markdown[range.start..];
            let end = written.find('\n').unwrap_or(written.len()).min(range.len());
            found.push((range.start, written[..end].trim_end()));
        }
    }
    found
}

/// Where `markdown` holds an inline image `![alt](src)`: its byte offset and how it is
/// written, up to the end of its line. Composing drops images (networks take media
/// separately), so the `image-in-text` rule points the author to `media`.
pub fn inline_images(markdown: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        if matches!(event, Event::Start(Tag::Image { .. })) {
            let written = &markdown[range.clone()];
            let end = written.find('\n').unwrap_or(written.len());
            found.push((range.start, written[..end].trim_end()));
        }
    }
    found
}

/// Puts the tracked link into the text: where the author wrote the untracked link,
/// it is replaced; otherwise it is appended after a blank line.
pub fn place_link(text: &str, raw_link: &str, tracked_link: &str) -> String {
    put_link(text, &raw_link_ranges(text, raw_link), tracked_link)
}

/// Where `text` holds `raw_link` as a link (twitter-text's grammar finds them).
fn raw_link_ranges(text: &str, raw_link: &str) -> Vec<Range<usize>> {
    urls::find_links(text, true)
        .into_iter()
        .map(|l| l.range)
        .filter(|range| &text[range.clone()] == raw_link)
        .collect()
}

/// [`place_link`] with the raw link's places in `text` already found.
fn put_link(text: &str, raw_places: &[Range<usize>], tracked_link: &str) -> String {
    if raw_places.is_empty() {
        return join_blocks(text, tracked_link);
    }
    let mut out = String::with_capacity(text.len() + tracked_link.len());
    let mut at = 0;
    for range in raw_places {
        out.push_str(&text[at..range.start]);
        out.push_str(tracked_link);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A post's Markdown as plain text, made once and shared by every network the post goes
/// to: each of them would otherwise parse the same body and search it for the same link
/// (the link's UTM parameters differ per network, the places where it is written do not).
pub struct PlainText {
    text: String,
    raw_places: OnceLock<Vec<Range<usize>>>,
}

impl PlainText {
    /// `markdown` as plain text, its links written as `links` says.
    pub fn new(markdown: &str, links: LinkForm) -> Self {
        PlainText {
            text: markdown_to_plain_with(markdown, links),
            raw_places: OnceLock::new(),
        }
    }

    /// The plain text alone.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The plain text with `raw_link` replaced by (or, where it is not written, followed
    /// by) `tracked_link`, as [`place_link`] does. `raw_link` is the post's link, the same
    /// on every call: where it is written is found on the first.
    pub fn with_link(&self, raw_link: &str, tracked_link: &str) -> String {
        let places = self
            .raw_places
            .get_or_init(|| raw_link_ranges(&self.text, raw_link));
        put_link(&self.text, places, tracked_link)
    }
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
    if crate::platform::unicode::is_plain_ascii(text) {
        return (visible < text.len()).then_some(visible);
    }
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
    fn links_keep_their_words_then_the_url_by_default() {
        assert_eq!(
            markdown_to_plain("Mehr auf [unserer Seite](https://radwerk.example/tour)."),
            "Mehr auf unserer Seite https://radwerk.example/tour."
        );
        assert_eq!(
            markdown_to_plain("[**fett** verlinkt ](https://a.de) und"),
            "fett verlinkt https://a.de und"
        );
        assert_eq!(markdown_to_plain("[https://a.de](https://a.de)"), "https://a.de");
        assert_eq!(markdown_to_plain("leer [](https://a.de)"), "leer https://a.de");
    }

    #[test]
    fn a_repository_can_choose_url_or_words() {
        let md = "auf [unserer Seite](https://radwerk.example/tour)";
        assert_eq!(
            markdown_to_plain_with(md, LinkForm::Url),
            "auf https://radwerk.example/tour"
        );
        assert_eq!(markdown_to_plain_with(md, LinkForm::Words), "auf unserer Seite");
        assert_eq!(
            markdown_to_plain_with("[](https://a.de)", LinkForm::Words),
            "https://a.de"
        );
    }

    #[test]
    fn the_url_after_the_words_still_counts_as_a_link_on_x() {
        use crate::platform::{Platform, measure};
        let plain = markdown_to_plain(
            "Mehr auf [unserer Seite](https://radwerk.de/a/very/long/path/indeed/that/is/long)",
        );
        // "Mehr auf unserer Seite " is 23 characters; the URL counts 23 on X.
        assert_eq!(measure(Platform::X, &plain, None).length, 23 + 23);
    }

    #[test]
    fn links_become_their_url_in_the_url_form() {
        assert_eq!(
            markdown_to_plain_with("Mehr: [im Blog](https://radwerk.de/blog)", LinkForm::Url),
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
    fn html_keeps_its_words_and_loses_its_tags() {
        assert_eq!(markdown_to_plain("<b>Sale</b> today"), "Sale today");
        assert_eq!(markdown_to_plain("<div>Sale today</div>"), "Sale today");
        assert_eq!(
            markdown_to_plain("Intro\n\n<div class=\"x\">\n<p>Sale &amp; more</p><p>Two</p>\n</div>\n\nEnd"),
            "Intro\n\nSale & more\nTwo\n\nEnd"
        );
        assert_eq!(markdown_to_plain("<script>alert(1)</script> short"), "short");
        assert_eq!(markdown_to_plain("<!-- note -->\nText"), "Text");
        assert_eq!(markdown_to_plain("eins<br>zwei"), "eins\nzwei");
        assert_eq!(markdown_to_plain("- <span>Punkt</span>"), "• Punkt");
    }

    #[test]
    fn html_words_decodes_references_and_keeps_stray_brackets() {
        assert_eq!(
            html_words("<p title=\"a>b\">5 &lt; 6 &#8364; &#x41; &bogus; a<3</p>"),
            "5 < 6 € A &bogus; a<3"
        );
        assert_eq!(
            html_words("<style>p{}</style><SCRIPT>x</SCRIPT>ok<script>never closed"),
            "ok"
        );
        assert_eq!(html_words("<!-- open comment"), "");
        assert_eq!(
            html_words("<b>ok</b> <a title=\"never closed"),
            "ok <a title=\"never closed"
        );
        let long = "<a".repeat(200_000) + &"&amp".repeat(200_000);
        let started = std::time::Instant::now();
        assert_eq!(html_words(&long).len(), long.len());
        assert!(started.elapsed().as_secs() < 2, "linear, not quadratic");
    }

    #[test]
    fn raw_html_finds_blocks_and_inline_tags_but_not_code_or_autolinks() {
        let md = "Hi <b>x</b>\n\n<div>\nA\n</div>\n\n`<i>` <https://a.de>";
        let found: Vec<_> = raw_html(md)
            .into_iter()
            .map(|(at, html)| (at, html.to_owned()))
            .collect();
        assert_eq!(
            found,
            vec![
                (3, "<b>".to_owned()),
                (7, "</b>".to_owned()),
                (13, "<div>".to_owned())
            ]
        );
    }

    #[test]
    fn inline_images_are_found_where_written_but_not_in_code() {
        let md = "Text ![Reifen](media/r.jpg)\n\n`![x](y)`\n\n![](a.png)";
        assert_eq!(
            inline_images(md),
            vec![(5, "![Reifen](media/r.jpg)"), (40, "![](a.png)")]
        );
        assert!(inline_images("[link](https://a.de) !not").is_empty());
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
        assert_eq!(fold_position("a\r\nbc", 2), Some(3), "CR LF is one grapheme");
        for visible in 0..6 {
            let by_segmenter = "hello".grapheme_indices(true).nth(visible).map(|(i, _)| i);
            assert_eq!(fold_position("hello", visible), by_segmenter);
        }
    }
}
