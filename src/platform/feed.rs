//! How each network frames images in the feed: the box every image of a post is shown
//! in before anyone taps it, as data with its source. Previews draw these frames, and the
//! `media-crop` rule warns where a frame cuts more than a quarter of an image.
//!
//! A frame is a width:height ratio; an image whose own ratio differs is scaled to cover
//! the frame and centred, so what falls outside is cut. Where a network shows an image
//! whole within bounds (a single image on LinkedIn), the frame is the image's own ratio
//! clamped to those bounds. Crops outside the feed (Instagram's profile grid) are
//! [`profile_grid`]: previews show them, the rule does not judge them.

use super::{Evidence, Platform};

/// A width:height ratio as (width, height), e.g. (16, 9).
pub type Ratio = (u32, u32);

/// How a network lays out the images of one post in the feed, with where that is documented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeedLayout {
    /// The network.
    pub platform: Platform,
    /// How sure we are of it.
    pub evidence: Evidence,
    /// Where it is documented.
    pub source: &'static str,
    /// What the layout is, for the manual.
    pub summary: &'static str,
}

/// X: one image up to 2:1 wide (taller ones shown as a centred square); two to four in a
/// 16:9 box: two side by side (8:9 each), three as one tall and two stacked, four as 2×2.
const X: FeedLayout = FeedLayout {
    platform: Platform::X,
    evidence: Evidence::CommonlyReported,
    source: "https://image-compressor.uk/blog/best-image-sizes-for-twitter-x-in-2026",
    summary: "1 image: its own ratio from 1:1 to 2:1; 2–4 images share a 16:9 box (2: 8:9 each; 3: 8:9 + two 16:9; 4: 16:9 each)",
};
/// Instagram: a carousel takes the first image's ratio (within 4:5 to 1.91:1) for every slide.
const INSTAGRAM: FeedLayout = FeedLayout {
    platform: Platform::Instagram,
    evidence: Evidence::CommonlyReported,
    source: "https://ratiosize.com/blog/instagram-carousel-size-guide.html",
    summary: "every slide of a carousel is cropped to the first image's ratio (itself within 4:5 to 1.91:1)",
};
/// Facebook: one image whole up to 2:3 tall; several in a square box.
const FACEBOOK: FeedLayout = FeedLayout {
    platform: Platform::Facebook,
    evidence: Evidence::CommonlyReported,
    source: "https://publer.io/blog/facebook-image-sizes-dimensions-2020/",
    summary: "1 image: whole from 2:3 upwards; 2: side by side (1:2) when the first is portrait, else stacked (2:1); 3: 2:1 on top, two squares below; 4+: 3:2 on top, three squares below",
};
/// LinkedIn: one image shown whole between 4:5 and 3:1, centred and cropped outside that.
const LINKEDIN: FeedLayout = FeedLayout {
    platform: Platform::Linkedin,
    evidence: Evidence::CommonlyReported,
    source: "https://trustypost.ai/blog/linkedin-post-image-size-2026-dimensions-for-crisp-uploads/",
    summary: "1 image: whole from 4:5 to 3:1, centred and cropped outside that range",
};
/// Mastodon's web interface: one image whole; two to four in a 3:2 box.
const MASTODON: FeedLayout = FeedLayout {
    platform: Platform::Mastodon,
    evidence: Evidence::ReferenceCode,
    source: "https://github.com/mastodon/mastodon/blob/main/app/javascript/mastodon/components/media_gallery.jsx",
    summary: "1 image: whole; 2–4 share a 3:2 box (2: 3:4 each; 3: 3:4 + two 3:2; 4: 3:2 each)",
};
/// Bluesky's app: one image whole; two to four as squares.
const BLUESKY: FeedLayout = FeedLayout {
    platform: Platform::Bluesky,
    evidence: Evidence::ReferenceCode,
    source: "https://github.com/bluesky-social/social-app/blob/main/src/view/com/util/images/ImageLayoutGrid.tsx",
    summary: "1 image: whole; 2–4 images: squares (3: one large square and two small ones)",
};

/// The feed layouts Touchpoint knows, for the manual and the tests.
pub const LAYOUTS: &[FeedLayout] = &[X, INSTAGRAM, FACEBOOK, LINKEDIN, MASTODON, BLUESKY];

/// The documented feed layout of `platform`, if Touchpoint knows one.
pub fn layout(platform: Platform) -> Option<&'static FeedLayout> {
    LAYOUTS.iter().find(|l| l.platform == platform)
}

/// The frame each image of a post gets in `platform`'s feed, from the images' sizes in
/// order (`None` for a file whose size is unknown, e.g. a video). `None` in the answer
/// means the image is shown whole (or the network is not known to crop it).
pub fn frames(platform: Platform, sizes: &[Option<Ratio>]) -> Vec<Option<Ratio>> {
    let n = sizes.len();
    let fixed = |cells: &[Ratio]| -> Vec<Option<Ratio>> {
        (0..n).map(|i| cells.get(i).or(cells.last()).copied()).collect()
    };
    match (platform, n) {
        (_, 0) => Vec::new(),
        (Platform::X, 1) => vec![sizes[0].map(|s| clamp(s, (1, 1), (2, 1)))],
        (Platform::X, 2) => fixed(&[(8, 9), (8, 9)]),
        (Platform::X, 3) => fixed(&[(8, 9), (16, 9), (16, 9)]),
        (Platform::X, _) => fixed(&[(16, 9)]),
        (Platform::Instagram, _) => {
            let first = sizes[0].map(|s| clamp(s, (4, 5), (191, 100)));
            vec![first; n]
        }
        (Platform::Facebook, 1) => vec![sizes[0].map(|s| clamp(s, (2, 3), (u32::MAX, 1)))],
        (Platform::Facebook, 2) => match sizes[0] {
            Some((w, h)) if h > w => fixed(&[(1, 2)]),
            _ => fixed(&[(2, 1)]),
        },
        (Platform::Facebook, 3) => fixed(&[(2, 1), (1, 1), (1, 1)]),
        (Platform::Facebook, _) => fixed(&[(3, 2), (1, 1)]),
        (Platform::Linkedin, 1) => vec![sizes[0].map(|s| clamp(s, (4, 5), (3, 1)))],
        (Platform::Mastodon, 1) | (Platform::Bluesky, 1) => vec![None],
        (Platform::Mastodon, 2) => fixed(&[(3, 4)]),
        (Platform::Mastodon, 3) => fixed(&[(3, 4), (3, 2), (3, 2)]),
        (Platform::Mastodon, _) => fixed(&[(3, 2)]),
        (Platform::Bluesky, _) => fixed(&[(1, 1)]),
        _ => vec![None; n],
    }
}

/// Instagram's profile grid: every post shows there as a 3:4 tile (outside the feed,
/// so previews show it and no rule judges it).
pub fn profile_grid(platform: Platform) -> Option<Ratio> {
    (platform == Platform::Instagram).then_some((3, 4))
}

/// The share of an image of `size` that a `frame` cuts when the image covers it centred:
/// 0.0 when the ratios match, 0.5 when half the image falls outside.
pub fn cut_share(size: Ratio, frame: Ratio) -> f64 {
    let image = ratio(size);
    let box_ = ratio(frame);
    if !(image.is_finite() && box_.is_finite()) || image <= 0.0 || box_ <= 0.0 {
        return 0.0;
    }
    1.0 - image.min(box_) / image.max(box_)
}

/// `size` clamped into the ratios `min..=max` (the size itself when within).
fn clamp(size: Ratio, min: Ratio, max: Ratio) -> Ratio {
    let r = ratio(size);
    if r < ratio(min) {
        min
    } else if r > ratio(max) {
        max
    } else {
        size
    }
}

/// Width over height as a float (0 for a zero height).
fn ratio((w, h): Ratio) -> f64 {
    if h == 0 { 0.0 } else { f64::from(w) / f64::from(h) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_shows_two_images_side_by_side_in_a_16_9_box() {
        let square = Some((1000, 1000));
        assert_eq!(frames(Platform::X, &[square, square]), vec![Some((8, 9)); 2]);
        assert_eq!(frames(Platform::X, &[square; 4]), vec![Some((16, 9)); 4]);
        assert_eq!(
            frames(Platform::X, &[square; 3]),
            vec![Some((8, 9)), Some((16, 9)), Some((16, 9))]
        );
        // A single tall image becomes a square; a 16:9 one stays whole.
        assert_eq!(frames(Platform::X, &[Some((900, 1600))]), vec![Some((1, 1))]);
        assert_eq!(frames(Platform::X, &[Some((1600, 900))]), vec![Some((1600, 900))]);
    }

    #[test]
    fn an_instagram_carousel_takes_the_first_images_ratio() {
        let f = frames(Platform::Instagram, &[Some((1080, 1080)), Some((1910, 1000))]);
        assert_eq!(f, vec![Some((1080, 1080)); 2]);
        let share = cut_share((1910, 1000), (1080, 1080));
        assert!((share - (1.0 - 1.0 / 1.91)).abs() < 1e-9, "{share}");
    }

    #[test]
    fn the_cut_share_is_the_part_outside_the_frame() {
        assert_eq!(cut_share((16, 9), (16, 9)), 0.0);
        assert!((cut_share((2, 1), (1, 1)) - 0.5).abs() < 1e-9);
        assert!((cut_share((1, 2), (1, 1)) - 0.5).abs() < 1e-9);
        assert_eq!(cut_share((0, 0), (1, 1)), 0.0);
        assert_eq!(cut_share((1, 1), (1, 0)), 0.0);
    }

    #[test]
    fn single_images_are_whole_where_the_network_shows_them_whole() {
        for p in [
            Platform::Mastodon,
            Platform::Bluesky,
            Platform::Threads,
            Platform::Youtube,
        ] {
            assert_eq!(frames(p, &[Some((300, 2000))]), vec![None], "{p}");
        }
        assert_eq!(
            frames(Platform::Linkedin, &[Some((4000, 1000))]),
            vec![Some((3, 1))]
        );
        assert!(frames(Platform::X, &[]).is_empty());
    }

    #[test]
    fn every_layout_names_its_source() {
        for l in LAYOUTS {
            assert!(l.source.starts_with("https://"), "{:?}", l.platform);
            assert_eq!(layout(l.platform), Some(l));
        }
    }
}
