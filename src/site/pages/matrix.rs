//! The touchpoint matrix on strategy.html: for each network, which persona the plan
//! reaches at which funnel stage (a post's `funnel`), and which cells it leaves empty.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::content::planning::FUNNEL_STAGES;
use crate::model::Project;
use crate::platform::Platform;

/// One network's grid: a row per persona, a cell per funnel stage.
#[derive(Serialize)]
pub(super) struct NetworkGrid {
    platform: &'static str,
    label: &'static str,
    rows: Vec<PersonaRow>,
}

/// A persona's cells on one network: planned posts per stage (0 is a gap).
#[derive(Serialize)]
struct PersonaRow {
    persona: String,
    cells: Vec<usize>,
}

/// The matrix over the platforms the brand uses and its personas; posts that are not
/// planned (ideas, cancelled) do not count. One pass over the posts fills every cell (a
/// cell per post scan cost 3 % of a 10,000-post build).
pub(super) fn matrix(project: &Project) -> Vec<NetworkGrid> {
    let planned = planned_per_cell(project);
    project
        .config
        .platforms
        .keys()
        .map(|&platform| NetworkGrid {
            platform: platform.name(),
            label: platform.display_name(),
            rows: project
                .personas
                .iter()
                .map(|persona| PersonaRow {
                    persona: persona.name.clone(),
                    cells: FUNNEL_STAGES
                        .iter()
                        .map(|stage| {
                            let cell = (platform, persona.id.as_str(), *stage);
                            planned.get(&cell).copied().unwrap_or(0)
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// Planned posts (each occurrence of a series counts) per network, persona and funnel
/// stage; a post naming a network or persona twice counts once in its cell.
fn planned_per_cell(project: &Project) -> HashMap<(Platform, &str, &str), usize> {
    let mut cells = HashMap::new();
    for post in project.posts.iter().filter(|p| crate::validate::plan::counts(p)) {
        let Some(stage) = &post.funnel else { continue };
        let occurrences = post.dates().len();
        let mut counted = HashSet::new();
        for platform in &post.platforms {
            for persona in &post.personas {
                let cell = (platform.value, persona.value.as_str(), stage.value.as_str());
                if counted.insert(cell) {
                    *cells.entry(cell).or_insert(0) += occurrences;
                }
            }
        }
    }
    cells
}
