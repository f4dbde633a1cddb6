//! The tera instance: templates compiled once, escaping set, filters registered here
//! and nowhere else, and tera's errors turned into ones that name the template file
//! and line a user can open.

use std::collections::HashMap;

use tera::{Tera, Value};

use super::SiteError;
use super::tables::Snippet;
use super::theme::Theme;
use crate::lang::Words;
use crate::lang::format::{number, percent};

/// Compiles the theme's templates (after overrides) with autoescaping on `.html`.
pub(super) fn compile(theme: &Theme, words: &Words) -> Result<Tera, SiteError> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
    tera.set_escape_fn(escape_html);
    register_filters(&mut tera, words);
    let sources: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(name, source)| (name.as_str(), source.text.as_str()))
        .collect();
    add_templates_in_parallel(&mut tera, &sources).map_err(|err| parse_error(theme, &err))?;
    let mut each: Vec<&str> = Snippet::ALL.iter().map(|kind| kind.template()).collect();
    each.dedup();
    let wrappers: Vec<(String, String)> = each
        .iter()
        .filter(|name| theme.templates.contains_key(**name))
        .map(|name| {
            let body = format!("{{% for p in items %}}{{% include \"{name}\" %}}{SEPARATOR}{{% endfor %}}");
            (each_wrapper(name), body)
        })
        .collect();
    tera.add_raw_templates(wrappers)
        .map_err(|err| parse_error(theme, &err))?;
    Ok(tera)
}

/// `Tera::add_raw_templates` with the templates parsed on all cores: parsing the theme
/// ran alone on one core before any page could render (20 ms of a build). The error is
/// the one `add_raw_templates` gives: the first template's, in `sources`' order.
fn add_templates_in_parallel(tera: &mut Tera, sources: &[(&str, &str)]) -> tera::Result<()> {
    use rayon::prelude::*;
    let parsed: Vec<tera::Result<tera::Template>> = sources
        .par_iter()
        .map(|(name, text)| {
            tera::Template::new(name, None, text)
                .map_err(|e| tera::Error::chain(format!("Failed to parse '{name}'"), e))
        })
        .collect();
    for ((name, _), template) in sources.iter().zip(parsed) {
        tera.templates.insert((*name).to_owned(), template?);
    }
    tera.build_inheritance_chains()?;
    tera.check_macro_files()
}

/// What joins snippets rendered in one call: the ASCII record separator, which
/// [`escape_html`] never lets through from a value.
pub(super) const SEPARATOR: char = '\u{1e}';

/// The name of the generated template that renders `template` once per item.
pub(super) fn each_wrapper(template: &str) -> String {
    format!("__each__{template}")
}

/// Every filter the templates may use: `number`, `percent`, `plural(key=…)`
/// (`{{ count | plural(key="posts") }}` → "1 post", "2 Beiträge") and `plural_word(key=…)`
/// (the word alone, for a figure that shows the number apart).
fn register_filters(tera: &mut Tera, words: &Words) {
    let lang = words.lang();
    let plurals = std::sync::Arc::new(words.clone());
    let words_only = std::sync::Arc::clone(&plurals);
    tera.register_filter("plural", move |value: &Value, args: &HashMap<String, Value>| {
        let key = args.get("key").and_then(Value::as_str).unwrap_or_default();
        Ok(Value::String(
            value
                .as_f64()
                .map_or_else(String::new, |n| plurals.plural(key, n)),
        ))
    });
    tera.register_filter(
        "plural_word",
        move |value: &Value, args: &HashMap<String, Value>| {
            let key = args.get("key").and_then(Value::as_str).unwrap_or_default();
            Ok(Value::String(
                value
                    .as_f64()
                    .map_or_else(String::new, |n| words_only.plural_word(key, n)),
            ))
        },
    );
    tera.register_filter("number", move |value: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(
            value.as_f64().map_or_else(String::new, |v| number(lang, v)),
        ))
    });
    tera.register_filter("percent", move |value: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(
            value.as_f64().map_or_else(String::new, |v| percent(lang, v)),
        ))
    });
}

/// Escapes the five characters that matter in HTML text and quoted attributes.
/// (tera's default also escapes `/`, which only makes paths in `href`s unreadable.)
/// Control characters other than tab and line breaks, which HTML does not allow, become
/// U+FFFD; among them the [`SEPARATOR`] of bulk-rendered snippets.
pub(super) fn escape_html(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len() + input.len() / 16);
    let mut copied = 0;
    // Most values hold nothing to escape: the scan looks each byte up in a table and only
    // stops at the ones to replace. Every byte replaced is ASCII, so the slices between
    // them are whole characters.
    while let Some(offset) = bytes[copied..].iter().position(|&b| NEEDS_ESCAPE[usize::from(b)]) {
        let at = copied + offset;
        out.push_str(&input[copied..at]);
        out.push_str(replacement(bytes[at]));
        copied = at + 1;
    }
    out.push_str(&input[copied..]);
    out
}

/// Which bytes [`escape_html`] replaces: `& < > " '` and the control characters other
/// than tab and line breaks.
static NEEDS_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = matches!(byte as u8, b'&' | b'<' | b'>' | b'"' | b'\'' | 0..=0x08 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f);
        byte += 1;
    }
    table
};

/// What [`escape_html`] writes for a byte of [`NEEDS_ESCAPE`].
fn replacement(byte: u8) -> &'static str {
    match byte {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'"' => "&quot;",
        b'\'' => "&#x27;",
        _ => "\u{fffd}",
    }
}

/// The messages of an error and everything that caused it, outermost first.
fn chain(err: &tera::Error) -> Vec<String> {
    let mut messages = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        messages.push(inner.to_string());
        source = inner.source();
    }
    messages
}

/// A parse error names the template ("Failed to parse 'NAME'") and pest gives " --> L:C".
fn parse_error(theme: &Theme, err: &tera::Error) -> SiteError {
    let messages = chain(err);
    let name = messages
        .iter()
        .find_map(|m| quoted_after(m, "Failed to parse '"))
        .or_else(|| messages.iter().find_map(|m| quoted_after(m, "template '")))
        .unwrap_or_default();
    let line = messages.iter().find_map(|m| pest_line(m));
    let template = theme
        .templates
        .get(&name)
        .map_or_else(|| name.clone(), |source| source.display_path(&name));
    SiteError::Template {
        template,
        line,
        message: messages.last().cloned().unwrap_or_default().trim().to_owned(),
    }
}

/// A render error: tera names the template but not the line, so look for the line
/// holding the variable or filter it complains about.
pub(super) fn render_error(theme: &Theme, template: &str, err: &tera::Error) -> SiteError {
    let messages = chain(err);
    let failing = messages
        .iter()
        .find_map(|m| quoted_after(m, "while rendering '"))
        .unwrap_or_else(|| template.to_owned());
    let message = messages.last().cloned().unwrap_or_default();
    let source = theme.templates.get(&failing);
    let line = source.and_then(|s| {
        let needle = between(&message, '`', '`')?;
        let index = s.text.lines().position(|l| l.contains(needle.as_str()))?;
        u32::try_from(index + 1).ok()
    });
    SiteError::Template {
        template: source.map_or_else(|| failing.clone(), |s| s.display_path(&failing)),
        line,
        message: message.trim().to_owned(),
    }
}

fn quoted_after(message: &str, prefix: &str) -> Option<String> {
    let start = message.find(prefix)? + prefix.len();
    let rest = &message[start..];
    Some(rest[..rest.find('\'')?].to_owned())
}

fn between(message: &str, open: char, close: char) -> Option<String> {
    let start = message.find(open)? + open.len_utf8();
    let rest = &message[start..];
    Some(rest[..rest.find(close)?].to_owned())
}

/// The line of pest's " --> 3:17" marker.
fn pest_line(message: &str) -> Option<u32> {
    let start = message.find("--> ")? + 4;
    let digits: String = message[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::theme::{Origin, TemplateSource};

    fn theme_with(name: &str, text: &str) -> Theme {
        let mut theme = Theme::default();
        let source = TemplateSource {
            text: text.to_owned(),
            origin: Origin::Project,
        };
        theme.templates.insert(name.to_owned(), source);
        theme
    }

    #[test]
    fn a_syntax_error_names_the_override_and_line() {
        let theme = theme_with("index.html", "<p>\n{{ oops }\n</p>");
        let Err(SiteError::Template { template, line, .. }) =
            compile(&theme, &crate::lang::words::builtin(crate::lang::Lang::En))
        else {
            panic!("expected a template error");
        };
        assert_eq!(template, "templates/index.html");
        assert_eq!(line, Some(2));
    }

    #[test]
    fn a_render_error_names_the_line_of_the_missing_variable() {
        let theme = theme_with("page.html", "<p>\n{{ nope.deeper }}\n</p>");
        let tera = compile(&theme, &crate::lang::words::builtin(crate::lang::Lang::En)).unwrap();
        let err = tera.render("page.html", &tera::Context::new()).unwrap_err();
        let SiteError::Template { template, line, .. } = render_error(&theme, "page.html", &err) else {
            panic!("expected a template error");
        };
        assert_eq!(template, "templates/page.html");
        assert_eq!(line, Some(2));
    }

    #[test]
    fn escaping_covers_markup_and_quotes_but_keeps_slashes() {
        assert_eq!(
            escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"
        );
    }

    #[test]
    fn control_characters_become_replacement_characters_but_line_breaks_stay() {
        assert_eq!(escape_html("a\u{1e}b\u{0}c\u{7f}"), "a\u{fffd}b\u{fffd}c\u{fffd}");
        assert_eq!(escape_html("ä\tö\r\nü"), "ä\tö\r\nü");
    }

    #[test]
    fn every_ascii_character_is_escaped_as_the_character_wise_rules_say() {
        let by_character = |c: char| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#x27;".to_owned(),
            '\t' | '\n' | '\r' => c.to_string(),
            '\0'..='\u{1f}' | '\u{7f}' => "\u{fffd}".to_owned(),
            _ => c.to_string(),
        };
        for c in (0u8..128).map(char::from) {
            assert_eq!(
                escape_html(&format!("ä{c}{c}x")),
                format!("ä{0}{0}x", by_character(c)),
                "{c:?}"
            );
        }
    }
}
