//! Splits a Markdown file into front matter and body, keeping line numbers.

/// The language of a front matter block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Between `+++` fences.
    Toml,
    /// Between `---` fences.
    Yaml,
}

/// A file cut into its front matter and its body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// Which language the front matter is written in.
    pub format: Format,
    /// The front matter text, without the fences.
    pub front_matter: &'a str,
    /// 1-based file line of the front matter's first line.
    pub front_matter_line: u32,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// 1-based file line of the body's first line.
    pub body_line: u32,
}

/// Why a file could not be split.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `+++` or `---`.
    Missing,
    /// The opening fence has no closing fence; carries the fence.
    Unclosed(&'static str),
}

/// Cuts `text` at its front matter fences. A leading BOM and CRLF line ends are accepted;
/// the closing fence may carry trailing spaces.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (fence, format) = if is_fence_line(first_line(text), "+++") {
        ("+++", Format::Toml)
    } else if is_fence_line(first_line(text), "---") {
        ("---", Format::Yaml)
    } else {
        return Err(SplitError::Missing);
    };
    let start = first_line(text).len() + 1;
    let rest = text.get(start..).unwrap_or("");
    let mut offset = 0;
    for (line, raw) in (2u32..).zip(rest.split_inclusive('\n')) {
        if is_fence_line(raw.trim_end_matches(['\n', '\r']), fence) {
            let body = &rest[offset + raw.len()..];
            return Ok(Split {
                format,
                front_matter: &rest[..offset],
                front_matter_line: 2,
                body,
                body_line: line + 1,
            });
        }
        offset += raw.len();
    }
    Err(SplitError::Unclosed(fence))
}

fn first_line(text: &str) -> &str {
    text.split('\n').next().unwrap_or("")
}

fn is_fence_line(line: &str, fence: &str) -> bool {
    line.trim_end_matches(['\r', ' ', '\t']) == fence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_toml_and_counts_lines() {
        let s = split("+++\ntitle = \"a\"\n+++\nbody\n").unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.front_matter, "title = \"a\"\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn accepts_bom_crlf_and_yaml() {
        let s = split("\u{feff}---\r\ntitle: a\r\n--- \r\nbody").unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.front_matter, "title: a\r\n");
        assert_eq!(s.body, "body");
    }

    #[test]
    fn reports_missing_and_unclosed() {
        assert_eq!(split("hello"), Err(SplitError::Missing));
        assert_eq!(split("+++\ntitle = 1\n"), Err(SplitError::Unclosed("+++")));
        assert_eq!(split(""), Err(SplitError::Missing));
    }

    #[test]
    fn empty_front_matter_is_fine() {
        let s = split("+++\n+++\n").unwrap();
        assert_eq!(s.front_matter, "");
        assert_eq!(s.body, "");
    }
}
