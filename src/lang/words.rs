//! Every word the report shows, in the site's languages (`language = "en" | "de"`
//! in touchpoint.toml). Serialised into the report so the template uses the same
//! words as the charts.

use serde::Serialize;

/// The report's vocabulary in one language.
#[derive(Debug, Serialize)]
pub(crate) struct Words {
    /// Page heading.
    pub report: &'static str,
    /// Shown when there are no metrics at all.
    pub no_data: &'static str,
    /// Card and column: measured posts.
    pub posts: &'static str,
    /// Column: (post, platform) rows.
    pub rows: &'static str,
    /// Impressions.
    pub impressions: &'static str,
    /// Reach.
    pub reach: &'static str,
    /// Engagements.
    pub engagements: &'static str,
    /// Engagement rate.
    pub engagement_rate: &'static str,
    /// Link clicks.
    pub clicks: &'static str,
    /// Video views.
    pub video_views: &'static str,
    /// Followers.
    pub followers: &'static str,
    /// Follower change card.
    pub follower_change: &'static str,
    /// Column and axis: platform.
    pub platform: &'static str,
    /// Column and axis: pillar.
    pub pillar: &'static str,
    /// Column: persona.
    pub persona: &'static str,
    /// Column: campaign.
    pub campaign: &'static str,
    /// Column: ISO week.
    pub week: &'static str,
    /// Column: month.
    pub month: &'static str,
    /// Column: date.
    pub date: &'static str,
    /// Group of posts without a pillar.
    pub no_pillar: &'static str,
    /// Group of posts without a persona.
    pub no_persona: &'static str,
    /// Group of posts without a campaign.
    pub no_campaign: &'static str,
    /// Section: KPI progress.
    pub kpis: &'static str,
    /// Column: goal.
    pub goal: &'static str,
    /// Column: KPI.
    pub kpi: &'static str,
    /// Column: target.
    pub target: &'static str,
    /// Column: actual value.
    pub actual: &'static str,
    /// Column: progress.
    pub progress: &'static str,
    /// Column: period.
    pub period: &'static str,
    /// Goal reached.
    pub met: &'static str,
    /// Goal not reached.
    pub behind: &'static str,
    /// Section: best and weakest posts.
    pub top_posts: &'static str,
    /// Section: weakest posts.
    pub bottom_posts: &'static str,
    /// Column: post title.
    pub post: &'static str,
    /// Column: publish time.
    pub published: &'static str,
    /// Section: breakdowns.
    pub breakdowns: &'static str,
    /// Section: follower growth.
    pub follower_growth: &'static str,
    /// Column: first count.
    pub first: &'static str,
    /// Column: last count.
    pub last: &'static str,
    /// Column: change.
    pub change: &'static str,
    /// Section: how figures are computed.
    pub definitions: &'static str,
    /// Definition of engagements.
    pub engagements_defined: &'static str,
    /// Definition of the engagement rate.
    pub engagement_rate_defined: &'static str,
    /// Heading: the networks' own figures beside Touchpoint's.
    pub reconcile: &'static str,
    /// Column: Touchpoint's figure.
    pub reconcile_ours: &'static str,
    /// Column: the network's own figure, as its export says.
    pub reconcile_theirs: &'static str,
    /// Why X's engagements are higher than Touchpoint's.
    pub reconcile_x: &'static str,
    /// Which row counts.
    pub latest_row_defined: &'static str,
    /// How posts are placed in time.
    pub time_defined: &'static str,
    /// Best posting slot heading.
    pub best_time: &'static str,
    /// Weekday column.
    pub weekday: &'static str,
    /// Hour column.
    pub hour: &'static str,
    /// Weekdays Monday first.
    pub weekdays: [&'static str; 7],
    /// Chart: reach over time.
    pub chart_reach: &'static str,
    /// Axis: week.
    pub axis_week: &'static str,
    /// Axis: reach with the fallback.
    pub axis_audience: &'static str,
    /// Chart caption: reach over time.
    pub caption_reach: &'static str,
    /// Chart: engagements over time.
    pub chart_engagements: &'static str,
    /// Chart caption: engagements over time.
    pub caption_engagements: &'static str,
    /// Chart: pillar mix.
    pub chart_mix: &'static str,
    /// Axis: share of posts.
    pub axis_share: &'static str,
    /// Chart caption: pillar mix.
    pub caption_mix: &'static str,
    /// Chart: rate by platform.
    pub chart_rate_platform: &'static str,
    /// Chart caption: rate by platform.
    pub caption_rate_platform: &'static str,
    /// Chart: rate by pillar.
    pub chart_rate_pillar: &'static str,
    /// Chart caption: rate by pillar.
    pub caption_rate_pillar: &'static str,
    /// Chart: heatmap.
    pub chart_heatmap: &'static str,
    /// Axis: hour of day.
    pub axis_hour: &'static str,
    /// Chart caption: heatmap.
    pub caption_heatmap: &'static str,
    /// Chart: KPI progress.
    pub chart_kpis: &'static str,
    /// Axis: share of target.
    pub axis_progress: &'static str,
    /// Chart caption: KPI progress.
    pub caption_kpis: &'static str,
    /// Chart: followers.
    pub chart_followers: &'static str,
    /// Chart caption: followers.
    pub caption_followers: &'static str,
    /// Drawn in a chart with nothing to show.
    pub chart_empty: &'static str,
    /// The heatmap's key for slots without posts.
    pub no_posts: &'static str,
    /// Series name: actual share.
    pub series_actual: &'static str,
    /// Series name: target share.
    pub series_target: &'static str,
}

/// English.
pub(crate) static EN: Words = Words {
    report: "Performance report",
    no_data: "No metrics yet. Put the platforms' exports or a normalised CSV into metrics/ to fill this report.",
    posts: "Posts",
    rows: "Post × platform",
    impressions: "Impressions",
    reach: "Reach",
    engagements: "Engagements",
    engagement_rate: "Engagement rate",
    clicks: "Link clicks",
    video_views: "Video views",
    followers: "Followers",
    follower_change: "Follower change",
    platform: "Platform",
    pillar: "Pillar",
    persona: "Persona",
    campaign: "Campaign",
    week: "Week",
    month: "Month",
    date: "Date",
    no_pillar: "No pillar",
    no_persona: "No persona",
    no_campaign: "No campaign",
    kpis: "KPI progress",
    goal: "Goal",
    kpi: "KPI",
    target: "Target",
    actual: "Actual",
    progress: "Progress",
    period: "Period",
    met: "met",
    behind: "behind",
    top_posts: "Top posts",
    bottom_posts: "Weakest posts",
    post: "Post",
    published: "Published",
    breakdowns: "Breakdowns",
    follower_growth: "Follower growth",
    first: "First",
    last: "Last",
    change: "Change",
    definitions: "How the figures are computed",
    engagements_defined: "Engagements = likes + comments + shares + saves. Link clicks and video views are shown on their own.",
    engagement_rate_defined: "Engagement rate = engagements ÷ reach; where a platform reports no reach (X), impressions are used instead. Rates of a group are the group's total engagements divided by its total reach/impressions, never an average of rates; rows with neither are left out.",
    latest_row_defined: "Figures are lifetime totals. For each post and platform only the latest row (by the day the figures were taken) counts.",
    time_defined: "Weeks, months, periods and posting times follow each post's publish time in the project's timezone. Reach is summed over posts: a person reached by two posts counts twice.",
    reconcile: "Touchpoint's figures beside the networks' own",
    reconcile_ours: "Touchpoint",
    reconcile_theirs: "As the network reports",
    reconcile_x: "X counts every interaction with a post as an engagement (detail expands, profile visits, hashtag and link clicks, follows too) and divides by impressions; Touchpoint counts likes, replies, reposts and bookmarks only, so X's numbers are higher.",
    best_time: "Best posting time",
    weekday: "Weekday",
    hour: "Hour",
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    chart_reach: "Reach per week by platform",
    axis_week: "Week of publishing",
    axis_audience: "Reach (impressions if no reach)",
    caption_reach: "Reach of the posts published each week, per platform (X reports impressions only).",
    chart_engagements: "Engagements per week by platform",
    caption_engagements: "Likes, comments, shares and saves of the posts published each week.",
    chart_mix: "Pillar mix: actual vs target",
    axis_share: "Share of posts",
    caption_mix: "Share of the measured posts per content pillar next to the strategy's target share.",
    chart_rate_platform: "Engagement rate by platform",
    caption_rate_platform: "Engagements divided by reach (impressions where reach is unknown), per platform.",
    chart_rate_pillar: "Engagement rate by pillar",
    caption_rate_pillar: "Engagements divided by reach (impressions where reach is unknown), per pillar.",
    chart_heatmap: "Engagement rate by posting time",
    axis_hour: "Hour of day (local time)",
    caption_heatmap: "Engagement rate of the posts published in each weekday and hour; grey: nothing published then.",
    chart_kpis: "KPI progress",
    axis_progress: "Share of target reached",
    caption_kpis: "Each goal's actual value as a share of its target; the dashed line is the target.",
    chart_followers: "Followers by platform",
    caption_followers: "Follower counts as recorded in the normalised metrics CSV.",
    chart_empty: "No data yet",
    no_posts: "no posts",
    series_actual: "actual",
    series_target: "target",
};

/// German.
pub(crate) static DE: Words = Words {
    report: "Erfolgsbericht",
    no_data: "Noch keine Kennzahlen. Lege die Exporte der Plattformen oder eine normalisierte CSV in metrics/ ab, um diesen Bericht zu füllen.",
    posts: "Beiträge",
    rows: "Beitrag × Plattform",
    impressions: "Impressionen",
    reach: "Reichweite",
    engagements: "Interaktionen",
    engagement_rate: "Interaktionsrate",
    clicks: "Link-Klicks",
    video_views: "Videoaufrufe",
    followers: "Follower",
    follower_change: "Follower-Veränderung",
    platform: "Plattform",
    pillar: "Säule",
    persona: "Persona",
    campaign: "Kampagne",
    week: "Woche",
    month: "Monat",
    date: "Datum",
    no_pillar: "Ohne Säule",
    no_persona: "Ohne Persona",
    no_campaign: "Ohne Kampagne",
    kpis: "KPI-Fortschritt",
    goal: "Ziel",
    kpi: "KPI",
    target: "Zielwert",
    actual: "Ist",
    progress: "Fortschritt",
    period: "Zeitraum",
    met: "erreicht",
    behind: "offen",
    top_posts: "Stärkste Beiträge",
    bottom_posts: "Schwächste Beiträge",
    post: "Beitrag",
    published: "Veröffentlicht",
    breakdowns: "Aufschlüsselung",
    follower_growth: "Follower-Entwicklung",
    first: "Anfang",
    last: "Ende",
    change: "Veränderung",
    definitions: "So werden die Zahlen berechnet",
    engagements_defined: "Interaktionen = Likes + Kommentare + Shares + Speicherungen. Link-Klicks und Videoaufrufe stehen für sich.",
    engagement_rate_defined: "Interaktionsrate = Interaktionen ÷ Reichweite; wo eine Plattform keine Reichweite liefert (X), zählen die Impressionen. Die Rate einer Gruppe ist die Summe ihrer Interaktionen geteilt durch die Summe ihrer Reichweite/Impressionen, nie ein Mittel von Raten; Zeilen ohne beides bleiben außen vor.",
    latest_row_defined: "Die Zahlen sind Gesamtwerte. Je Beitrag und Plattform zählt nur die neueste Zeile (nach dem Tag, an dem die Zahlen erhoben wurden).",
    time_defined: "Wochen, Monate, Zeiträume und Posting-Zeiten richten sich nach der Veröffentlichungszeit in der Zeitzone des Projekts. Reichweite wird über Beiträge summiert: Wer zwei Beiträge sieht, zählt doppelt.",
    reconcile: "Touchpoints Zahlen neben denen der Netzwerke",
    reconcile_ours: "Touchpoint",
    reconcile_theirs: "Laut Netzwerk",
    reconcile_x: "X zählt jede Interaktion mit einem Beitrag als Engagement (auch Detailansichten, Profilbesuche, Hashtag- und Link-Klicks, Follows) und teilt durch die Impressionen; Touchpoint zählt nur Likes, Antworten, Reposts und Lesezeichen, daher sind die Zahlen von X höher.",
    best_time: "Beste Posting-Zeit",
    weekday: "Wochentag",
    hour: "Stunde",
    weekdays: ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
    chart_reach: "Reichweite je Woche und Plattform",
    axis_week: "Woche der Veröffentlichung",
    axis_audience: "Reichweite (sonst Impressionen)",
    caption_reach: "Reichweite der in der Woche veröffentlichten Beiträge je Plattform (X liefert nur Impressionen).",
    chart_engagements: "Interaktionen je Woche und Plattform",
    caption_engagements: "Likes, Kommentare, Shares und Speicherungen der in der Woche veröffentlichten Beiträge.",
    chart_mix: "Säulen-Mix: Ist und Ziel",
    axis_share: "Anteil der Beiträge",
    caption_mix: "Anteil der gemessenen Beiträge je Content-Säule neben dem Zielanteil der Strategie.",
    chart_rate_platform: "Interaktionsrate je Plattform",
    caption_rate_platform: "Interaktionen geteilt durch Reichweite (sonst Impressionen), je Plattform.",
    chart_rate_pillar: "Interaktionsrate je Säule",
    caption_rate_pillar: "Interaktionen geteilt durch Reichweite (sonst Impressionen), je Säule.",
    chart_heatmap: "Interaktionsrate nach Posting-Zeit",
    axis_hour: "Uhrzeit (Ortszeit)",
    caption_heatmap: "Interaktionsrate der Beiträge je Wochentag und Stunde; grau: nichts veröffentlicht.",
    chart_kpis: "KPI-Fortschritt",
    axis_progress: "Anteil am Zielwert",
    caption_kpis: "Ist-Wert jedes Ziels als Anteil seines Zielwerts; die gestrichelte Linie ist das Ziel.",
    chart_followers: "Follower je Plattform",
    caption_followers: "Follower-Zahlen laut normalisierter Kennzahlen-CSV.",
    chart_empty: "Noch keine Daten",
    no_posts: "keine Beiträge",
    series_actual: "Ist",
    series_target: "Ziel",
};

/// The words for the project's language (English unless it is `de`).
pub(crate) fn for_language(language: &str) -> &'static Words {
    if language.eq_ignore_ascii_case("de") {
        &DE
    } else {
        &EN
    }
}
