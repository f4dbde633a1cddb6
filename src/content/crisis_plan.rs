//! `crisis/plan.toml`: the emergency plan beyond the holding statements — who to call,
//! when to escalate, which channels to stop, and when the plan was last reviewed.

use chrono::NaiveDate;
use serde::Serialize;

use super::fields::{Reader, Table};
use super::node::Node;
use crate::diagnostic::Pos;
use crate::model::Spanned;
use crate::platform::Platform;

/// The crisis plan's file, beside the holding statements.
pub const FILE: &str = "crisis/plan.toml";

const KEYS: &[&str] = &["reviewed", "review_every_months", "pause", "levels", "contacts"];

/// The crisis plan.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CrisisPlan {
    /// When the plan was last reviewed.
    pub reviewed: Option<Spanned<NaiveDate>>,
    /// How many months a review holds (default 6).
    pub review_every_months: u32,
    /// The channels to stop in an emergency.
    pub pause: Vec<Spanned<Platform>>,
    /// Escalation levels, in order.
    pub levels: Vec<Level>,
    /// Who to call.
    pub contacts: Vec<Contact>,
    /// Where the file starts (findings about a missing key point here).
    #[serde(skip)]
    pub pos: Pos,
}

impl CrisisPlan {
    /// Whether `platform` is stopped in an emergency.
    pub fn pauses(&self, platform: Platform) -> bool {
        self.pause.iter().any(|p| p.value == platform)
    }
}

/// One escalation level and what triggers it.
#[derive(Clone, Debug, Serialize)]
pub struct Level {
    /// Its id, e.g. `"2"` or `"rot"`.
    pub id: String,
    /// When it applies.
    pub trigger: String,
}

/// A person to reach in an emergency.
#[derive(Clone, Debug, Serialize)]
pub struct Contact {
    /// Their role, e.g. "Geschäftsführung".
    pub role: String,
    /// Their name.
    pub name: String,
    /// How to reach them (phone, messenger).
    pub reach: String,
    /// Who stands in for them.
    pub deputy: Option<String>,
}

/// Reads `crisis/plan.toml`; problems are reported and what could be read is kept.
pub fn read_crisis_plan(node: &Node, r: &mut Reader<'_>) -> CrisisPlan {
    let mut plan = CrisisPlan {
        review_every_months: 6,
        pos: Pos::new(1, 1),
        ..CrisisPlan::default()
    };
    let Some(t) = r.table("crisis/plan.toml", node) else {
        return plan;
    };
    r.unknown_keys(&t, KEYS, |_| false);
    plan.reviewed = r
        .require(&t, "reviewed", "the day the plan was last reviewed, YYYY-MM-DD")
        .and_then(|e| r.date(e));
    if let Some(months) = t.get("review_every_months").and_then(|e| r.count(e)) {
        plan.review_every_months = months.max(1);
    }
    plan.pause = t.get("pause").map(|e| r.platforms(e)).unwrap_or_default();
    plan.levels = tables(&t, "levels", r)
        .iter()
        .filter_map(|l| read_level(l, r))
        .collect();
    plan.contacts = tables(&t, "contacts", r)
        .iter()
        .filter_map(|c| read_contact(c, r))
        .collect();
    plan
}

fn tables<'n>(t: &Table<'n>, key: &str, r: &mut Reader<'_>) -> Vec<Table<'n>> {
    let Some(entry) = t.get(key) else {
        return Vec::new();
    };
    let items = r.list(entry);
    items.iter().filter_map(|n| r.table(key, n)).collect()
}

fn text(t: &Table<'_>, key: &str, what: &str, r: &mut Reader<'_>) -> Option<String> {
    r.require(t, key, what).and_then(|e| r.string(e)).map(|s| s.value)
}

fn read_level(t: &Table<'_>, r: &mut Reader<'_>) -> Option<Level> {
    r.unknown_keys(t, &["id", "trigger"], |_| false);
    let id = text(t, "id", "the level's name, e.g. \"1\"", r);
    let trigger = text(t, "trigger", "what starts this level", r);
    Some(Level {
        id: id?,
        trigger: trigger?,
    })
}

fn read_contact(t: &Table<'_>, r: &mut Reader<'_>) -> Option<Contact> {
    r.unknown_keys(t, &["role", "name", "reach", "deputy"], |_| false);
    let role = text(t, "role", "what they decide, e.g. \"Geschäftsführung\"", r);
    let name = text(t, "name", "who it is", r);
    let reach = text(t, "reach", "how to reach them, e.g. a phone number", r);
    let deputy = t.get("deputy").and_then(|e| r.string(e)).map(|s| s.value);
    Some(Contact {
        role: role?,
        name: name?,
        reach: reach?,
        deputy,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::node::parse_toml;

    #[test]
    fn reads_a_plan_and_reports_a_contact_without_reach() {
        let text = "reviewed = 2027-01-10\npause = [\"x\"]\n[[levels]]\nid = \"1\"\ntrigger = \"Kritik\"\n[[contacts]]\nrole = \"GF\"\nname = \"Tim\"\n";
        let node = parse_toml(text, 1).unwrap();
        let mut r = Reader::new("crisis/plan.toml");
        let plan = read_crisis_plan(&node, &mut r);
        assert_eq!(plan.review_every_months, 6);
        assert!(plan.pauses(Platform::X));
        assert_eq!(plan.levels.len(), 1);
        assert!(plan.contacts.is_empty());
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].rule, "missing-key");
        assert_eq!(r.diagnostics[0].line, 6);
    }
}
