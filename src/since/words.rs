//! Word diffs of two texts with the `similar` crate: the words kept, removed and added,
//! in order, as the changes page shows them.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// What happened to a run of words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Edit {
    /// In both texts.
    Same,
    /// Only in the old text.
    Removed,
    /// Only in the new text.
    Added,
}

/// A run of words (with the spaces between them) that had the same fate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// Kept, removed or added.
    pub edit: Edit,
    /// The words.
    pub text: String,
}

/// The word diff from `old` to `new`, neighbouring words of one fate joined into a piece.
pub fn diff_words(old: &str, new: &str) -> Vec<Piece> {
    let diff = TextDiff::from_words(old, new);
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let edit = match change.tag() {
            ChangeTag::Equal => Edit::Same,
            ChangeTag::Delete => Edit::Removed,
            ChangeTag::Insert => Edit::Added,
        };
        match pieces.last_mut() {
            Some(last) if last.edit == edit => last.text.push_str(change.value()),
            _ => pieces.push(Piece {
                edit,
                text: change.value().to_owned(),
            }),
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_are_removed_and_added() {
        let pieces = diff_words("Drei Checks vor dem Frost", "Vier Checks vor dem Frost");
        let changed: Vec<(Edit, &str)> = pieces
            .iter()
            .filter(|p| p.edit != Edit::Same)
            .map(|p| (p.edit, p.text.trim()))
            .collect();
        assert_eq!(changed, [(Edit::Removed, "Drei"), (Edit::Added, "Vier")]);
    }

    #[test]
    fn equal_texts_are_one_piece() {
        let pieces = diff_words("a b c", "a b c");
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].edit, Edit::Same);
    }
}
