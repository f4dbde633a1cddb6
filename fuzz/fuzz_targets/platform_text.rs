//! Any text as a caption: Markdown-to-plain derivation, link tracking, hashtag appending and
//! every network's count must never panic, and counts must be consistent with the limit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use touchpoint::compose::text::{append_hashtags, fold_position, markdown_to_plain, place_link};
use touchpoint::compose::utm::{UtmRules, UtmValues, track};
use touchpoint::platform::{Platform, measure};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let plain = markdown_to_plain(text);
    let first_word = text.split_whitespace().next().unwrap_or("https://radwerk.de/");
    let domains = ["radwerk.de".to_owned()];
    let rules = UtmRules { source: "{platform}", medium: "social", campaign: "{campaign}", content: Some("{pillar}"), domains: &domains };
    let values = UtmValues { platform: "x", campaign: Some(text), pillar: None, post: "p" };
    let tracked = track(first_word, &rules, &values);
    let composed = append_hashtags(&place_link(&plain, first_word, &tracked), &["fahrrad", text]);
    let _ = fold_position(&composed, 125);
    for platform in Platform::ALL {
        let m = measure(platform, &composed, None);
        // Over the limit is never valid.
        assert!(!(m.over() > 0 && m.valid()), "{platform}: {} over but valid", m.over());
    }
});
