//! The site's UI words in English and German (`language` in touchpoint.toml).
//!
//! One table, one row per label, so a missing translation is visible at a glance and
//! a test checks that every label the templates use exists.

use std::collections::BTreeMap;

use super::format::Lang;

/// Every label: key, English, German.
pub(crate) const LABELS: &[(&str, &str, &str)] = &[
    // Navigation and page titles.
    ("overview", "Overview", "Übersicht"),
    (
        "publish_queue",
        "Publish queue",
        "Veröffentlichungs-Warteschlange",
    ),
    (
        "publish_queue_note",
        "Approved and scheduled posts without errors, for schedulers and calendar apps.",
        "Freigegebene und eingeplante Beiträge ohne Fehler, für Planungstools und Kalender.",
    ),
    ("calendar", "Calendar", "Kalender"),
    ("posts", "Posts", "Beiträge"),
    ("platforms", "Platforms", "Plattformen"),
    ("campaigns", "Campaigns", "Kampagnen"),
    ("personas", "Personas", "Personas"),
    ("pillars", "Pillars", "Themensäulen"),
    ("strategy", "Strategy", "Strategie"),
    ("report", "Report", "Bericht"),
    ("diagnostics", "Findings", "Befunde"),
    (
        "platforms_intro",
        "Where the brand publishes, with the posts planned for each network.",
        "Wo die Marke veröffentlicht, mit den geplanten Beiträgen je Netzwerk.",
    ),
    (
        "campaigns_intro",
        "Campaigns with their period, goal and posts.",
        "Kampagnen mit Zeitraum, Ziel und Beiträgen.",
    ),
    (
        "personas_intro",
        "The people we write for.",
        "Die Menschen, für die wir schreiben.",
    ),
    (
        "pillars_intro",
        "Content pillars with their target share and the share planned so far.",
        "Themensäulen mit Zielanteil und dem bisher geplanten Anteil.",
    ),
    // Chrome.
    ("skip_to_content", "Skip to content", "Zum Inhalt springen"),
    ("main_navigation", "Main navigation", "Hauptnavigation"),
    ("as_of", "As of", "Stand"),
    ("times_in", "times in", "Zeiten in"),
    ("made_with", "made with", "erstellt mit"),
    (
        "build_has_errors",
        "This plan has problems that block publishing",
        "Dieser Plan hat Fehler, die eine Veröffentlichung verhindern",
    ),
    ("show_all_findings", "Show all findings", "Alle Befunde anzeigen"),
    ("open_page", "open page", "Seite öffnen"),
    // Severity and counts.
    ("error", "Error", "Fehler"),
    ("warning", "Warning", "Warnung"),
    ("error_one", "error", "Fehler"),
    ("error_many", "errors", "Fehler"),
    ("warning_one", "warning", "Warnung"),
    ("warning_many", "warnings", "Warnungen"),
    ("help", "Help", "Hilfe"),
    ("findings", "Findings", "Befunde"),
    ("findings_by_rule", "Findings by rule", "Befunde nach Regel"),
    (
        "project_findings",
        "Findings in the project settings",
        "Befunde in den Projekteinstellungen",
    ),
    (
        "no_findings",
        "No findings: everything checks out.",
        "Keine Befunde: alles in Ordnung.",
    ),
    ("rule", "Rule", "Regel"),
    ("level", "Level", "Stufe"),
    ("count", "Count", "Anzahl"),
    // Overview.
    ("at_a_glance", "At a glance", "Auf einen Blick"),
    ("due_this_week", "Due this week", "Diese Woche fällig"),
    (
        "overdue",
        "Past due, not yet published",
        "Überfällig, noch nicht veröffentlicht",
    ),
    (
        "overdue_intro",
        "Planned for a day that has passed, but not marked as published or cancelled.",
        "Für einen vergangenen Tag geplant, aber weder als veröffentlicht noch als abgesagt markiert.",
    ),
    ("pipeline", "Status pipeline", "Status-Pipeline"),
    (
        "unscheduled_ideas",
        "without a date (ideas and cancelled posts)",
        "ohne Termin (Ideen und abgesagte Beiträge)",
    ),
    ("goals_kpis", "Goals and KPIs", "Ziele und KPIs"),
    ("goal_met", "reached", "erreicht"),
    ("goal_open", "not yet reached", "noch nicht erreicht"),
    (
        "no_goals",
        "No goals set in strategy.toml.",
        "Keine Ziele in strategy.toml festgelegt.",
    ),
    ("fig_posts", "posts planned", "Beiträge geplant"),
    ("fig_this_month", "posts this month", "Beiträge diesen Monat"),
    (
        "fig_ready",
        "approved or scheduled",
        "freigegeben oder eingeplant",
    ),
    ("fig_campaigns_running", "campaigns running", "laufende Kampagnen"),
    ("fig_platforms", "platforms", "Plattformen"),
    ("fig_personas", "personas", "Personas"),
    ("crisis", "Holding statements", "Notfall-Statements"),
    (
        "crisis_intro",
        "Pre-approved statements for an emergency; never scheduled.",
        "Vorab freigegebene Statements für den Notfall; werden nie eingeplant.",
    ),
    // Status.
    ("status", "Status", "Status"),
    ("status_idea", "Idea", "Idee"),
    ("status_draft", "Draft", "Entwurf"),
    ("status_review", "In review", "In Prüfung"),
    ("status_approved", "Approved", "Freigegeben"),
    ("status_scheduled", "Scheduled", "Eingeplant"),
    ("status_published", "Published", "Veröffentlicht"),
    ("status_cancelled", "Cancelled", "Abgesagt"),
    // Tables and facts.
    ("when", "When", "Wann"),
    ("title", "Title", "Titel"),
    ("platform", "Platform", "Plattform"),
    ("pillar", "Pillar", "Themensäule"),
    ("campaign", "Campaign", "Kampagne"),
    ("unscheduled", "No date", "Ohne Termin"),
    ("no_posts", "No posts.", "Keine Beiträge."),
    ("all", "all", "alle"),
    ("shown", "shown", "angezeigt"),
    ("nothing_here", "Nothing here yet.", "Noch nichts vorhanden."),
    ("posts_count", "posts", "Beiträge"),
    ("link", "Link", "Link"),
    ("hashtags", "Hashtags", "Hashtags"),
    ("sponsored", "Paid partnership", "Bezahlte Partnerschaft"),
    ("yes", "yes", "ja"),
    ("no", "no", "nein"),
    ("limit_text", "Text limit", "Textlimit"),
    ("limit_hashtags", "Most hashtags", "Höchstens Hashtags"),
    ("limit_title", "Title limit", "Titellimit"),
    (
        "limit_fold",
        "Folds behind \"more\" after about",
        "Eingeklappt hinter „mehr“ nach etwa",
    ),
    (
        "limit_links_clickable",
        "Links in the text are clickable",
        "Links im Text klickbar",
    ),
    ("author", "Author", "Autor:in"),
    ("approved_by", "Approved by", "Freigegeben von"),
    ("file", "File", "Datei"),
    ("scenario", "Scenario", "Szenario"),
    ("text", "Text", "Text"),
    ("media", "Media", "Medien"),
    ("alt_text", "Alt text", "Alternativtext"),
    (
        "no_alt_text",
        "No alt text: people using screen readers will not know what this shows.",
        "Kein Alternativtext: Menschen mit Screenreader erfahren nicht, was zu sehen ist.",
    ),
    ("media_missing", "File not found", "Datei nicht gefunden"),
    ("attachments", "attachments", "Anhänge"),
    ("attachment_one", "attachment", "Anhang"),
    // Previews.
    ("previews", "Preview per platform", "Vorschau je Plattform"),
    (
        "previews_intro",
        "Exactly the text each network receives, counted the way it counts, with the point where it folds the text behind \"more\".",
        "Genau der Text, den jedes Netzwerk erhält, so gezählt wie dort, mit der Stelle, an der es den Text hinter „mehr“ einklappt.",
    ),
    ("part", "Part", "Teil"),
    ("characters", "characters", "Zeichen"),
    ("over_limit", "over the limit", "über dem Limit"),
    (
        "unit_weighted",
        "weighted characters (URLs count 23)",
        "gewichtete Zeichen (URLs zählen 23)",
    ),
    ("unit_graphemes", "characters", "Zeichen"),
    (
        "unit_mastodon_graphemes",
        "characters (URLs count 23)",
        "Zeichen (URLs zählen 23)",
    ),
    ("unit_code_points", "characters", "Zeichen"),
    (
        "unit_code_points_emoji_as_bytes",
        "characters (emoji count their bytes)",
        "Zeichen (Emoji zählen ihre Bytes)",
    ),
    ("unit_utf16_units", "UTF-16 units", "UTF-16-Einheiten"),
    ("unit_utf8_bytes", "bytes", "Bytes"),
    ("bytes", "bytes", "Bytes"),
    (
        "forbidden_chars",
        "Characters the network refuses",
        "Zeichen, die das Netzwerk ablehnt",
    ),
    ("fold_after", "folds after", "eingeklappt nach"),
    (
        "fold_marker",
        "Folded here: the rest shows after \"more\"",
        "Hier eingeklappt: der Rest erscheint nach „mehr“",
    ),
    ("more", "more", "mehr"),
    (
        "more_posts",
        "Previous and next post",
        "Vorheriger und nächster Beitrag",
    ),
    ("first_comment", "First comment", "Erster Kommentar"),
    // Calendar.
    ("months", "Months", "Monate"),
    ("all_months", "All months", "Alle Monate"),
    ("previous_month", "Previous month", "Vorheriger Monat"),
    ("next_month", "Next month", "Nächster Monat"),
    ("week_short", "Wk", "KW"),
    ("today", "today", "heute"),
    // Entities.
    ("account", "Account", "Konto"),
    ("windows", "Posting windows", "Zeitfenster"),
    ("every_day", "every day", "täglich"),
    (
        "platform_not_configured",
        "This platform is used by posts but not set up in touchpoint.toml.",
        "Diese Plattform wird von Beiträgen genutzt, ist aber nicht in touchpoint.toml eingerichtet.",
    ),
    ("period", "Period", "Zeitraum"),
    ("goal", "Goal", "Ziel"),
    ("budget", "Budget", "Budget"),
    ("brief", "Brief", "Briefing"),
    ("age", "Age", "Alter"),
    ("interests", "Interests", "Interessen"),
    ("pains", "Pains", "Probleme"),
    (
        "posts_for_persona",
        "Posts for this persona",
        "Beiträge für diese Persona",
    ),
    ("target", "target", "Ziel"),
    ("planned", "planned", "geplant"),
    ("target_share", "Target share", "Zielanteil"),
    ("planned_share", "Planned share", "Geplanter Anteil"),
    ("from", "from", "ab"),
    ("until", "until", "bis"),
    // Cadence.
    ("cadence", "Cadence", "Frequenz"),
    ("cadence_per_week", "Posts per week", "Beiträge pro Woche"),
    ("cadence_per_month", "Posts per month", "Beiträge pro Monat"),
    (
        "cadence_min_per_week",
        "At least per week",
        "Mindestens pro Woche",
    ),
    ("cadence_max_per_week", "At most per week", "Höchstens pro Woche"),
    (
        "cadence_max_gap_days",
        "Longest pause (days)",
        "Längste Pause (Tage)",
    ),
    (
        "cadence_min_spacing_hours",
        "Least spacing (hours)",
        "Mindestabstand (Stunden)",
    ),
    // KPIs.
    ("kpi", "KPI", "KPI"),
    ("kpi_impressions", "Impressions", "Impressionen"),
    ("kpi_reach", "Reach", "Reichweite"),
    ("kpi_engagements", "Engagements", "Interaktionen"),
    ("kpi_engagement_rate", "Engagement rate", "Interaktionsrate"),
    ("kpi_clicks", "Link clicks", "Link-Klicks"),
    ("kpi_followers", "New followers", "Neue Follower"),
    ("kpi_video_views", "Video views", "Videoaufrufe"),
    ("per_week", "per week", "pro Woche"),
    ("per_month", "per month", "pro Monat"),
    ("per_quarter", "per quarter", "pro Quartal"),
    // Strategy document.
    (
        "strategy_document",
        "Social media strategy",
        "Social-Media-Strategie",
    ),
    ("prepared_for", "Prepared for", "Erstellt für"),
    (
        "print_pdf",
        "Print or save as PDF",
        "Drucken oder als PDF speichern",
    ),
    ("not_printed", "not printed", "wird nicht gedruckt"),
    ("contents", "Contents", "Inhalt"),
    ("pillars_mix", "Content pillars and mix", "Themensäulen und Mix"),
    ("mix", "Mix", "Mix"),
    (
        "mix_intro",
        "Each pillar's share of all posts is held to its target, within a tolerance of",
        "Der Anteil jeder Themensäule an allen Beiträgen soll ihrem Ziel entsprechen, mit einer Toleranz von",
    ),
    ("all_platforms", "all platforms", "alle Plattformen"),
    ("voice", "Voice and rules", "Tonalität und Regeln"),
    (
        "banned_words",
        "Words we do not use",
        "Wörter, die wir nicht verwenden",
    ),
    (
        "required_terms",
        "Terms every post carries",
        "Begriffe in jedem Beitrag",
    ),
    (
        "disclosure",
        "Disclosure of paid posts",
        "Kennzeichnung bezahlter Beiträge",
    ),
    ("use_word", "Use", "Verwenden"),
    ("instead_of", "Instead of", "Statt"),
    ("why", "Why", "Warum"),
    ("link_tracking", "Link tracking (UTM)", "Link-Tracking (UTM)"),
    // Planning (issue 23).
    (
        "evergreen_suggestion",
        "Suggestion: evergreen",
        "Vorschlag: Evergreen",
    ),
    ("crisis_plan", "Crisis plan", "Notfallplan"),
    ("crisis_reviewed", "Reviewed", "Geprüft am"),
    (
        "crisis_active_note",
        "Crisis active: posts on the paused channels are held.",
        "Krise aktiv: Beiträge auf den pausierten Kanälen werden zurückgehalten.",
    ),
    ("crisis_who_to_call", "Who to call", "Wen anrufen"),
    ("crisis_role", "Role", "Rolle"),
    ("crisis_name", "Name", "Name"),
    ("crisis_reach", "Reach", "Erreichbar"),
    ("crisis_deputy", "Deputy", "Vertretung"),
    ("crisis_levels", "Escalation levels", "Eskalationsstufen"),
    ("crisis_what_to_stop", "What to stop", "Was stoppen"),
    (
        "crisis_pause_note",
        "Pause all scheduled posts on:",
        "Alle geplanten Beiträge pausieren auf:",
    ),
    ("crisis_what_to_say", "What to say", "Was sagen"),
    ("budget_results", "Budget against results", "Budget und Ergebnis"),
    ("spend", "Spent", "Ausgegeben"),
    ("budget_used", "Budget used", "Budget verbraucht"),
    ("time_elapsed", "Time elapsed", "Zeit verstrichen"),
    (
        "cpm",
        "Cost per 1,000 impressions",
        "Kosten je 1.000 Impressionen",
    ),
    ("cost_per_click", "Cost per click", "Kosten je Klick"),
    (
        "cost_per_engagement",
        "Cost per engagement",
        "Kosten je Interaktion",
    ),
    ("touchpoint_matrix", "Touchpoint matrix", "Touchpoint-Matrix"),
    (
        "touchpoint_matrix_note",
        "Planned posts per network, persona and funnel stage; an empty cell is a gap in the plan.",
        "Geplante Beiträge je Netzwerk, Persona und Funnel-Stufe; ein leeres Feld ist eine Lücke im Plan.",
    ),
    ("funnel_awareness", "Awareness", "Aufmerksamkeit"),
    ("funnel_consideration", "Consideration", "Erwägung"),
    ("funnel_conversion", "Conversion", "Kauf"),
    ("funnel_loyalty", "Loyalty", "Bindung"),
    ("persona", "Persona", "Persona"),
    ("gap", "gap", "Lücke"),
    // Report placeholder.
    (
        "report_placeholder",
        "No performance data yet. Put analytics exports in metrics/ and build again.",
        "Noch keine Leistungsdaten. Analytics-Exporte in metrics/ ablegen und neu bauen.",
    ),
];

/// The label for `key` in `lang`, if it exists.
pub(crate) fn label(lang: Lang, key: &str) -> Option<&'static str> {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, de)| match lang {
            Lang::En => *en,
            Lang::De => *de,
        })
}

/// Every label in `lang`, for the templates' `t` map.
pub(crate) fn labels_for(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    LABELS
        .iter()
        .map(|(key, en, de)| {
            (
                *key,
                match lang {
                    Lang::En => *en,
                    Lang::De => *de,
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::TEMPLATES;

    #[test]
    fn keys_are_unique() {
        let keys: std::collections::BTreeSet<_> = LABELS.iter().map(|(k, _, _)| k).collect();
        assert_eq!(keys.len(), LABELS.len());
    }

    #[test]
    fn every_label_a_template_uses_exists() {
        for (name, text) in TEMPLATES {
            for (i, _) in text.match_indices("t.") {
                let before = text[..i].chars().last().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' || before == '.' {
                    continue;
                }
                let key: String = text[i + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                assert!(
                    label(Lang::De, &key).is_some(),
                    "{name} uses t.{key}, which has no label"
                );
            }
        }
    }
}
