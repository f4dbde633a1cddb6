//! Link finding against twitter-text's conformance cases and the networks' own quirks.

use super::chars::*;
use super::host::*;
use super::*;

#[test]
fn the_ascii_shortcut_agrees_with_the_full_domain_character_test() {
    for c in (0u8..=127).map(char::from) {
        let full = !(is_ascii_domain_punct(c)
            || is_space(c)
            || is_invalid_char(c)
            || is_directional_mark(c)
            || is_unicode_punct(c));
        assert_eq!(is_domain_char(c), full, "{c:?}");
    }
}

fn links(text: &str, schemeless: bool) -> Vec<&str> {
    find_links(text, schemeless)
        .into_iter()
        .map(|l| &text[l.range])
        .collect()
}

#[test]
fn scheme_links() {
    assert_eq!(
        links("see https://example.com/path?q=1 now", true),
        ["https://example.com/path?q=1"]
    );
    assert_eq!(
        links("HTTPS://www.ExaMPLE.COM/index.html", true),
        ["HTTPS://www.ExaMPLE.COM/index.html"]
    );
    assert_eq!(
        links("http://example.com:8080/login", true),
        ["http://example.com:8080/login"]
    );
    assert_eq!(links("http://☃.net/", true), ["http://☃.net/"]);
    assert_eq!(
        links("http://example.com/Русские_слова", true),
        ["http://example.com/Русские_слова"]
    );
    assert_eq!(
        links("http://test_underscore.twitter.com", true),
        ["http://test_underscore.twitter.com"]
    );
    assert_eq!(
        links("\u{2066}http://foobar.پاکستان/\u{2069}", true),
        ["http://foobar.پاکستان/"]
    );
}

#[test]
fn trailing_punctuation_is_not_part_of_the_link() {
    assert_eq!(
        links("Go to https://example.com/foo.", true),
        ["https://example.com/foo"]
    );
    assert_eq!(links("(https://example.com/a)", true), ["https://example.com/a"]);
    assert_eq!(links("https://example.com?", true), ["https://example.com"]);
    assert_eq!(
        links("https://en.wikipedia.org/wiki/Primer_(film) ok", true),
        ["https://en.wikipedia.org/wiki/Primer_(film)"]
    );
    assert_eq!(
        links("https://example.com/#anchor, then", true),
        ["https://example.com/#anchor"]
    );
}

#[test]
fn invalid_domains_are_text() {
    assert!(links("http://www.-domain4352.com/", true).is_empty());
    assert!(links("http://www.domain4352-.com/", true).is_empty());
    assert!(links("http://domain-dash_2314352345_dfasd.foo-cow_4352.com", true).is_empty());
    assert!(links("example.notatld", true).is_empty());
    assert!(links("ftp://example.notatld", true).is_empty());
    let long = format!("https://{}.com/foo", "a".repeat(64));
    assert!(links(&long, true).is_empty());
    let ok = format!("https://{}.com/foo", "a".repeat(63));
    assert_eq!(links(&ok, true).len(), 1);
}

#[test]
fn schemeless_rules() {
    assert_eq!(links("example.com", true), ["example.com"]);
    assert_eq!(links("www.example.com", true), ["www.example.com"]);
    assert_eq!(links("t.co", true), ["t.co"]);
    assert_eq!(links("foo.co.jp", true), ["foo.co.jp"]);
    assert_eq!(
        links("example.com/path/to?search=foo", true),
        ["example.com/path/to?search=foo"]
    );
    // bare country-code domains are links too (twitter-text 3 conformance: `foo.jp`, `it.so`)
    assert_eq!(links("radwerk.de", true), ["radwerk.de"]);
    assert_eq!(links("www.radwerk.de", true), ["www.radwerk.de"]);
    assert_eq!(links("radwerk.de/winter", true), ["radwerk.de/winter"]);
    // not without scheme for Mastodon
    assert!(links("example.com", false).is_empty());
    // e-mail addresses and handles are not links
    assert!(links("mail me: jana@example.com", true).is_empty());
    assert!(links("#example.com", true).is_empty());
    // a non-ASCII name is not a schemeless link
    assert!(links("日本.com", true).is_empty());
}

#[test]
fn several_links_and_tco() {
    assert_eq!(
        links("Test https://test.com test https://test.com test.com test", true),
        ["https://test.com", "https://test.com", "test.com"]
    );
    assert_eq!(links("https://t.co/abc123/more", true), ["https://t.co/abc123"]);
}

#[test]
fn punycode_length_decides_idn_hosts() {
    let host_53 = "あいうえおかきくけこ".repeat(5) + "あいう";
    let host_52 = "あいうえおかきくけこ".repeat(5) + "あい";
    assert!(links(&format!("http://{host_53}.com"), true).is_empty());
    assert_eq!(links(&format!("http://{host_52}.com"), true).len(), 1);
}

/// URL cases of twitter-text's conformance suite (`conformance/tests/extract.yml`,
/// section `urls`): the text and the links twitter-text extracts from it.
const EXTRACT_CONFORMANCE: &[(&str, &[&str])] = &[
    ("http://example.com", &["http://example.com"]),
    ("http://ああ.com", &["http://ああ.com"]),
    ("http://あ-あ.com", &["http://あ-あ.com"]),
    ("text http://foobar.com/#", &["http://foobar.com/#"]),
    (
        "text http://google.com/#search?q=iphone%20-filter%3Alinks",
        &["http://google.com/#search?q=iphone%20-filter%3Alinks"],
    ),
    (
        "text http://somedomain.com/index.php?path=/abc/def/",
        &["http://somedomain.com/index.php?path=/abc/def/"],
    ),
    ("text http://somehost.com:3000", &["http://somehost.com:3000"]),
    (
        "text http://xo.com/~matthew+%ff-,.;x",
        &["http://xo.com/~matthew+%ff-,.;x"],
    ),
    ("text http://xo.com/,.;x", &["http://xo.com/,.;x"]),
    (
        "text http://en.wikipedia.org/wiki/Primer_(film)",
        &["http://en.wikipedia.org/wiki/Primer_(film)"],
    ),
    ("text http://✪df.ws/ejp", &["http://✪df.ws/ejp"]),
    (
        "test http://example.comだよね.comtest/hogehoge",
        &["http://example.com"],
    ),
    ("text http://chilp.it/?77e8fd", &["http://chilp.it/?77e8fd"]),
    (
        "text http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx",
        &["http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx"],
    ),
    (
        "text https://www.youtube.com/watch?v=LOxOAuDHzaw&list=PLPoq910Q9jXhuH6pit_KwIsck9fEz_9U-",
        &["https://www.youtube.com/watch?v=LOxOAuDHzaw&list=PLPoq910Q9jXhuH6pit_KwIsck9fEz_9U-"],
    ),
    ("text http://no-tld", &[]),
    ("text http://tld-too-short.x", &[]),
    ("(http://twitter.com", &["http://twitter.com"]),
    (
        "text http://word-and-a-number-8-ftw.domain.com/",
        &["http://word-and-a-number-8-ftw.domain.com/"],
    ),
    // twitter-text 3.1.0 (the npm package X's counter is) finds nothing here: a TLD
    // followed by `-` is no TLD.
    (
        "text http://domain.com-that-you-should-have-put-a-space-after",
        &[],
    ),
    ("text http://foo.com?#foo text", &["http://foo.com?#foo"]),
    (
        "foo.com foo.net foo.org foo.edu foo.gov",
        &["foo.com", "foo.net", "foo.org", "foo.edu", "foo.gov"],
    ),
    (
        "foo.baz foo.co.jp www.xxxxxxx.baz www.foo.co.uk wwwww.xxxxxxx foo.comm foo.somecom foo.govedu foo.jp",
        &["foo.co.jp", "www.foo.co.uk", "foo.jp"],
    ),
    ("t.co/abcde bit.ly/abcde", &["t.co/abcde", "bit.ly/abcde"]),
    (
        "Go to http://example.com/a+ or http://example.com/a-",
        &["http://example.com/a+", "http://example.com/a-"],
    ),
    (
        "Go to http://example.com/view/slug-url-?foo=bar",
        &["http://example.com/view/slug-url-?foo=bar"],
    ),
    (
        "Go to https://en.m.wikipedia.org/wiki/Hatfield–McCoy_feud please",
        &["https://en.m.wikipedia.org/wiki/Hatfield–McCoy_feud"],
    ),
    ("@user Try http:// example.com/path", &["example.com/path"]),
    (
        "これは日本語です。example.com/path/index.html中国語example.com/path한국",
        &["example.com/path/index.html", "example.com/path"],
    ),
    (
        "twitter.comこれは日本語です。example.com中国語t.co/abcde한국twitter.com example2.comテストtwitter.com/abcde",
        &[
            "twitter.com",
            "example.com",
            "t.co/abcde",
            "twitter.com",
            "example2.com",
            "twitter.com/abcde",
        ],
    ),
    (
        "http://twitter.com/これは日本語です。example.com中国語http://t.co/abcde한국twitter.comテストexample2.comテストhttp://twitter.com/abcde",
        &[
            "http://twitter.com/",
            "example.com",
            "http://t.co/abcde",
            "twitter.com",
            "example2.com",
            "http://twitter.com/abcde",
        ],
    ),
    (
        "Go to http://twitter.com/Русские_слова",
        &["http://twitter.com/Русские_слова"],
    ),
    (
        "twitter.jp日本語it.so中国語foo.jp it.so foo.jp",
        &["twitter.jp", "it.so", "foo.jp", "it.so", "foo.jp"],
    ),
    ("Hello http://xn--はじめよう.com/index.html", &[]),
    (
        "MLB.tv vine.co twitch.tv t.co",
        &["MLB.tv", "vine.co", "twitch.tv", "t.co"],
    ),
    ("@user Try http://\u{A0}example.com/path", &["example.com/path"]),
    (
        "test http://sub_domain-dash.twitter.com",
        &["http://sub_domain-dash.twitter.com"],
    ),
    ("test http://a.b.cd", &["http://a.b.cd"]),
    ("test http://a_b.c-d.com", &["http://a_b.c-d.com"]),
    ("test http://a-b.c.com", &["http://a-b.c.com"]),
    (
        "http://www.bestbuy.com/site/Currie+Technologies+-+Ezip+400+Scooter/9885188.p?id=1218189013070&skuId=9885188",
        &[
            "http://www.bestbuy.com/site/Currie+Technologies+-+Ezip+400+Scooter/9885188.p?id=1218189013070&skuId=9885188",
        ],
    ),
    ("test http://-leadingdash.twitter.com", &[]),
    ("test http://leadingdash.-twitter.com", &[]),
    ("test http://trailingdash-.twitter.com", &[]),
    ("test http://trailingdash.twitter-.com", &[]),
    ("test http://_leadingunderscore.twitter.com", &[]),
    ("test http://leadingunderscore._twitter.com", &[]),
    ("test http://trailingunderscore_.twitter.com", &[]),
    ("test http://trailingunderscore.twitter_.com", &[]),
    ("test http://-twitter.com", &[]),
    ("test http://twitter-.com", &[]),
    ("test http://twitter_underscore.com", &[]),
    ("test http://twitter.c_o_m", &[]),
    (
        "test http://www.foo.com/foo/path-with-period./",
        &["http://www.foo.com/foo/path-with-period./"],
    ),
    (
        "test http://www.foo.org.za/foo/bar/688.1",
        &["http://www.foo.org.za/foo/bar/688.1"],
    ),
    (
        "test http://www.foo.com/bar-path/some.stm?param1=foo;param2=P1|0||P2|0",
        &["http://www.foo.com/bar-path/some.stm?param1=foo;param2=P1|0||P2|0"],
    ),
    (
        "test http://foo.com/bar/123/foo_&_bar/",
        &["http://foo.com/bar/123/foo_&_bar/"],
    ),
    (
        "http://www.andersondaradio.no.comunidades.net/ test test",
        &["http://www.andersondaradio.no.comunidades.net/"],
    ),
    ("test ELPAÍS.com", &["ELPAÍS.com"]),
    ("test http://twitter.com/.", &["http://twitter.com/"]),
    (
        "Test a ton of periods http://example.com/path..........................................",
        &["http://example.com/path"],
    ),
    (
        "Test a ton of periods http://example.com/,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
        &["http://example.com/"],
    ),
    (
        "Test a ton of periods http://example.com/path/!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
        &["http://example.com/path/"],
    ),
    (
        "#test.com @test.com #http://test.com @http://test.com #t.co/abcde @t.co/abcde",
        &[],
    ),
    (
        "I really like http://t.co/pbY2NfTZ's website",
        &["http://t.co/pbY2NfTZ"],
    ),
    (
        "Check this site out http://t.co/FNkPfmii- it's great",
        &["http://t.co/FNkPfmii"],
    ),
    (
        "According to http://t.co/ulYGBYSo: the internet is cool",
        &["http://t.co/ulYGBYSo"],
    ),
    (
        "I really like http://t.co/abcdefghijklmnopqrstuvwxyz0123456789",
        &["http://t.co/abcdefghijklmnopqrstuvwxyz0123456789"],
    ),
    (
        "I really like http://t.co/abcdefghijklmnopqrstuvwxyz012345678901234",
        &[],
    ),
    (
        "example.comてすとですtwitter.みんなです",
        &["example.com", "twitter.みんな"],
    ),
    (
        "http://twitter.com\nhttp://example.com\nhttp://example.com/path\nexample.com/path\nit.so\nit.so/abcde",
        &[
            "http://twitter.com",
            "http://example.com",
            "http://example.com/path",
            "example.com/path",
            "it.so",
            "it.so/abcde",
        ],
    ),
    (
        "$http://twitter.com $twitter.com $http://t.co/abcde $t.co/abcde $t.co $TVI.CA $RBS.CA",
        &[],
    ),
    ("long.test.tar.bz2 test.tar.bz2 tar.bz2", &[]),
    ("john.doe.gov@mail.com", &[]),
    ("john.doe.jp@mail.com", &[]),
    (
        "http://www.foo.com?referer=https://t.co/abcde http://t.co/xyzzy",
        &[
            "http://www.foo.com?referer=https://t.co/abcde",
            "http://t.co/xyzzy",
        ],
    ),
    ("http://t.co http://t.co", &["http://t.co", "http://t.co"]),
    (
        "test http://xn--ls8h.XN--ls8h.la/",
        &["http://xn--ls8h.XN--ls8h.la/"],
    ),
    (
        "test http://foobar.みんな/ http://foobar.中国/ http://foobar.پاکستان/ ",
        &[
            "http://foobar.みんな/",
            "http://foobar.中国/",
            "http://foobar.پاکستان/",
        ],
    ),
    (
        "\u{2066}\u{202A}test abcdef.com پاکستان http://twitter.com/\u{202C}\u{2069}",
        &["abcdef.com", "http://twitter.com/"],
    ),
    (
        "text https://t.co/UqIyJAJTfo?amp=1",
        &["https://t.co/UqIyJAJTfo?amp=1"],
    ),
    (
        "text https://t.co/asdfdf?a=b#123",
        &["https://t.co/asdfdf?a=b#123"],
    ),
    (
        "http://t.co/8MkmHU0k+c http://t.co/TKLp64dY.x http://t.co/8t7G3ddS#a",
        &[
            "http://t.co/8MkmHU0k",
            "http://t.co/TKLp64dY",
            "http://t.co/8t7G3ddS",
        ],
    ),
];

#[test]
fn twitter_text_extract_conformance() {
    let mut failures = Vec::new();
    for (text, expected) in EXTRACT_CONFORMANCE {
        let found = links(text, true);
        if found != *expected {
            failures.push(format!("{text:?}: got {found:?}, want {expected:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        EXTRACT_CONFORMANCE.len(),
        failures.join("\n")
    );
}

#[test]
fn tld_table_is_complete_and_bounded() {
    assert!(tlds().len() > 1400);
    assert!(tlds().iter().all(|t| t.chars().count() <= MAX_TLD_CHARS));
    for tld in ["com", "de", "za", "np", "みんな", "中国", "рф", "xn--p1ai"] {
        assert!(tlds().contains(tld) || tld.starts_with("xn--"), "{tld}");
    }
}

/// twitter-text's `isValidUrl` accepts user info and IP hosts, but its extractor (which
/// X counts with) has neither in its grammar: such text counts character by character.
#[test]
fn user_info_and_ip_hosts_are_text() {
    assert!(links("http://user:PASSW0RD@example.com:8080/login.php", true).is_empty());
    assert!(links("http://192.168.0.1/index.html?src=asdf", true).is_empty());
    assert!(links("https://user@example.com/x", true).is_empty());
    assert!(links("192.168.0.1", true).is_empty());
    assert!(links("name.al-lastname@foo.com", true).is_empty());
    assert!(links("example.com-based", true).is_empty());
    // A link may follow a non-ASCII letter or a full-width at sign.
    assert_eq!(links("über.de", true), ["ber.de"]);
    assert_eq!(links("＠example.com", true), ["example.com"]);
    // Without a scheme, port and query belong to the link only after a path.
    assert_eq!(links("example.com:80", true), ["example.com"]);
    assert_eq!(links("example.com:80/x?a=1", true), ["example.com:80/x?a=1"]);
}

/// Parentheses in paths, as twitter-text 3.1.0 extracts them: balanced parentheses end a
/// path only on their own or before a path-ending character (`validUrlPath` pastes its
/// ending alternatives in without a group, so `(…)` is an alternative to the whole).
#[test]
fn parentheses_in_paths() {
    assert_eq!(links("a.b.c.d.e.com/oa.(m..cm--n)(", true), ["a.b.c.d.e.com/oa"]);
    assert_eq!(links("http://x.com/(a)(b)", true), ["http://x.com/(a)(b)"]);
    assert_eq!(links("http://x.com/a(b(c)d)e(", true), ["http://x.com/a(b(c)d)e"]);
    assert_eq!(links("xn--a.com/a,(-._),!(!@~(?~=?", true), ["xn--a.com/a"]);
}

#[test]
fn long_chains_of_labels_stay_linear() {
    // Every label start of `a.a.a.…` used to try every longer domain after it, each
    // checking all its labels again: cubic, minutes for a few thousand characters.
    let started = std::time::Instant::now();
    let chain = "a.".repeat(20_000);
    assert!(find_links(&chain, true).is_empty());
    assert!(find_links_as(&format!("https://{chain}"), Dialect::Mastodon).is_empty());
    let named = format!("{}radwerk.de", "a.".repeat(1_000));
    assert_eq!(links(&named, true), [named.as_str()]);
    let too_long = format!("{chain}de");
    assert!(find_links(&too_long, true).is_empty(), "longer than a URL may be");
    let took = started.elapsed();
    assert!(took < std::time::Duration::from_secs(20), "took {took:?}");
}
