//! Character classes of Mastodon's URL grammar (its patched twitter-text): what may
//! start, continue and end a domain, a path and a query, and what a link may follow.

/// Whether a link may start at `at`: not glued to a letter, digit, `@`, `$` or `#`.
pub(super) fn preceded_well(chars: &[(usize, char)], at: usize) -> bool {
    match at.checked_sub(1).and_then(|i| chars.get(i)) {
        None => true,
        Some(&(_, c)) => {
            is_directional_mark(c)
                || !(c.is_ascii_alphanumeric()
                    || matches!(c, '@' | '＠' | '$' | '#' | '＃')
                    || is_invalid_char(c))
        }
    }
}

/// Characters X refuses in a post and never treats as part of a link.
pub(super) fn is_invalid_char(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}')
}

/// Bidirectional formatting marks: never part of a domain, but a link may follow one.
pub(super) fn is_directional_mark(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2066}'..='\u{2069}')
}

/// Characters that may appear in a domain label: anything but ASCII punctuation,
/// spaces and invalid characters (twitter-text's `validDomainChars`).
pub(super) fn is_domain_char(c: char) -> bool {
    if c.is_ascii() {
        // The same test for the common case, without the Unicode tables below.
        return !(is_ascii_domain_punct(c) || matches!(c, '\t'..='\r' | ' '));
    }
    !(is_ascii_domain_punct(c)
        || is_space(c)
        || is_invalid_char(c)
        || is_directional_mark(c)
        || is_unicode_punct(c))
}

/// What a schemeless host label is made of: ASCII letters and digits, Latin accents,
/// and `-`/`_` inside.
pub(super) fn is_ascii_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_latin_accent(c) || c == '-' || c == '_'
}

/// A domain character, or `-`/`_` which labels may hold inside.
pub(super) fn is_label_char(c: char) -> bool {
    is_domain_char(c) || c == '-' || c == '_'
}

/// twitter-text's punctuation set (note: `"` and `` ` `` are not in it).
pub(super) fn is_ascii_domain_punct(c: char) -> bool {
    matches!(
        c,
        '!' | '\''
            | '#'
            | '%'
            | '&'
            | '('
            | ')'
            | '*'
            | '+'
            | ','
            | '\\'
            | '-'
            | '.'
            | '/'
            | ':'
            | ';'
            | '<'
            | '='
            | '>'
            | '?'
            | '@'
            | '['
            | ']'
            | '^'
            | '_'
            | '{'
            | '|'
            | '}'
            | '~'
            | '$'
    )
}

/// Punctuation outside ASCII (Unicode category P, the common blocks): never part of a host,
/// so `example.com。` ends at the ideographic full stop.
pub(super) fn is_unicode_punct(c: char) -> bool {
    matches!(c, '\u{A1}' | '\u{A7}' | '\u{AB}' | '\u{B6}' | '\u{B7}' | '\u{BB}' | '\u{BF}' | '\u{37E}' | '\u{387}'
        | '\u{55A}'..='\u{55F}' | '\u{589}' | '\u{5BE}' | '\u{5C0}' | '\u{5C3}' | '\u{5C6}' | '\u{5F3}' | '\u{5F4}'
        | '\u{60C}' | '\u{60D}' | '\u{61B}' | '\u{61E}' | '\u{61F}' | '\u{66A}'..='\u{66D}' | '\u{6D4}'
        | '\u{964}' | '\u{965}' | '\u{970}' | '\u{E4F}' | '\u{E5A}' | '\u{E5B}' | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}' | '\u{2E00}'..='\u{2E4F}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}' | '\u{3030}' | '\u{303D}' | '\u{30A0}' | '\u{30FB}' | '\u{FE10}'..='\u{FE19}'
        | '\u{FE30}'..='\u{FE4F}' | '\u{FE50}'..='\u{FE6B}' | '\u{FF01}'..='\u{FF03}' | '\u{FF05}'..='\u{FF0A}'
        | '\u{FF0C}'..='\u{FF0F}' | '\u{FF1A}' | '\u{FF1B}' | '\u{FF1F}' | '\u{FF20}' | '\u{FF3B}'..='\u{FF3D}'
        | '\u{FF3F}' | '\u{FF5B}' | '\u{FF5D}' | '\u{FF5F}'..='\u{FF65}')
}

/// Unicode spaces as twitter-text lists them (the ASCII ones are also tested directly in
/// [`is_domain_char`]).
pub(super) fn is_space(c: char) -> bool {
    matches!(c, '\u{09}'..='\u{0D}' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{180E}' | '\u{2000}'..='\u{200A}'
        | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

/// Latin letters with accents, which twitter-text allows in paths and ASCII domains.
pub(super) fn is_latin_accent(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}' | '\u{253}' | '\u{254}'
        | '\u{256}' | '\u{257}' | '\u{259}' | '\u{25B}' | '\u{263}' | '\u{268}' | '\u{26F}' | '\u{272}'
        | '\u{289}' | '\u{28B}' | '\u{2BB}' | '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Mastodon's path characters: anything but white space, `<`, `>`, parentheses and `?`.
pub(super) fn is_mastodon_path_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | '?'))
}

/// Mastodon's path-ending characters: a path character that is not punctuation
/// readers put after a link.
pub(super) fn is_mastodon_path_end_char(c: char) -> bool {
    is_mastodon_path_char(c)
        && !matches!(
            c,
            '!' | '*'
                | '"'
                | '\''
                | '「'
                | '」'
                | ';'
                | ':'
                | '='
                | ','
                | '.'
                | '$'
                | '%'
                | '['
                | ']'
                | '~'
                | '&'
                | '|'
                | '@'
        )
}

/// Mastodon's `UCHARS`: characters from U+00A0 up (IRI characters) in queries.
pub(super) fn is_mastodon_uchar(c: char) -> bool {
    c >= '\u{A0}' && !c.is_whitespace() && !('\u{FDD0}'..='\u{FDEF}').contains(&c)
}

/// Characters a query may contain.
pub(super) fn is_query_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '!' | '?'
                | '*'
                | '\''
                | '@'
                | '('
                | ')'
                | ';'
                | ':'
                | '&'
                | '='
                | '+'
                | '$'
                | '/'
                | '%'
                | '#'
                | '['
                | ']'
                | '-'
                | '_'
                | '.'
                | ','
                | '~'
                | '|'
        )
}
