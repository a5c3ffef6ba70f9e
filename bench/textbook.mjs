// Textbook forms (issue 12, item 7): for each course problem of test/textbook/problems.mjs,
// the length of dcalc's printed answer against the textbook's, in characters of the Unicode
// text form without spaces (code points, so `ᵀ` and `⊙` count 1). Writes its section of
// docs/benchmarks.md (replacing it if present); test/textbook/textbook.test.ts asserts the
// same ratios ≤ 1.3 and checks each answer against the textbook form numerically.
//
//   npm run build && node bench/textbook.mjs [--print] [--before bench/textbook-before.json]   # --print: the table on stdout only
//   node bench/textbook.mjs --json > before.json         # the ratios of this build, to compare
//   node bench/textbook.mjs --before before.json         # adds a column with those ratios
import { readFileSync, writeFileSync } from 'node:fs';
import { parseProgram, grad, jacobian, hessian, toText } from '../dist/index.js';
import { PROBLEMS, printedLength } from '../test/textbook/problems.mjs';

const derive = { grad, jacobian, hessian };

export function measure() {
  return PROBLEMS.map((p) => {
    const program = parseProgram(p.program);
    const printed = toText(program, derive[p.kind](program, p.wrt).expr);
    return { ...p, printed, ratio: printedLength(printed) / printedLength(p.textbook) };
  });
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const f2 = (x) => x.toFixed(2);
const cell = (s) => `\`${s.replace(/\|/g, '\\|').replace(/\n/g, '; ')}\``;

const summary = (rows) => {
  const r = rows.map((x) => x.ratio).sort((a, b) => a - b);
  return `min ${f2(r[0])}, median ${f2(quantile(r, 0.5))}, p90 ${f2(quantile(r, 0.9))}, max ${f2(r[r.length - 1])}; ${rows.filter((x) => x.ratio > 1.3).length} of ${rows.length} above 1.3`;
};

/** The section; `before` (optional): { label, rows } of an earlier build, measured by --json. */
export function textbookSection(rows, before) {
  const was = new Map((before?.rows ?? []).map((x) => [x.id, x.ratio]));
  const lines = [
    '## Textbook forms: printed length against the textbook',
    '',
    `Written by \`node bench/textbook.mjs\` from test/textbook/problems.mjs (${rows.length} problems from CS231n, CS224n,`,
    'CS229, Bishop PRML and Boyd & Vandenberghe). Length: characters of the Unicode text form without',
    'spaces, counted as code points (`ᵀ`, `⊙`, `⁻¹` are 1, 1 and 2); a temporary counts with its definition.',
    'test/textbook/textbook.test.ts checks each answer equals the textbook form at random points (and finite',
    'differences), reads back, and is at most 1.3× the textbook length; the few still longer are listed in',
    'its `STILL_LONGER`, each with the bound it must keep and the identity dcalc does not yet know.',
    '"Before" is the same problems measured on the build named (`node bench/textbook.mjs --json <label>`,',
    'kept in bench/textbook-before.json).',
    '',
    `Ratio printed ÷ textbook: ${summary(rows)}.`,
    ...(before ? ['', `Before (${before.label}, the same problems): ${summary(before.rows.filter((x) => rows.some((y) => y.id === x.id)))}.`] : []),
    '',
    `| problem | source | textbook | dcalc | ratio |${before ? ' before |' : ''}`,
    `|---|---|---|---|---:|${before ? '---:|' : ''}`,
    ...rows.map((x) => `| ${x.id} (${x.kind} wrt ${x.wrt}) | ${x.source} | ${cell(x.textbook)} | ${cell(x.printed)} | ${f2(x.ratio)} |${before ? ` ${was.has(x.id) ? f2(was.get(x.id)) : '–'} |` : ''}`),
    '',
  ];
  return lines;
}

const HEADING = '## Textbook forms: printed length against the textbook';

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = measure();
  const at = process.argv.indexOf('--before');
  const before = at > 0 ? JSON.parse(readFileSync(process.argv[at + 1], 'utf8')) : undefined;
  const section = textbookSection(rows, before).join('\n');
  if (process.argv.includes('--json')) {
    const label = process.argv[process.argv.indexOf('--json') + 1] ?? 'an earlier build';
    console.log(JSON.stringify({ label, rows: rows.map(({ id, ratio, printed }) => ({ id, ratio, printed })) }));
  } else if (process.argv.includes('--print')) {
    console.log(section);
  } else {
    const doc = readFileSync('docs/benchmarks.md', 'utf8');
    const start = doc.indexOf(HEADING);
    let next = start >= 0 ? doc.indexOf('\n## ', start + HEADING.length) : -1;
    const updated = start < 0 ? `${doc.trimEnd()}\n\n${section}` : `${doc.slice(0, start)}${section}${next >= 0 ? doc.slice(next) : ''}`;
    writeFileSync('docs/benchmarks.md', updated.endsWith('\n') ? updated : `${updated}\n`);
    console.log(`Ratio printed ÷ textbook: ${summary(rows)}`);
  }
}
