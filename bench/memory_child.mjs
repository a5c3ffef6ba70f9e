// A `dcalc batch` process that reports its peak resident set size when it exits
// (bench/memory.mjs): node bench/memory_child.mjs <path to bin/dcalc.js> < requests.jsonl
import { pathToFileURL } from 'node:url';

const bin = process.argv[2];
process.argv = [process.argv[0], bin, 'batch'];
// resourceUsage().maxRSS is in kilobytes (getrusage's ru_maxrss).
process.on('exit', () => process.stderr.write(`\ndcalc-memory-maxrss-kb ${process.resourceUsage().maxRSS}\n`));
await import(pathToFileURL(bin).href);
