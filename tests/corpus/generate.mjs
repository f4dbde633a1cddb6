// Generates tests/fixtures/counting/corpus.jsonl: random texts with the lengths that the
// networks' own reference code gives them, for the differential test tests/counting_corpus.rs.
//
//   cd tests/corpus && npm ci && node generate.mjs [count] [seed] [output]
//
// Each output line is a JSON array `[x, bluesky, text]`:
//   x        twitter-text 3.1.0 `parseTweet(text).weightedLength` (= `getTweetLength`,
//            the default v3 configuration: emoji parsing on, links weigh 23)
//   bluesky  @atproto/api `new RichText({ text }).graphemeLength` (which is
//            `Intl.Segmenter` graphemes, through @atproto/lex-data's `graphemeLen`)
//   text     the text, JSON-escaped
//
// The draw is deterministic: same seed, same count and same package versions (pinned in
// package-lock.json) give the same file byte for byte. Node's ICU decides Bluesky's
// graphemes and `String.prototype.normalize`; the header line records its versions.

import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const twttr = require('twitter-text');
const { RichText } = require('@atproto/api');

const COUNT = Number(process.argv[2] ?? 100000);
const SEED = Number(process.argv[3] ?? 17);
const here = dirname(fileURLToPath(import.meta.url));
const OUT = process.argv[4] ?? join(here, '..', 'fixtures', 'counting', 'corpus.jsonl');

// ---------------------------------------------------------------- seeded PRNG (mulberry32)

let state = SEED >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)); // inclusive
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const chance = (p) => random() < p;
const cp = (n) => String.fromCodePoint(n);
const repeat = (n, f) => Array.from({ length: n }, f).join('');
/** Picks from weighted alternatives: [[weight, fn], ...]. */
function weighted(alts) {
  const total = alts.reduce((s, [w]) => s + w, 0);
  let r = random() * total;
  for (const [w, f] of alts) {
    if ((r -= w) < 0) return f();
  }
  return alts[alts.length - 1][1]();
}

// ---------------------------------------------------------------- pools

const ZWJ = '\u200D';
const VS15 = '\uFE0E';
const VS16 = '\uFE0F';
const KEYCAP = '\u20E3';
const TONES = [0x1f3fb, 0x1f3fc, 0x1f3fd, 0x1f3fe, 0x1f3ff].map(cp);
const tone = () => pick(TONES);

// Emoji that take a skin tone (Emoji_Modifier_Base), old and new.
const MODIFIABLE = [
  '👍', '👎', '👋', '✌', '☝', '✊', '✋', '✍', '💪', '🙏', '👶', '👦', '👧', '👨', '👩', '🧑',
  '👴', '👵', '👮', '🕵', '💂', '👷', '🤴', '👸', '👳', '👲', '🧕', '🤵', '👰', '🤰', '🤱',
  '👼', '🎅', '🤶', '🦸', '🦹', '🧙', '🧚', '🧛', '🧜', '🧝', '🙍', '🙎', '🙅', '🙆', '💁',
  '🙋', '🧏', '🙇', '🤦', '🤷', '💆', '💇', '🚶', '🧍', '🧎', '🏃', '💃', '🕺', '🕴', '🧖',
  '🧗', '🏇', '🏂', '🏌', '🏄', '🚣', '🏊', '⛹', '🏋', '🚴', '🚵', '🤸', '🤽', '🤾', '🤹',
  '🧘', '🛀', '🛌', '👭', '👫', '👬', '💏', '💑', '🤌', '🫰', '🫶', '🫵', '🫷', '🤏', '🤞',
  '🤟', '🤘', '🤙', '👈', '👉', '👆', '👇', '🖐', '🖕', '👌', '👏', '🙌', '👐', '🤲', '🤝',
  '💅', '🤳', '🦵', '🦶', '👂', '🦻', '👃', '🥷', '🫃', '🫄', '🧌',
];
// Emoji that cannot take one.
const UNMODIFIABLE = [
  '😀', '😂', '🥹', '😍', '🤪', '😷', '👾', '😡', '🔥', '💩', '🐱', '🐶', '🦊', '🍕', '🍺',
  '🎉', '🚀', '🌍', '🌈', '⭐', '⚽', '⚡', '☕', '⌚', '⏰', '♻', '☺', '☹', '❤', '♥', '✔',
  '✅', '❌', '❓', '❗', '➡', '⬆', '↩', '▶', '◀', '⏩', '©', '®', '™', '‼', '⁉', 'ℹ', 'Ⓜ',
  '🅰', '🅱', '🆎', '🆗', '🈁', '🈚', '🉐', '〰', '〽', '㊗', '㊙', '🀄', '🃏', '🫠', '🫥',
  '🫨', '🩷', '🪼', '🪿', '🫎', '🫏', '🪭', '🪇', '🐦', '⬛', '🟧', '🫛', '🙂', '🦀', '🧿',
  '🗨', '🕳', '🗺', '🏳', '🏴', '☠', '⚧', '🩶', '🫩', '🫆', '🪾', '🫜', '🪉', '🪏', '🫟',
  '🧑', '🪨', '🛝', '🛞', '🛟', '🪬', '🪩', '🫧', '⚕', '⚖', '✈', '🎤', '🎨', '💻', '🔧',
  '🔬', '🚒', '🦰', '🦱', '🦳', '🦲', '🍼', '🤝', '💋', '👁', '🌫', '⛓', '🍄', '🍋', '🐻',
  '❄', '🐕', '🦺', '🐈', '⬜', '🐦‍⬛',
];
// Genuine ZWJ sequences across emoji versions (2015 families to Emoji 16).
const ZWJ_SEQUENCES = [
  '👨‍👩‍👧‍👦', '👨‍👩‍👧', '👩‍👩‍👦', '👨‍👨‍👧‍👧', '👩‍❤️‍👨', '👩‍❤️‍💋‍👨', '👨‍❤️‍👨', '👁️‍🗨️', '🏳️‍🌈', '🏴‍☠️',
  '👨‍🎤', '👩‍💻', '👨‍🚒', '👩‍🔬', '👨‍⚕️', '👩‍⚖️', '👨‍✈️', '👩‍🌾', '👨‍🍳', '👩‍🎓', '👨‍🏫',
  '👩‍🏭', '👨‍💼', '👩‍🔧', '👨‍🚀', '👩‍🎨', '🏃‍♀️', '🏃‍♂️', '🤷‍♀️', '🤦‍♂️', '🙋‍♀️', '👮‍♀️',
  '🕵️‍♂️', '🏋️‍♀️', '⛹️‍♂️', '🏌️‍♀️', '👯‍♀️', '🤼‍♂️', '🧞‍♀️', '🧟‍♂️', '🧙‍♀️', '🧜‍♂️',
  '👨‍🦰', '👩‍🦱', '👨‍🦳', '👩‍🦲', '🧑‍🤝‍🧑', '🧑‍💻', '🧑‍🍼', '🏳️‍⚧️', '🐻‍❄️', '🐕‍🦺', '🐈‍⬛',
  '❤️‍🔥', '❤️‍🩹', '😮‍💨', '😵‍💫', '😶‍🌫️', '🧔‍♀️', '🫱🏻‍🫲🏿', '🐦‍🔥', '🍋‍🟩', '🍄‍🟫',
  '⛓️‍💥', '🙂‍↔️', '🙂‍↕️', '🚶‍➡️', '🧎‍♀️‍➡️', '🧑‍🧑‍🧒', '🧑‍🧒‍🧒', '🐦‍⬛', '👩‍🦯', '🧑‍🦽',
];
const FLAGS = ['🇩🇪', '🇫🇷', '🇺🇸', '🇯🇵', '🇬🇧', '🇺🇦', '🇧🇷', '🇨🇭', '🇦🇹', '🇪🇺', '🇺🇳', '🇦🇶', '🇹🇼'];
const TAG_FLAGS = ['🏴󠁧󠁢󠁥󠁮󠁧󠁿', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🏴󠁧󠁢󠁷󠁬󠁳󠁿', '🏴󠁵󠁳󠁴󠁸󠁿'];
const regionalIndicator = () => cp(0x1f1e6 + int(0, 25));
const tagSequence = () => '🏴' + repeat(int(0, 6), () => cp(0xe0061 + int(0, 25))) + (chance(0.8) ? cp(0xe007f) : '');

/** One emoji-ish token: well-formed sequences and the malformed ones around them. */
function emoji() {
  return weighted([
    [10, () => pick(UNMODIFIABLE)],
    [5, () => pick(MODIFIABLE)],
    [6, () => pick(UNMODIFIABLE) + (chance(0.7) ? VS16 : VS15)],
    [8, () => pick(MODIFIABLE) + tone()], // takes the tone
    [6, () => pick(UNMODIFIABLE) + tone()], // a tone it cannot take
    [2, () => tone()], // a tone alone
    [2, () => pick(MODIFIABLE) + tone() + tone()], // two tones
    [2, () => pick(MODIFIABLE) + VS16 + tone()],
    [10, () => pick(ZWJ_SEQUENCES)],
    [3, () => pick(ZWJ_SEQUENCES).replace(/\uFE0F/g, '')], // sequences without their VS16
    [4, () => pick(MODIFIABLE) + tone() + ZWJ + pick(['💻', '🎤', '🚀', '⚕️', '🦰', '♀️', '♂️', '🤝‍🧑', '🍼'])],
    [5, () => pick([...UNMODIFIABLE, ...MODIFIABLE]) + ZWJ + pick([...UNMODIFIABLE, ...MODIFIABLE])], // invented
    [4, () => pick([...UNMODIFIABLE, ...MODIFIABLE, ...ZWJ_SEQUENCES]) + ZWJ], // dangling ZWJ
    [2, () => ZWJ + pick([...UNMODIFIABLE, ...MODIFIABLE])], // leading ZWJ
    [2, () => pick(UNMODIFIABLE) + ZWJ + ZWJ + pick(UNMODIFIABLE)],
    [2, () => pick(ZWJ_SEQUENCES) + ZWJ + pick(ZWJ_SEQUENCES)],
    [3, () => pick([...UNMODIFIABLE, ...MODIFIABLE]) + repeat(int(2, 4), () => pick([VS16, VS16, VS15]))], // repeated selectors
    [2, () => repeat(int(1, 3), () => pick([VS16, VS15]))], // selectors alone
    [6, () => pick(FLAGS)],
    [2, () => regionalIndicator() + regionalIndicator()], // any pair, valid flag or not
    [2, () => repeat(int(1, 5), regionalIndicator)], // odd runs
    [3, () => pick(TAG_FLAGS)],
    [1, () => tagSequence()],
    [1, () => pick(FLAGS) + tone()],
    [5, () => pick('#*0123456789'.split('')) + (chance(0.7) ? VS16 : '') + KEYCAP],
    [1, () => pick(['a', '🔥', '❤', 'x', '!', 'の']) + (chance(0.5) ? VS16 : '') + KEYCAP],
    [1, () => KEYCAP],
    [2, () => pick(['#', '*', '0', '5', '9']) + VS16],
    [2, () => pick(['↔', '☀', '✂', '✏', '♠', '♣', '✳', '❇', '▪', '◻', '〰', '⤴', '⬅', '⭕']) + (chance(0.5) ? VS16 : '')],
  ]);
}

const WORDS = [
  'a', 'I', 'the', 'Hello', 'world', 'Leipzig', 'radwerk', 'winter', 'tour', 'Fahrrad', 'é',
  'über', 'naïve', 'café', 'Straße', 'Ωmega', 'привет', 'мир', 'שלום', 'مرحبا', 'नमस्ते',
  'ภาษาไทย', 'Γειά', 'x', 'test', 'Tel.', 'z.B.', 'etc.', 'No.', 'U.S.A.', '3.14', '1,000',
  '2024-06-01', '10:30', 'co', 'com', 'html', 'index.html', 'file.txt', 'foo.bar', 'v1.2.3',
];
const PUNCT = ['.', ',', '!', '?', ':', ';', '…', '—', '–', '-', '(', ')', '"', "'", '“', '”', '‘', '’', '«', '»', '/', '\\', '*', '&', '%', '+', '=', '~', '|', '[', ']', '{', '}', '<', '>', '^', '`', '_', '¿', '¡', '·', '•', '′', '″', '‰', '€', '£', '¥', '$', '#', '@'];
const SPACES = [' ', ' ', ' ', ' ', '  ', '\n', '\n\n', '\r\n', '\t', '\u00A0', '\u3000', '\u2028', '\u2029', '\u2003', '\u200A', '\u200B', '\u202F', '\u205F', '\u180E', '\u0085', '\u000B', '\u000C'];
const DIRECTIONAL = ['\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u061C'];
const INVALID = ['\uFFFE', '\uFFFF', '\uFEFF', '\uFFFD'];

/** CJK and other wide scripts. */
function cjk() {
  return weighted([
    [3, () => repeat(int(1, 8), () => cp(0x3041 + int(0, 85)))], // hiragana
    [2, () => repeat(int(1, 8), () => cp(0x30a1 + int(0, 89)))], // katakana
    [4, () => repeat(int(1, 8), () => cp(0x4e00 + int(0, 20000)))], // han
    [2, () => repeat(int(1, 6), () => cp(0xac00 + int(0, 11171)))], // hangul syllables
    [1, () => repeat(int(1, 4), () => cp(0x1100 + int(0, 18)) + cp(0x1161 + int(0, 20)) + (chance(0.5) ? cp(0x11a8 + int(0, 26)) : ''))], // conjoining jamo
    [1, () => repeat(int(1, 4), () => cp(0xff01 + int(0, 93)))], // fullwidth forms
    [1, () => repeat(int(1, 3), () => cp(0x20000 + int(0, 42000)))], // han extension B (astral)
    [1, () => pick(['の', '日本語', '故人西辞', '저찀쯿쿿', '中文', '。', '、', '「', '」', '・', 'ー'])],
    [1, () => repeat(int(1, 4), () => cp(0x1100 + int(0, 0xff)))], // U+1100..11FF straddles X's weight boundary
    [1, () => repeat(int(1, 4), () => cp(pick([0x10ff, 0x1100, 0x1fff, 0x2000, 0x200d, 0x200e, 0x200f, 0x2010, 0x201f, 0x2020, 0x2031, 0x2032, 0x2037, 0x2038])))],
  ]);
}

/** Combining marks: NFC-composable, not composable, stacked, Indic clusters. */
function combining() {
  return weighted([
    [3, () => pick('aeiouAEIOUnNcCyY'.split('')) + cp(pick([0x301, 0x300, 0x302, 0x308, 0x303, 0x327, 0x30a]))],
    [2, () => pick('aeoqxz'.split('')) + repeat(int(1, 4), () => cp(0x300 + int(0, 0x6f)))],
    [1, () => repeat(int(1, 3), () => cp(0x300 + int(0, 0x6f)))], // marks with no base
    [1, () => pick(['\uFB2C', '\uFB2D', '\uFB1D', '\uFB4E', 'שּׁ', '\u2126', '\u212B', '\u0958', '\u2ADC', '\uF900', '\u0344', '\u1E9B\u0323'])], // NFC changes these
    [2, () => pick(['क्ष', 'त्र', 'ज्ञ', 'श्र', 'क्‍ष', 'न्द्र', 'স্ত্র', 'ক্ষ', 'ന്റ', 'ক্‌ষ', 'ক্ষ্ম', 'ದ್ಧ', 'ત્ર', 'ଜ୍ଞ'])], // Indic conjuncts (GB9c)
    [1, () => pick(['ก', 'ำ', 'กำ', 'เก', 'น้ำ', 'ดู'])],
    [1, () => pick(['ه', 'لا', 'مُحَمَّد', 'בְּרֵאשִׁית'])],
    [1, () => 'e' + '\u20DD' + (chance(0.5) ? '\u20E3' : '')],
    [1, () => 'a' + '\u034F' + '\u0301'], // combining grapheme joiner
    [1, () => pick(['g̈', 'ǵ', 'n̈', 'Z̤̈', 'ạ̈'])],
  ]);
}

const TLDS = ['com', 'de', 'org', 'net', 'io', 'co', 'co.uk', 'jp', 'info', 'app', 'dev', 'berlin', 'social', 'xyz', 'tv', 'me', 'ly', 'COM', 'De', 'рф', 'みんな', 'コム', 'ею', 'xn--p1ai', 'xn--q9jyb4c', 'xn--abc', 'html', 'txt', 'js', 'local', 'test', 'invalid', 'zz', 'c', 'example', 'museum', 'travel', 'technology', 'photography', 'pt', 'sx', 'ai'];
const LABELS = ['example', 'radwerk', 'twitter', 't', 'x', 'bit', 'a', 'foo', 'bar', 'my-site', 'sub_domain', 'www', 'mail', 'news', 'über', 'müller', 'café', 'пример', '例え', 'bücher', 'xn--bcher-kva', 'xn--mller-kva', 'xn--', '日本', 'test-', '-test', '1', '192', 'a1b2', 'localhost', 'déjà', 'ñandú', 'straße', 'ü'];
const label = () => (chance(0.01) ? pick(['x'.repeat(63), 'x'.repeat(64), 'ü'.repeat(60), 'y'.repeat(40)]) : chance(0.1) ? repeat(int(1, 12), () => pick('abcdefghijklmnopqrstuvwxyz0123456789-_'.split(''))) : pick(LABELS));
const pathSegment = () =>
  pick(['x', 'winter', 'tour', 'a-b', 'a_b', 'index.html', 'foo.php', '%20', '~user', '@name', 'wiki/Berlin_(Stadt)', '(x)', 'a(b(c)d)e', '(', ')', '(a)(', 'x.(y)', 'x.(y).', '((a))', '(a)b(', '(a)(b)', '(a.)', '(ü)', '(a(b)c', '@a/', '@a.b', 'café', 'путь', '日本', 'a+b', 'a=b', '!', "it's", '*', 'a,b', '[1]', '#', '—', '–', '😀', 'x.y', '', '..', '-', '_', ':', ';', '$', '&']);
const query = () =>
  '?' + repeat(int(1, 3), () => pick(['a', 'q', 'utm_source', 'id', 'x-y', 'tag']) + (chance(0.8) ? '=' + pick(['1', 'abc', 'a b', 'a%20b', 'x,y', "x'y", 'x(y)', '', 'über', '日本', '!', '?', '.', '/']) : '')).replace(/^(.*)$/, (s) => s.split('a b').join(chance(0.5) ? 'a b' : 'a+b'));
const trailing = () => pick(['', '', '', '.', ',', '!', '?', ')', ']', ':', ';', '...', '…', '"', "'", '”', '»', '-', '_', '/', '#', '&', '=', '%', '~', '*', '+', '@', '\u3002', '、']);
const ipv4 = () => [int(0, 255), int(0, 255), int(0, 255), int(0, 255)].join('.');

/** A URL or something close to one. */
function url() {
  return weighted([
    [14, () => {
      const scheme = weighted([
        [5, () => ''],
        [4, () => 'https://'],
        [3, () => 'http://'],
        [1, () => pick(['HTTPS://', 'Http://', 'ftp://', 'www.', 'https://www.', 'http:/', 'https:', '//', 'hxxp://', 'file:///', 'mailto:', 'https://https://', 'javascript:'])],
      ]);
      const userinfo = chance(0.12) ? pick(['user', 'user:pass', 'a.b', 'me@', ':', 'user:p@ss', 'name.al-lastname']) + '@' : '';
      const host = repeat(int(0, 2), () => label() + '.') + label() + '.' + pick(TLDS);
      const port = chance(0.12) ? ':' + pick(['80', '8080', '443', '0', '65536', '99999999', '', 'x', '12a']) : '';
      const path = chance(0.45) ? repeat(int(1, 3), () => '/' + pathSegment()) + (chance(0.2) ? '/' : '') : chance(0.1) ? '/' : '';
      const q = chance(0.2) ? query() : '';
      const frag = chance(0.08) ? '#' + pick(['top', 'a-b', 'x.y', '', '日本']) : '';
      return scheme + userinfo + host + port + path + q + frag + trailing();
    }],
    [3, () => pick(['http://', 'https://', '']) + (chance(0.3) ? 'user:pass@' : '') + (chance(0.8) ? ipv4() : pick(['[::1]', '[2001:db8::1]', '127.0.0.1', '256.1.1.1', '1.2.3', '10.0.0.1.com', '0x7f.1'])) + (chance(0.3) ? ':' + int(0, 70000) : '') + (chance(0.5) ? '/' + pathSegment() : '') + trailing()],
    [3, () => pick(['', 'https://']) + label() + '.' + pick(['com', 'de', 'io', 'org']) + '-' + pick(['based', 'Nutzer', 'style', 'like', 'only', '2', 'über', 'x'])], // hyphenated word after the domain
    [3, () => pick(['name.al-lastname', 'jana', 'jana.doe', 'a_b', 'x-y.z', 'info', 'first.last+tag', 'über', 'ab.c-d', 'test.com']) + pick(['@', '＠']) + label() + '.' + pick(TLDS) + trailing()], // e-mail-like
    [2, () => pick(['https://t.co/', 'http://t.co/', 't.co/', 'HTTPS://T.CO/']) + repeat(int(1, 45), () => pick('abcXYZ0189'.split(''))) + (chance(0.3) ? pick(['?a=1', '/x', '-y', '.z', '?amp;b']) : '') + trailing()],
    [0.3, () => 'https://' + 'a'.repeat(int(10, 70)) + '.com/' + 'b'.repeat(int(0, 200))],
    [1, () => pick(['example.com', 'radwerk.de', 'twitter.com']) + pick(['', '/']) + pick(['', 'a']) + pick(PUNCT) + pick(['', 'x', 'com', 'de'])],
    [1, () => pick(['.', '-', '_', '/', '@', '#', '$', 'a', '1', 'ü', '日', '😀', 'http://', ':']) + pick(['example.com', 'radwerk.de', 'https://example.com', 'www.test.org/x'])], // preceding characters
    [1, () => pick(['über.de', 'müller.com', 'пример.рф', '例え.テスト', 'bücher.xn--p1ai', 'xn--bcher-kva.de', 'xn--80ak6aa92e.com', 'http://foobar.پاکستان/', 'http://ä.ä.com', 'https://日本.jp/東京', '日本.example.com/path', 'ab日本.com', 'ẞ.de', 'ǆ.com'])],
  ]);
}

function mention() {
  return pick(['@', '@', '@', '＠']) + pick(['jana', 'tim_', 'radwerk', 'a', 'x'.repeat(16), 'x'.repeat(20), 'user/list', 'radwerk.bsky.social', 'did:plc:abc', 'über', '日本', '_', '']) + (chance(0.2) ? pick(PUNCT) : '');
}
function hashtag() {
  return pick(['#', '#', '#', '＃']) + pick(['Leipzig', 'rad_werk', '2024', 'a1', 'über', '日本語', 'ÜberStadt', 'tag-with-dash', '😀', 'ก', 'ᄀ', 'x'.repeat(30), 'c#', '']) + (chance(0.2) ? pick(PUNCT) : '');
}
function cashtag() {
  return '$' + pick(['TSLA', 'AAPL', 'tsla', 'BRK.A', 'X', 'ABCDEFG', 'GOOG_L', '1', '5.00', 'EUR']) + (chance(0.2) ? pick(PUNCT) : '');
}
function word() {
  return weighted([
    [6, () => pick(WORDS)],
    [3, () => repeat(int(1, 10), () => pick('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('')))],
    [1, () => repeat(int(1, 5), () => cp(0xa0 + int(0, 0x1f5f)))], // Latin-1 .. Greek extended: weight 1 up to U+10FF
    [1, () => repeat(int(1, 3), () => cp(0x2000 + int(0, 0x6f)))], // general punctuation
    [1, () => repeat(int(1, 3), () => cp(0x2100 + int(0, 0xeff)))], // letterlike, arrows, math, dingbats...
    [1, () => repeat(int(1, 2), () => cp(pick([0x1d400, 0x1f100, 0x10000, 0x1f000, 0xe0001, 0x1f1e6, 0xf0000]) + int(0, 0xff)))], // astral non-emoji
  ]);
}

/** One token of any kind. */
function token() {
  return weighted([
    [20, word],
    [18, emoji],
    [14, url],
    [6, cjk],
    [5, combining],
    [4, mention],
    [4, hashtag],
    [2, cashtag],
    [5, () => pick(PUNCT)],
    [1, () => pick(DIRECTIONAL)],
    [1, () => pick(INVALID)],
    [1, () => pick([ZWJ, VS16, VS15, '\u200C', '\u2060', '\u00AD', '\u034F', '\u180B', '\uFE00', cp(0xe0100)])],
  ]);
}
const separator = () => weighted([[10, () => ' '], [4, () => ''], [2, () => pick(SPACES)], [1, () => pick(PUNCT)]]);

/** A text of `n` tokens. */
function text(n) {
  let t = '';
  for (let i = 0; i < n; i++) t += (i ? separator() : '') + token();
  return t;
}

/** Emoji-heavy text grown until twitter-text weighs it close to 280. */
function nearLimit() {
  const target = int(270, 290);
  let t = '';
  let guard = 0;
  while (guard++ < 400) {
    const next = t + (chance(0.3) ? separator() : '') + (chance(0.55) ? emoji() : token());
    const w = twttr.parseTweet(next).weightedLength;
    if (w > target + 6) break;
    t = next;
    if (w >= target) break;
  }
  return t;
}

/** Texts about one failure family at a time, in a little context. */
function focused() {
  const around = () => (chance(0.5) ? text(int(0, 3)) + separator() : '');
  return around() + weighted([
    [3, url],
    [3, emoji],
    [1, () => repeat(int(2, 8), emoji)],
    [1, () => repeat(int(2, 4), () => url() + separator())],
    [1, () => mention() + url()],
    [1, () => hashtag() + emoji()],
  ]) + (chance(0.5) ? separator() + text(int(0, 3)) : '');
}

function draw() {
  return weighted([
    [48, () => text(int(1, 6))],
    [22, () => text(int(4, 12))],
    [25, focused],
    [2.5, nearLimit],
    [0.5, () => text(int(20, 50))],
  ]);
}

// ---------------------------------------------------------------- write

const lines = [];
const seen = new Set();
let attempts = 0;
while (lines.length < COUNT && attempts++ < COUNT * 3) {
  const t = draw();
  // Rust strings cannot hold lone surrogates (none are drawn, but be sure); skip repeats.
  if (!t.isWellFormed() || seen.has(t)) continue;
  seen.add(t);
  const x = twttr.parseTweet(t).weightedLength;
  const bluesky = new RichText({ text: t }).graphemeLength;
  lines.push(JSON.stringify([x, bluesky, t]));
}

const header = {
  generator: 'tests/corpus/generate.mjs',
  seed: SEED,
  count: lines.length,
  'twitter-text': require('twitter-text/package.json').version,
  '@atproto/api': require('@atproto/api/package.json').version,
  node: process.versions.node,
  icu: process.versions.icu,
  unicode: process.versions.unicode,
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(header) + '\n' + lines.join('\n') + '\n');
console.log(`${lines.length} texts written to ${OUT}`);
