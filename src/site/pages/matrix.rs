//! The touchpoint matrix on strategy.html: for each network, which persona the plan
//! reaches at which funnel stage (a post's `funnel`), and which cells it leaves empty.

use serde::Serialize;

use crate::content::planning::FUNNEL_STAGES;
use crate::model::Project;

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
/// planned (ideas, cancelled) do not count.
pub(super) fn matrix(project: &Project) -> Vec<NetworkGrid> {
    let planned: Vec<_> = project
        .posts
        .iter()
        .filter(|p| crate::validate::plan::counts(p))
        .collect();
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
                            planned
                                .iter()
                                .filter(|p| p.has_platform(platform))
                                .filter(|p| p.personas.iter().any(|id| id.value == persona.id))
                                .filter(|p| p.funnel.as_ref().is_some_and(|f| f.value == *stage))
                                .map(|p| p.occurrences().len())
                                .sum()
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}
