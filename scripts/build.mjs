// Build: compile the Nearley grammar, bundle the CLI and the library with esbuild, build the playground (build-web.mjs)
// (one bundle keeps the CLI's cold start near `node -e 0`), and emit type declarations with tsc.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { build } from 'esbuild';
import { buildWeb } from './build-web.mjs';

const run = (cmd, args) => {
  try {
    execFileSync(cmd, args, { stdio: 'inherit' });
  } catch {
    console.error(`build failed: ${args.join(' ')}`);
    process.exit(1);
  }
};

run(process.execPath, ['node_modules/nearley/bin/nearleyc.js', 'grammar/dcalc.ne', '-o', 'src/parse/grammar.generated.ts']);

mkdirSync('dist', { recursive: true });
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: false, logLevel: 'warning' };
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', minify: true,
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
await buildWeb();
if (!process.env.DCALC_SKIP_TYPES) run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'web/tsconfig.json']);
if (!process.env.DCALC_SKIP_TYPES) run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
