//! The list pages (`posts.html`, `platforms.html`, ...) and a page per platform,
//! campaign, persona and pillar, each with the posts that belong to it.

use std::collections::BTreeSet;

use serde::Serialize;
use tera::Context;

use super::Page;
use crate::model::{Campaign, Persona, Pillar, Post, Status};
use crate::platform::Platform;
use crate::site::format::{date_short, href, number, percent, root_prefix};
use crate::site::markdown::render_markdown;
use crate::site::views::{Chip, Views};

/// One entry of a list page.
#[derive(Serialize)]
struct Item {
    href: String,
    label: String,
    detail: Option<String>,
    chips: Vec<Chip>,
    posts: usize,
}

/// All list and entity pages.
pub fn pages(views: &Views<'_>) -> Vec<Page> {
    let project = views.project();
    let mut pages = vec![posts_page(views)];
    let platforms = platforms_in_use(views);
    pages.push(list_page(
        views,
        "platforms.html",
        "platforms",
        platforms.iter().map(|p| platform_item(views, *p)).collect(),
    ));
    pages.extend(platforms.iter().map(|p| platform_page(views, *p)));
    let campaign_items = project
        .campaigns
        .iter()
        .map(|c| campaign_item(views, c))
        .collect();
    pages.push(list_page(views, "campaigns.html", "campaigns", campaign_items));
    pages.extend(project.campaigns.iter().map(|c| campaign_page(views, c)));
    let persona_items = project.personas.iter().map(|p| persona_item(views, p)).collect();
    pages.push(list_page(views, "personas.html", "personas", persona_items));
    pages.extend(project.personas.iter().map(|p| persona_page(views, p)));
    let pillar_items = project
        .strategy
        .pillars
        .iter()
        .map(|p| pillar_item(views, p))
        .collect();
    pages.push(list_page(views, "pillars.html", "pillars", pillar_items));
    pages.extend(project.strategy.pillars.iter().map(|p| pillar_page(views, p)));
    pages
}

fn posts_page(views: &Views<'_>) -> Page {
    let mut context = Context::new();
    context.insert("posts", &views.post_rows(&views.project().posts));
    context.insert("crisis", &views.post_rows(&views.project().crisis));
    Page::new("posts.html", "posts.html", context)
}

fn list_page(views: &Views<'_>, path: &str, key: &str, items: Vec<Item>) -> Page {
    let mut context = Context::new();
    context.insert("title", &views.t(key));
    context.insert("intro", &views.t(&format!("{key}_intro")));
    context.insert("items", &items);
    Page::new(path, "list.html", context)
}

/// Platforms configured or used by a post, in the site's platform order.
fn platforms_in_use(views: &Views<'_>) -> Vec<Platform> {
    let project = views.project();
    let used: BTreeSet<Platform> = project
        .config
        .platforms
        .keys()
        .copied()
        .chain(
            project
                .posts
                .iter()
                .flat_map(|p| p.platforms.iter().map(|s| s.value)),
        )
        .collect();
    Platform::ALL.into_iter().filter(|p| used.contains(p)).collect()
}

fn posts_where<'a>(
    views: &'a Views<'_>,
    keep: impl Fn(&Post) -> bool + 'a,
) -> impl Iterator<Item = &'a Post> + 'a {
    views.project().posts.iter().filter(move |p| keep(p))
}

fn platform_item(views: &Views<'_>, platform: Platform) -> Item {
    let handle = views
        .project()
        .config
        .platforms
        .get(&platform)
        .and_then(|c| c.handle.clone());
    Item {
        href: href(&format!("platforms/{}.html", platform.name())),
        label: platform.display_name().to_owned(),
        detail: handle,
        chips: vec![views.chip(platform)],
        posts: posts_where(views, |p| p.has_platform(platform)).count(),
    }
}

/// A labelled value, e.g. a cadence target.
#[derive(Serialize)]
pub(super) struct Setting {
    label: String,
    value: String,
}

fn platform_page(views: &Views<'_>, platform: Platform) -> Page {
    let project = views.project();
    let mut context = Context::new();
    context.insert("platform", &views.chip(platform));
    let config = project.config.platforms.get(&platform);
    context.insert("handle", &config.and_then(|c| c.handle.clone()));
    context.insert("configured", &config.is_some());
    context.insert("cadence", &cadence_lines(views, platform));
    context.insert("windows", &window_lines(views, platform));
    context.insert(
        "posts",
        &views.post_rows(posts_where(views, |p| p.has_platform(platform))),
    );
    Page::new(
        format!("platforms/{}.html", platform.name()),
        "platform.html",
        context,
    )
}

/// The cadence targets of a platform in words.
pub(super) fn cadence_lines(views: &Views<'_>, platform: Platform) -> Vec<Setting> {
    let Some(c) = views.project().strategy.cadence.get(&platform) else {
        return Vec::new();
    };
    let lang = views.lang;
    let n = |v: u32| number(lang, f64::from(v));
    let mut lines = Vec::new();
    let mut push = |key: &str, value: Option<String>| {
        if let Some(value) = value {
            lines.push(Setting {
                label: views.t(key),
                value,
            });
        }
    };
    push("cadence_per_week", c.per_week.map(n));
    push("cadence_per_month", c.per_month.map(n));
    push("cadence_min_per_week", c.min_per_week.map(n));
    push("cadence_max_per_week", c.max_per_week.map(n));
    push("cadence_max_gap_days", c.max_gap_days.map(n));
    push(
        "cadence_min_spacing_hours",
        c.min_spacing_hours
            .map(|h| format!("{h}").replace('.', if lang == crate::site::Lang::De { "," } else { "." })),
    );
    lines
}

/// The posting windows of a platform: "Mo–Fr 07:00–09:30".
pub(super) fn window_lines(views: &Views<'_>, platform: Platform) -> Vec<String> {
    views
        .project()
        .strategy
        .windows
        .iter()
        .filter(|w| w.platform == platform)
        .map(|w| {
            let days = if w.days.is_empty() {
                views.t("every_day")
            } else {
                w.days
                    .iter()
                    .map(|d| crate::site::format::weekday_short(views.lang, *d))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!("{days}: {}–{}", w.from.format("%H:%M"), w.to.format("%H:%M"))
        })
        .collect()
}

fn campaign_dates(views: &Views<'_>, campaign: &Campaign) -> Option<String> {
    let lang = views.lang;
    match (campaign.start, campaign.end) {
        (Some(s), Some(e)) => Some(format!("{} – {}", date_short(lang, s), date_short(lang, e))),
        (Some(s), None) => Some(format!("{} {}", views.t("from"), date_short(lang, s))),
        (None, Some(e)) => Some(format!("{} {}", views.t("until"), date_short(lang, e))),
        (None, None) => None,
    }
}

fn in_campaign<'a>(campaign: &'a Campaign) -> impl Fn(&Post) -> bool + 'a {
    move |p| p.campaign.as_ref().is_some_and(|c| c.value == campaign.id)
}

fn campaign_item(views: &Views<'_>, campaign: &Campaign) -> Item {
    Item {
        href: href(&format!("campaigns/{}.html", campaign.id)),
        label: campaign.name.clone(),
        detail: campaign_dates(views, campaign),
        chips: campaign.platforms.iter().map(|p| views.chip(*p)).collect(),
        posts: posts_where(views, in_campaign(campaign)).count(),
    }
}

/// A campaign as its page and the strategy document show it.
#[derive(Serialize)]
pub(super) struct CampaignView {
    name: String,
    href: String,
    dates: Option<String>,
    goal: Option<String>,
    budget: Option<String>,
    hashtags: Vec<String>,
    platforms: Vec<Chip>,
    brief_html: String,
}

pub(super) fn campaign_view(views: &Views<'_>, campaign: &Campaign, root: &str, top: u8) -> CampaignView {
    CampaignView {
        name: campaign.name.clone(),
        href: href(&format!("campaigns/{}.html", campaign.id)),
        dates: campaign_dates(views, campaign),
        goal: campaign.goal.clone(),
        budget: campaign.budget.map(|b| number(views.lang, b)),
        hashtags: campaign.hashtags.clone(),
        platforms: campaign.platforms.iter().map(|p| views.chip(*p)).collect(),
        brief_html: render_markdown(
            without_title(&campaign.body, &campaign.name),
            root,
            &views.project().media,
            top,
        ),
    }
}

fn campaign_page(views: &Views<'_>, campaign: &Campaign) -> Page {
    let path = format!("campaigns/{}.html", campaign.id);
    let mut context = Context::new();
    context.insert(
        "campaign",
        &campaign_view(views, campaign, &root_prefix(&path), 3),
    );
    context.insert(
        "posts",
        &views.post_rows(posts_where(views, in_campaign(campaign))),
    );
    context.insert("diagnostics", &views.diagnostics_for(&campaign.file));
    Page::new(path, "campaign.html", context)
}

fn for_persona<'a>(persona: &'a Persona) -> impl Fn(&Post) -> bool + 'a {
    move |p| p.personas.iter().any(|x| x.value == persona.id)
}

fn persona_item(views: &Views<'_>, persona: &Persona) -> Item {
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
        body_html: render_markdown(
            without_title(&persona.body, &persona.name),
            root,
            &views.project().media,
            top,
        ),
    }
}

fn persona_page(views: &Views<'_>, persona: &Persona) -> Page {
    let path = format!("personas/{}.html", persona.id);
    let mut context = Context::new();
    context.insert("persona", &persona_view(views, persona, &root_prefix(&path), 2));
    context.insert(
        "posts",
        &views.post_rows(posts_where(views, for_persona(persona))),
    );
    context.insert("diagnostics", &views.diagnostics_for(&persona.file));
    Page::new(path, "persona.html", context)
}

fn in_pillar<'a>(pillar: &'a Pillar) -> impl Fn(&Post) -> bool + 'a {
    move |p| p.pillar.as_ref().is_some_and(|x| x.value == pillar.id.value)
}

/// A pillar with its target and planned share.
#[derive(Serialize)]
pub(super) struct PillarView {
    name: String,
    href: String,
    description: Option<String>,
    target: String,
    target_width: f64,
    planned: String,
    planned_width: f64,
    posts: usize,
}

/// Posts that count towards the mix: not cancelled.
fn counts_for_mix(post: &Post) -> bool {
    post.status.value != Status::Cancelled
}

pub(super) fn pillar_view(views: &Views<'_>, pillar: &Pillar) -> PillarView {
    let counted: Vec<&Post> = views
        .project()
        .posts
        .iter()
        .filter(|p| counts_for_mix(p))
        .collect();
    let with_pillar = counted.iter().filter(|p| p.pillar.is_some()).count();
    let mine = counted.iter().filter(|p| in_pillar(pillar)(p)).count();
    let planned = if with_pillar == 0 {
        0.0
    } else {
        mine as f64 / with_pillar as f64
    };
    PillarView {
        name: pillar.name.clone(),
        href: href(&format!("pillars/{}.html", pillar.id.value)),
        description: pillar.description.clone(),
        target: percent(views.lang, pillar.share),
        target_width: (pillar.share.clamp(0.0, 1.0) * 100.0).round(),
        planned: percent(views.lang, planned),
        planned_width: (planned * 100.0).round(),
        posts: mine,
    }
}

fn pillar_item(views: &Views<'_>, pillar: &Pillar) -> Item {
    let view = pillar_view(views, pillar);
    Item {
        href: view.href,
        label: view.name,
        detail: Some(format!(
            "{} {} · {} {}",
            views.t("target"),
            view.target,
            views.t("planned"),
            view.planned
        )),
        chips: Vec::new(),
        posts: view.posts,
    }
}

fn pillar_page(views: &Views<'_>, pillar: &Pillar) -> Page {
    let mut context = Context::new();
    context.insert("pillar", &pillar_view(views, pillar));
    context.insert("posts", &views.post_rows(posts_where(views, in_pillar(pillar))));
    Page::new(
        format!("pillars/{}.html", pillar.id.value),
        "pillar.html",
        context,
    )
}

/// The Markdown without a first `# Heading` that only repeats `name` (the page shows it already).
fn without_title<'a>(markdown: &'a str, name: &str) -> &'a str {
    let trimmed = markdown.trim_start();
    let Some(rest) = trimmed.strip_prefix("# ") else {
        return markdown;
    };
    let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
    if line.trim() == name.trim() {
        after
    } else {
        markdown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_that_repeats_the_name_is_dropped() {
        assert_eq!(without_title("# Paula\nText", "Paula"), "Text");
        assert_eq!(without_title("\n# Paula", "Paula"), "");
        assert_eq!(without_title("# Other\nText", "Paula"), "# Other\nText");
        assert_eq!(without_title("Text", "Paula"), "Text");
    }
}
