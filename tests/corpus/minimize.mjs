// Shrinks the texts on which Touchpoint and twitter-text disagree to minimal examples.
//
//   cargo build --example count_lines   # any program: JSON string a line in, "x bluesky" out
//   COUNTING_CORPUS_DUMP=/tmp/mm cargo test --test it counting_corpus
//   node minimize.mjs /tmp/mm.X.jsonl ../../target/debug/examples/count_lines [limit]
//
// Prints one JSON line per distinct minimal text: [reference, touchpoint, text, how many
// corpus texts shrank to it].

import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const twttr = require('twitter-text');
const { RichText } = require('@atproto/api');

const [dumpPath, counter, limitArg] = process.argv.slice(2);
const limit = Number(limitArg ?? 2000);
const child = spawn(counter, [], { stdio: ['pipe', 'pipe', 'inherit'] });
const pending = [];
createInterface({ input: child.stdout }).on('line', (line) => pending.shift()(line.split(' ').map(Number)));
const ask = (text) =>
  new Promise((resolve) => {
    pending.push(resolve);
    child.stdin.write(JSON.stringify(text) + '\n');
  });

const reference = {
  X: (t) => twttr.parseTweet(t).weightedLength,
  Bluesky: (t) => new RichText({ text: t }).graphemeLength,
};

async function differs(platform, text) {
  const [x, bluesky] = await ask(text);
  const got = platform === 'X' ? x : bluesky;
  return got !== reference[platform](text) ? got : null;
}

/** Delta debugging over code points: drop chunks while the counts still differ. */
async function shrink(platform, text) {
  let cps = Array.from(text);
  let chunk = Math.max(1, cps.length >> 1);
  for (;;) {
    let progress = false;
    for (let at = 0; at < cps.length; ) {
      const candidate = [...cps.slice(0, at), ...cps.slice(at + chunk)];
      if (candidate.length && (await differs(platform, candidate.join(''))) !== null) {
        cps = candidate;
        progress = true;
      } else {
        at += chunk;
      }
    }
    if (!progress) {
      if (chunk === 1) break;
      chunk = Math.max(1, chunk >> 1);
    }
  }
  return cps.join('');
}

// Minimal text -> [reference, touchpoint, how many corpus texts shrank to it].
const seen = new Map();
const lines = readFileSync(dumpPath, 'utf8').split('\n').filter(Boolean).slice(0, limit);
for (const line of lines) {
  const [platform, , , text] = JSON.parse(line);
  const small = await shrink(platform, text);
  if (seen.has(small)) {
    seen.get(small)[2] += 1;
  } else {
    seen.set(small, [reference[platform](small), await differs(platform, small), 1]);
  }
}
child.stdin.end();
for (const [small, [want, got, n]] of seen) console.log(JSON.stringify([want, got, small, n]));
