//! `campaigns/ID.html`: a campaign's period, goal, budget, hashtags and brief, with its posts.

use serde::Serialize;
use tera::Context;

use super::page::Item;
use super::page::{Page, sorted};
use super::paged::{List, PagedList};
use crate::lang::format::{date_short, number};
use crate::model::Campaign;
use crate::site::markdown::without_title;
use crate::site::paths::{href, root_prefix};
use crate::site::tables::Snippet;
use crate::site::views::{Chip, Views};

fn campaign_dates(views: &Views<'_>, campaign: &Campaign) -> Option<String> {
    let lang = views.lang;
    match (campaign.start, campaign.end) {
        (Some(s), Some(e)) => Some(format!("{} – {}", date_short(lang, s), date_short(lang, e))),
        (Some(s), None) => Some(format!("{} {}", views.t("from"), date_short(lang, s))),
        (None, Some(e)) => Some(format!("{} {}", views.t("until"), date_short(lang, e))),
        (None, None) => None,
    }
}

pub(super) fn campaign_item(views: &Views<'_>, campaign: &Campaign) -> Item {
    Item {
        href: href(&format!("campaigns/{}.html", campaign.id)),
        label: campaign.name.clone(),
        detail: campaign_dates(views, campaign),
        chips: campaign.platforms.iter().map(|p| views.chip(*p)).collect(),
        posts: views.campaign_posts(&campaign.id).len(),
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
        brief_html: views.markdown(
            without_title(&campaign.body, &campaign.name),
            &campaign.file,
            root,
            top,
        ),
    }
}

pub(super) fn campaign_pages<'v>(
    views: &'v Views<'_>,
    campaign: &'v Campaign,
) -> impl Iterator<Item = Page> + Send + 'v {
    let path = format!("campaigns/{}.html", campaign.id);
    let mut context = Context::new();
    context.insert(
        "campaign",
        &campaign_view(views, campaign, &root_prefix(&path), 3),
    );
    context.insert("diagnostics", &views.diagnostics_for(&campaign.file));
    PagedList {
        list: List::Campaign(&campaign.id),
        template: "campaign.html",
        context,
        first_kind: Snippet::NestedRow,
        posts: sorted(views.campaign_posts(&campaign.id).iter().copied()),
    }
    .pages(&views.tables)
}
