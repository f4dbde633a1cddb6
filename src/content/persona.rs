//! `personas/ID.md`: who the content is for.

use super::fields::Reader;
use super::node::Node;
use crate::model::Persona;

const KEYS: &[&str] = &["name", "platforms", "age", "interests", "pains"];

/// Reads a persona's front matter; `id` and `file` come from the path.
pub fn read_persona(id: &str, file: &str, node: &Node, body: &str, r: &mut Reader<'_>) -> Persona {
    let mut persona = Persona {
        id: id.to_owned(),
        file: file.to_owned(),
        name: id.to_owned(),
        platforms: Vec::new(),
        age: None,
        interests: Vec::new(),
        pains: Vec::new(),
        body: body.to_owned(),
    };
    let Some(t) = r.table("front matter", node) else {
        return persona;
    };
    r.unknown_keys(&t, KEYS, |_| false);
    if let Some(name) = r
        .require(&t, "name", "the persona's display name")
        .and_then(|e| r.string(e))
    {
        persona.name = name.value;
    }
    if let Some(e) = r.require(&t, "platforms", "the platforms this persona uses") {
        persona.platforms = r.platforms(e).into_iter().map(|p| p.value).collect();
    }
    persona.age = t.get("age").and_then(|e| r.string(e)).map(|s| s.value);
    let mut strings = |key: &str| {
        t.get(key)
            .map(|e| r.strings(e).into_iter().map(|s| s.value).collect())
            .unwrap_or_default()
    };
    persona.interests = strings("interests");
    persona.pains = strings("pains");
    persona
}
