//! `personas/ID.html`: who a persona is and the posts written for them.

use serde::Serialize;
use tera::Context;

use super::page::{Item, posts_where};
use super::page::{Page, sorted};
use super::paged::{List, PagedList};
use crate::model::{Persona, Post};
use crate::site::markdown::without_title;
use crate::site::paths::{href, root_prefix};
use crate::site::tables::Snippet;
use crate::site::views::{Chip, Views};

fn for_persona<'a>(persona: &'a Persona) -> impl Fn(&Post) -> bool + 'a {
    move |p| p.personas.iter().any(|x| x.value == persona.id)
}

pub(super) fn persona_item(views: &Views<'_>, persona: &Persona) -> Item {
    Item {
        href: href(&format!("personas/{}.html", persona.id)),
        label: persona.name.clone(),
        detail: persona.age.clone(),
        chips: persona.platforms.iter().map(|p| views.chip(*p)).collect(),
        posts: posts_where(views, for_persona(persona)).count(),
    }
}

/// A persona as its page and the strategy document show it.
#[derive(Serialize)]
pub(super) struct PersonaView {
    name: String,
    href: String,
    age: Option<String>,
    platforms: Vec<Chip>,
    interests: Vec<String>,
    pains: Vec<String>,
    body_html: String,
}

pub(super) fn persona_view(views: &Views<'_>, persona: &Persona, root: &str, top: u8) -> PersonaView {
    PersonaView {
        name: persona.name.clone(),
        href: href(&format!("personas/{}.html", persona.id)),
        age: persona.age.clone(),
        platforms: persona.platforms.iter().map(|p| views.chip(*p)).collect(),
        interests: persona.interests.clone(),
        pains: persona.pains.clone(),
        body_html: views.markdown(
            without_title(&persona.body, &persona.name),
            &persona.file,
            root,
            top,
        ),
    }
}

pub(super) fn persona_pages<'v>(
    views: &'v Views<'_>,
    persona: &'v Persona,
) -> impl Iterator<Item = Page> + Send + 'v {
    let path = format!("personas/{}.html", persona.id);
    let mut context = Context::new();
    context.insert("persona", &persona_view(views, persona, &root_prefix(&path), 2));
    context.insert("diagnostics", &views.diagnostics_for(&persona.file));
    PagedList {
        list: List::Persona(&persona.id),
        template: "persona.html",
        context,
        first_kind: Snippet::NestedRow,
        posts: sorted(posts_where(views, for_persona(persona))),
    }
    .pages(&views.tables)
}
