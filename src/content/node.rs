//! A format-neutral value tree that remembers where everything is written.
//!
//! TOML and YAML front matter both become a [`Node`]; the typed readers in
//! [`super::fields`] never need to know which language a user chose.

use std::borrow::Cow;

use toml::de::{DeTable, DeValue};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diagnostic::Pos;

/// A value and the position where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value starts in the file.
    pub pos: Pos,
}

/// The value kinds both front matter languages share.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// YAML `null` / `~` / an empty value.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// Text.
    Str(String),
    /// A TOML date, time or date-time, as written.
    Datetime(String),
    /// A list.
    List(Vec<Node>),
    /// A table, in the order written.
    Table(Vec<Entry>),
}

/// One key of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key as written.
    pub key: String,
    /// Where the key is written: diagnostics about the key point here.
    pub key_pos: Pos,
    /// The key's value.
    pub node: Node,
}

impl Value {
    /// The words used in "expected a string, found a list" messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "an empty value",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Datetime(_) => "a date",
            Value::List(_) => "a list",
            Value::Table(_) => "a table",
        }
    }
}

/// A syntax error in front matter, at a file position.
#[derive(Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the parser stopped.
    pub pos: Pos,
    /// The parser's explanation.
    pub message: String,
}

/// Maps byte offsets of a text to file positions; `first_line` is the file line of the
/// text's first line (front matter starts on line 2 of a post).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: u32,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str, first_line: u32) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            first_line,
        }
    }

    /// The file position of byte `offset`.
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        Pos::new(self.first_line + line as u32, column as u32 + 1)
    }
}

/// Deepest nesting accepted; deeper input is an error rather than a stack overflow.
const MAX_DEPTH: usize = 64;

/// Parses TOML text whose first line is file line `first_line`.
pub fn parse_toml(text: &str, first_line: u32) -> Result<Node, SyntaxError> {
    let index = LineIndex::new(text, first_line);
    match DeTable::parse(text) {
        Ok(table) => {
            let pos = index.pos(table.span().start);
            Ok(Node {
                value: toml_table(table.into_inner(), &index),
                pos,
            })
        }
        Err(err) => Err(SyntaxError {
            pos: index.pos(err.span().map_or(0, |s| s.start)),
            message: err.message().trim().to_owned(),
        }),
    }
}

fn toml_table(table: DeTable<'_>, index: &LineIndex<'_>) -> Value {
    let mut entries: Vec<Entry> = table
        .into_iter()
        .map(|(key, value)| {
            let key_pos = index.pos(key.span().start);
            let pos = index.pos(value.span().start);
            Entry {
                key: key.into_inner().into_owned(),
                key_pos,
                node: toml_node(value.into_inner(), pos, index),
            }
        })
        .collect();
    entries.sort_by_key(|e| e.key_pos);
    Value::Table(entries)
}

fn toml_node(value: DeValue<'_>, pos: Pos, index: &LineIndex<'_>) -> Node {
    let value = match value {
        DeValue::String(s) => Value::Str(s.into_owned()),
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            let digits = digits
                .trim_start_matches("0x")
                .trim_start_matches("0o")
                .trim_start_matches("0b");
            i64::from_str_radix(digits, i.radix()).map_or_else(|_| Value::Str(i.to_string()), Value::Int)
        }
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse()
            .map_or(Value::Null, Value::Float),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(items) => Value::List(
            items
                .into_iter()
                .map(|item| {
                    let pos = index.pos(item.span().start);
                    toml_node(item.into_inner(), pos, index)
                })
                .collect(),
        ),
        DeValue::Table(table) => toml_table(table, index),
    };
    Node { value, pos }
}

/// Parses YAML text whose first line is file line `first_line`. Duplicate keys,
/// anchors/aliases and nesting deeper than 64 levels are reported as errors.
pub fn parse_yaml(text: &str, first_line: u32) -> Result<Node, SyntaxError> {
    let mut builder = YamlBuilder {
        first_line,
        stack: Vec::new(),
        root: None,
        error: None,
    };
    let mut parser = Parser::new_from_str(text);
    if let Err(err) = parser.load(&mut builder, false) {
        let m = err.marker();
        return Err(SyntaxError {
            pos: yaml_pos(first_line, m),
            message: err.info().to_owned(),
        });
    }
    if let Some(error) = builder.error {
        return Err(error);
    }
    Ok(builder.root.unwrap_or(Node {
        value: Value::Table(Vec::new()),
        pos: Pos::new(first_line, 1),
    }))
}

fn yaml_pos(first_line: u32, mark: &Marker) -> Pos {
    Pos::new(
        first_line + mark.line().saturating_sub(1) as u32,
        mark.col() as u32 + 1,
    )
}

/// Builds a [`Node`] tree from the YAML parser's events with an explicit stack
/// (no recursion, so hostile nesting cannot overflow the stack).
struct YamlBuilder {
    first_line: u32,
    stack: Vec<Frame>,
    root: Option<Node>,
    error: Option<SyntaxError>,
}

enum Frame {
    List(Node),
    Table {
        node: Node,
        pending_key: Option<(String, Pos)>,
    },
}

impl YamlBuilder {
    fn fail(&mut self, pos: Pos, message: impl Into<String>) {
        if self.error.is_none() {
            self.error = Some(SyntaxError {
                pos,
                message: message.into(),
            });
        }
    }

    fn push_value(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::List(list)) => {
                if let Value::List(items) = &mut list.value {
                    items.push(node);
                }
            }
            Some(Frame::Table {
                node: table,
                pending_key,
            }) => match pending_key.take() {
                None => {
                    let (key, pos) = match node.value {
                        Value::Str(s) => (s, node.pos),
                        Value::Int(i) => (i.to_string(), node.pos),
                        Value::Bool(b) => (b.to_string(), node.pos),
                        Value::Float(f) => (f.to_string(), node.pos),
                        Value::Null => ("null".to_owned(), node.pos),
                        _ => return self.fail(node.pos, "a key must be plain text, not a list or a table"),
                    };
                    let duplicate = matches!(&table.value, Value::Table(e) if e.iter().any(|e| e.key == key));
                    if duplicate {
                        return self.fail(pos, format!("duplicate key `{key}`"));
                    }
                    *pending_key = Some((key, pos));
                }
                Some((key, key_pos)) => {
                    if let Value::Table(entries) = &mut table.value {
                        entries.push(Entry { key, key_pos, node });
                    }
                }
            },
        }
    }
}

impl MarkedEventReceiver for YamlBuilder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let pos = yaml_pos(self.first_line, &mark);
        match event {
            Event::Scalar(text, style, _, _) => self.push_value(Node {
                value: yaml_scalar(text, style),
                pos,
            }),
            Event::SequenceStart(..) | Event::MappingStart(..) if self.stack.len() >= MAX_DEPTH => {
                self.fail(pos, format!("nested more than {MAX_DEPTH} levels deep"));
            }
            Event::SequenceStart(..) => self.stack.push(Frame::List(Node {
                value: Value::List(Vec::new()),
                pos,
            })),
            Event::MappingStart(..) => self.stack.push(Frame::Table {
                node: Node {
                    value: Value::Table(Vec::new()),
                    pos,
                },
                pending_key: None,
            }),
            Event::SequenceEnd | Event::MappingEnd => match self.stack.pop() {
                Some(Frame::List(node)) | Some(Frame::Table { node, .. }) => self.push_value(node),
                None => {}
            },
            Event::Alias(_) => self.fail(
                pos,
                "anchors and aliases (`*name`) are not supported in front matter",
            ),
            _ => {}
        }
    }
}

/// Resolves a YAML scalar the way YAML 1.2's core schema does; quoted text stays text.
fn yaml_scalar(text: String, style: TScalarStyle) -> Value {
    if style != TScalarStyle::Plain {
        return Value::Str(text);
    }
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => {
            if let Ok(i) = text.parse::<i64>() {
                Value::Int(i)
            } else if looks_like_float(&text) {
                text.parse::<f64>().map_or(Value::Str(text), Value::Float)
            } else {
                Value::Str(text)
            }
        }
    }
}

fn looks_like_float(text: &str) -> bool {
    let t = text.trim_start_matches(['-', '+']);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && t.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.')
}

/// Borrowed text of a string node, for readers.
pub fn as_str(node: &Node) -> Option<Cow<'_, str>> {
    match &node.value {
        Value::Str(s) | Value::Datetime(s) => Some(Cow::Borrowed(s)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(node: &Node) -> &[Entry] {
        match &node.value {
            Value::Table(e) => e,
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn toml_keeps_key_lines() {
        let node = parse_toml("title = \"a\"\n\n[x]\ntext = \"b\"\n", 2).unwrap();
        let entries = table(&node);
        assert_eq!(entries[0].key, "title");
        assert_eq!(entries[0].key_pos, Pos::new(2, 1));
        assert_eq!(entries[1].key, "x");
        let inner = table(&entries[1].node);
        assert_eq!(inner[0].key_pos, Pos::new(5, 1));
        assert_eq!(inner[0].node.pos, Pos::new(5, 8));
    }

    #[test]
    fn toml_error_has_position() {
        let err = parse_toml("a = 1\nb = \n", 2).unwrap_err();
        assert_eq!(err.pos.line, 3);
    }

    #[test]
    fn toml_datetimes_and_numbers() {
        let node = parse_toml("d = 2026-12-01T09:00:00\nn = 1_000\nf = 0.25\n", 1).unwrap();
        let e = table(&node);
        assert_eq!(e[0].node.value, Value::Datetime("2026-12-01T09:00:00".into()));
        assert_eq!(e[1].node.value, Value::Int(1000));
        assert_eq!(e[2].node.value, Value::Float(0.25));
    }

    #[test]
    fn yaml_keeps_key_lines_and_types() {
        let node = parse_yaml(
            "title: Hallo\nplatforms: [x, bluesky]\nx:\n  text: \"kurz\"\nn: 3\n",
            2,
        )
        .unwrap();
        let e = table(&node);
        assert_eq!(e[0].key_pos, Pos::new(2, 1));
        assert_eq!(e[1].node.pos.line, 3);
        assert_eq!(table(&e[2].node)[0].key_pos, Pos::new(5, 3));
        assert_eq!(e[3].node.value, Value::Int(3));
    }

    #[test]
    fn yaml_rejects_duplicates_aliases_and_depth() {
        assert!(
            parse_yaml("a: 1\na: 2\n", 1)
                .unwrap_err()
                .message
                .contains("duplicate")
        );
        assert!(parse_yaml("a: &x 1\nb: *x\n", 1).is_err());
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(parse_yaml(&format!("a: {deep}\n"), 1).is_err());
    }

    #[test]
    fn yaml_syntax_error_has_position() {
        let err = parse_yaml("title: a: b\n", 2).unwrap_err();
        assert_eq!(err.pos.line, 2);
    }

    #[test]
    fn line_index_counts_characters() {
        let index = LineIndex::new("ä = 1\nb", 10);
        assert_eq!(index.pos(0), Pos::new(10, 1));
        assert_eq!(index.pos(4), Pos::new(10, 4));
        assert_eq!(index.pos(7), Pos::new(11, 1));
    }
}
