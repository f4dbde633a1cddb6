//! What the network-shaped previews need to be right: images the feed crops hard
//! (`media-crop`, from [`crate::platform::feed`]) and the avatar and link-card images
//! previews show (`missing-preview-image`).

use super::Family;
use crate::diagnostic::{Diagnostic, Pos, Rule, Severity};
use crate::model::{MediaKind, MediaRef, Post, Project};
use crate::platform::feed::{Ratio, cut_share, frames, layout};
use crate::platform::{Platform, spec};

/// The share of an image a feed crop may cut before `media-crop` warns.
const MOST_CUT: f64 = 0.25;

/// An image the network's feed crops by more than a quarter.
///
/// What: an image whose ratio differs so much from the frame the feed shows it in (X's
/// grid of two to four, an Instagram carousel in its first image's ratio, Facebook's
/// square box, ...) that more than a quarter of it is cut until someone taps it. Why:
/// the cut part is often the text or the face. Example: two 16:9 photos on X show as
/// 8:9 halves, cutting half of each. Config: `[lints] media-crop = "allow"`.
pub const MEDIA_CROP: Rule = Rule {
    name: "media-crop",
    default: Severity::Warning,
    summary: "The network's feed crops an image by more than a quarter (X's grid of 2–4, an Instagram carousel in its first image's ratio, Facebook's and Mastodon's boxes, Bluesky's squares); crop it yourself so you choose what shows.",
};

/// An `avatar` or `link_image` previews cannot show.
///
/// What: `[platforms.NAME] avatar` or a post's `link_image` names no image under
/// `media/`. Why: the previews would show an empty frame where the client expects the
/// account's picture or the link card. Example: `avatar = "media/avatar.png"` with
/// the file missing. Config: `[lints] missing-preview-image = "allow"`.
pub const MISSING_PREVIEW_IMAGE: Rule = Rule {
    name: "missing-preview-image",
    default: Severity::Warning,
    summary: "An `avatar` in `[platforms.NAME]` or a post's `link_image` is not a readable image under `media/`, so previews cannot show it.",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&MEDIA_CROP, &MISSING_PREVIEW_IMAGE];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[|project, post, _, out| check_post(project, post, out)],
    dated: &[],
    across: &[|project, _| check_avatars(project)],
};

/// Feed crops of each platform's images, and the post's link image.
pub fn check_post(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    for platform in &post.platforms {
        check_crops(project, post, platform.value, out);
    }
    if let Some(image) = &post.link_image
        && let Some(problem) = image_problem(project, &image.value)
    {
        out.push(missing(
            &post.file,
            image.pos,
            "link_image",
            &image.value,
            problem,
        ));
    }
}

/// `media-crop` for the images `post` sends to `platform`.
fn check_crops(project: &Project, post: &Post, platform: Platform, out: &mut Vec<Diagnostic>) {
    let images: Vec<(&MediaRef, Option<Ratio>)> = post
        .media_for(platform)
        .iter()
        .filter_map(|m| {
            let file = project.media.get(&m.path.value)?;
            (file.kind == MediaKind::Image).then(|| (m, file.width.zip(file.height)))
        })
        .collect();
    let sizes: Vec<Option<Ratio>> = images.iter().map(|(_, s)| *s).collect();
    let aspect = spec(platform).media.aspect;
    for ((m, size), frame) in images.iter().zip(frames(platform, &sizes)) {
        let (Some(size), Some(frame)) = (*size, frame) else {
            continue;
        };
        // An image the network refuses outright is its aspect rule's finding, not a crop.
        if aspect.is_some_and(|a| !a.contains(size.0, size.1)) {
            continue;
        }
        let cut = cut_share(size, frame);
        if cut > MOST_CUT {
            out.push(crop_finding(post, platform, m, size, frame, cut, images.len()));
        }
    }
}

/// The warning for `m` cut by `cut` in `frame`.
fn crop_finding(
    post: &Post,
    platform: Platform,
    m: &MediaRef,
    size: Ratio,
    frame: Ratio,
    cut: f64,
    count: usize,
) -> Diagnostic {
    let (fw, fh) = reduce(frame);
    let how = match count {
        1 => "one image".to_owned(),
        n => format!("{n} images"),
    };
    let message = format!(
        "{}'s feed frames `{}` ({}×{}) at {fw}:{fh} and cuts {:.0} % of it ({how})",
        platform.display_name(),
        m.path.value,
        size.0,
        size.1,
        cut * 100.0
    );
    let source = layout(platform).map_or("", |l| l.source);
    Diagnostic::new(&MEDIA_CROP, &post.file, m.path.pos, message)
        .width(m.path.value.chars().count() + 2)
        .help(format!(
            "crop the image to {fw}:{fh} yourself so you choose what shows (layout: {source})"
        ))
}

/// `missing-preview-image` for each `[platforms.NAME] avatar` previews cannot show.
fn check_avatars(project: &Project) -> Vec<Diagnostic> {
    project
        .config
        .platforms
        .values()
        .filter_map(|c| c.avatar.as_ref())
        .filter_map(|a| {
            let problem = image_problem(project, &a.value)?;
            Some(missing("touchpoint.toml", a.pos, "avatar", &a.value, problem))
        })
        .collect()
}

/// Why `path` cannot be shown in a preview, or `None` when it can.
fn image_problem(project: &Project, path: &str) -> Option<&'static str> {
    let normalized = path.trim_start_matches("./");
    match project.media.get(normalized) {
        None => Some("is not a file under media/"),
        Some(f) if f.kind != MediaKind::Image => Some("is not an image"),
        Some(f) if f.width.is_none() => Some("could not be read as an image"),
        Some(_) => None,
    }
}

/// The warning for the `key` at `pos` naming `path`.
fn missing(file: &str, pos: Pos, key: &str, path: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(
        &MISSING_PREVIEW_IMAGE,
        file,
        pos,
        format!("`{key}` `{path}` {problem}, so previews cannot show it"),
    )
    .width(path.chars().count() + 2)
    .help("put a PNG or JPEG under media/ and write its path relative to the repository, e.g. \"media/avatar.png\"")
}

/// A ratio in lowest terms (1600:900 → 16:9).
fn reduce((w, h): Ratio) -> Ratio {
    let (mut a, mut b) = (w, h);
    while b != 0 {
        (a, b) = (b, a % b);
    }
    w.checked_div(a).zip(h.checked_div(a)).unwrap_or((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::{CONFIG, post, run};

    /// A PNG header of `w`×`h` pixels (enough for the size to be read).
    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        bytes.extend_from_slice(b"IHDR");
        bytes.extend_from_slice(&w.to_be_bytes());
        bytes.extend_from_slice(&h.to_be_bytes());
        bytes.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    #[test]
    fn ratios_reduce_to_lowest_terms() {
        assert_eq!(reduce((1600, 900)), (16, 9));
        assert_eq!(reduce((8, 9)), (8, 9));
        assert_eq!(reduce((0, 0)), (0, 0));
    }

    #[test]
    fn two_wide_images_on_x_are_cut_and_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("media")).unwrap();
        std::fs::write(dir.path().join("media/wide.png"), png(1600, 900)).unwrap();
        std::fs::write(dir.path().join("media/wide2.png"), png(1600, 900)).unwrap();
        let files = [
            ("touchpoint.toml", CONFIG.to_owned()),
            (
                "posts/a.md",
                post(
                    "platforms = [\"x\"]\nmedia = [\n  { path = \"media/wide.png\", alt = \"a\" },\n  { path = \"media/wide2.png\", alt = \"b\" },\n]",
                    "Text",
                ),
            ),
            (
                "posts/b.md",
                post(
                    "platforms = [\"x\"]\nmedia = [{ path = \"media/wide.png\", alt = \"a\" }]",
                    "Text",
                ),
            ),
        ];
        for (rel, text) in &files {
            std::fs::create_dir_all(dir.path().join(rel).parent().unwrap()).unwrap();
            std::fs::write(dir.path().join(rel), text).unwrap();
        }
        let project = crate::load::load_project(dir.path()).unwrap().0;
        let context = crate::validate::Context {
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        };
        let found: Vec<_> = FAMILY
            .check(&project, &context)
            .into_iter()
            .map(|d| (d.file, d.line, d.rule))
            .collect();
        assert_eq!(
            found,
            [
                ("posts/a.md".to_owned(), 5, "media-crop"),
                ("posts/a.md".to_owned(), 6, "media-crop")
            ]
        );
    }

    #[test]
    fn a_missing_avatar_and_link_image_are_warnings_at_their_lines() {
        let config = format!("{CONFIG}avatar = \"media/nope.png\"\n");
        let file = post("platforms = [\"x\"]\nlink_image = \"media/gone.png\"", "Text");
        let found = run(&FAMILY, &[("touchpoint.toml", &config), ("posts/a.md", &file)]);
        assert_eq!(
            found,
            [
                ("posts/a.md".to_owned(), 4, "missing-preview-image"),
                ("touchpoint.toml".to_owned(), 5, "missing-preview-image")
            ]
        );
    }
}
