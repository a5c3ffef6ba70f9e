/**
 * The dcalc command line (commander). A thin surface: it reads the program and the
 * options, runs a request (commands.ts) and presents the result; errors become one
 * located line on stderr and exit code 2 (errors.ts).
 */
import { Command, CommanderError, Option } from 'commander';
import { DcalcError } from '../errors.js';
import { asDcalcError, formatError } from './errors.js';
import { run, NEEDS_WRT, type Op } from '../api/request.js';
import { validateRequest, CLI_SPELLING } from '../api/validate-request.js';
import { present, type Format } from '../present/present.js';
import { serve } from './serve.js';
import { streamBatch } from './batch-stream.js';
import { readBounded, exitQuietlyWhenOutputCloses } from './input.js';
import type { DerivativeKind } from '../conventions.js';

interface CommonOptions {
  file?: string;
  let?: string;
  at?: string;
  format: Format;
  check: boolean;
  seed?: string;
  inline?: boolean;
  claim?: string;
  steps?: boolean;
  from?: 'text' | 'latex';
  layout?: string;
  symmetric?: boolean;
  of?: DerivativeKind;
}

function readStdin(): string {
  try {
    return readBounded(0, 'standard input');
  } catch (e) {
    if (e instanceof DcalcError) throw e;
    throw new DcalcError('usage', 'could not read the program from standard input');
  }
}

function readProgram(arg: string | undefined, opts: CommonOptions): string {
  if (opts.file !== undefined) {
    if (arg !== undefined) throw new DcalcError('usage', 'give the program either as an argument or with -f, not both');
    if (opts.file === '-') return readStdin();
    try {
      return readBounded(opts.file, `the file ${opts.file}`);
    } catch (e) {
      if (e instanceof DcalcError) throw e;
      throw new DcalcError('usage', `cannot read the file ${opts.file}`);
    }
  }
  if (arg === undefined) throw new DcalcError('usage', 'no program given (pass it as an argument, with -f FILE, or - for standard input)');
  if (arg === '-') return readStdin();
  return arg;
}

function readAt(at: string | undefined): unknown {
  if (at === undefined) return undefined;
  const text = /^\s*[{[]/.test(at) ? at : (() => {
    try {
      return readBounded(at, `--at: the file ${at}`);
    } catch (e) {
      if (e instanceof DcalcError) throw e;
      throw new DcalcError('usage', `--at: cannot read the file ${at} (give a JSON object or a file holding one)`);
    }
  })();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DcalcError('usage', `--at: not valid JSON (${(e as Error).message})`);
  }
}

/** `<program> wrt <var>` or `wrt <var>` with -f. */
function splitWrt(args: string[], needWrt: boolean): { program?: string; wrt?: string } {
  const i = args.indexOf('wrt');
  if (i < 0) {
    if (needWrt) throw new DcalcError('usage', 'missing `wrt <variable>` (for example: dcalc grad "x\'*A*x" wrt x)');
    if (args.length > 1) throw new DcalcError('usage', `unexpected argument '${args[1]}' (quote the program as one argument)`);
    return { program: args[0] };
  }
  if (!needWrt) throw new DcalcError('usage', '`wrt` is only for grad, jacobian, hessian and differential');
  if (i > 1) throw new DcalcError('usage', `unexpected argument '${args[1]}' (quote the program as one argument)`);
  // Several variables: `wrt W1, b1, W2` (several arguments) or `wrt "W1, b1"`.
  const wrt = args.slice(i + 1).join(' ');
  if (wrt.trim() === '') throw new DcalcError('usage', 'missing the variable after `wrt`');
  return { program: i === 1 ? args[0] : undefined, wrt };
}

/** What an error of the command is reported against: the program text, once it is read. */
interface Invocation {
  source?: string;
}

function execute(op: Op, args: string[], opts: CommonOptions, invocation: Invocation): number {
  const { program: progArg, wrt } = splitWrt(args, NEEDS_WRT.includes(op));
  const program = readProgram(progArg, opts);
  invocation.source = program;
  const exported = opts.format === 'numpy' || opts.format === 'torch' ? opts.format : undefined;
  const at = readAt(opts.at);
  const req = validateRequest({ export: exported, op, program, wrt, let: opts.let, at, check: NEEDS_WRT.includes(op) && op !== 'check' && opts.check, seed: opts.seed, inline: opts.inline, claim: opts.claim, steps: opts.steps, from: opts.from, layout: opts.layout, symmetric: opts.symmetric, of: opts.of }, CLI_SPELLING);
  const r = run(req);
  process.stdout.write(present(r, opts.format) + '\n');
  if (opts.format !== 'json') for (const line of [...(r.readings ?? []).map((x) => `read as ${x}`), ...(r.hints ?? []).map((h) => `hint: ${h}`)]) process.stderr.write(`${line}\n`);
  if (r.op === 'check') return r.verdict === 'correct' ? 0 : 1;
  if ('check' in r && r.check) {
    const err = r.check.maxRelErr.toExponential(1);
    if (r.check.note !== undefined) {
      // No point of the program's domain was found: the derivative stands, unchecked.
      if (opts.format !== 'json') process.stderr.write(`note: ${r.check.note}\n`);
      return 0;
    }
    if (r.check.ok) {
      if (opts.format !== 'json') process.stderr.write(`✓ verified numerically at ${r.check.points} random points (max rel. error ${err})\n`);
      return 0;
    }
    process.stderr.write(`✗ numeric verification FAILED at ${r.check.points} random points (max rel. error ${err}): please report this program\n`);
    return 1;
  }
  return 0;
}

const EXAMPLES: Record<string, string> = {
  grad: `
Examples:
  $ dcalc grad "h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)" wrt W --let "X: 1×M, W: M×1, b: scalar, y: scalar"
  ∂L/∂W = Xᵀ(a − y)   ∈ ℝ^{M×1}
  $ dcalc grad "x'*A*x" wrt x --let "A: n×n, x: n×1" --format latex
  $ dcalc grad -f loss.txt wrt W1 --format json --seed 7`,
  check: `
Examples:
  $ dcalc check "h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)" wrt W --let "X: 1×M, W: M×1, b: scalar, y: scalar" --claim "(a − y)X"
  ✗ incorrect (transposed): the claim is the transpose of ∂L/∂W
  $ dcalc check "x'*A*x" wrt x --let "A: n×n, x: n×1" --claim "(A + A')*x"
  ✓ correct: the claim equals ∂f/∂x at 8 random points
Exit code 0 when the claim is correct, 1 when it is not.`,
  jacobian: `
Examples:
  $ dcalc jacobian "A*X*B" wrt X --let "A: p×m, X: m×n, B: n×q"
  ∂vec(f)/∂vec(X)ᵀ = Bᵀ ⊗ A   ∈ ℝ^{p·q×m·n}
  $ dcalc jacobian "inv(X)" wrt X --let "X: n×n" --format ascii
  $ dcalc jacobian "sin(t*A)" wrt t --let "t: scalar, A: m×n"     # w.r.t. a scalar: shaped like F`,
  hessian: `
Examples:
  $ dcalc hessian "x'*A*x" wrt x --let "A: n×n, x: n×1"
  ∂²f/∂vec(x)∂vec(x)ᵀ = Aᵀ + A   ∈ ℝ^{n×n}
  $ dcalc hessian "p = σ(Xw); L = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))" wrt w --let "X: n×d, w: d×1, y: n×1"`,
  differential: `
Examples:
  $ dcalc differential "h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)" wrt W --let "X: 1×M, W: M×1, b: scalar, y: scalar"
  $ dcalc differential "inv(X)" wrt X --let "X: n×n"`,
  eval: `
Examples:
  $ dcalc eval "tr(A*B)" --let "A: 2×3, B: 3×2" --at '{"A": [[1,2,3],[4,5,6]], "B": [[1,0],[0,1],[1,1]]}'
  $ dcalc eval "2*3 + 1"`,
  shape: `
Examples:
  $ dcalc shape "h = XW + b; s = softmax_rows(h)" --let "X: N×M, W: M×K, b: 1×K"
  h: N×K
  s: N×K
  value: N×K`,
  simplify: `
Examples:
  $ dcalc simplify "((A*B)')' + 0*C" --let "A: n×m, B: m×k, C: n×k"`,
  batch: `
Each line of standard input is a JSON request; each output line is its JSON answer:
  {"id": 1, "op": "grad", "program": "sum(X*w)", "wrt": "w", "let": "X: n×m, w: m×1"}`,
};

function addCommon(cmd: Command, withCheck: boolean): Command {
  cmd
    .option('-f, --file <file>', 'read the program from a file (- for standard input)')
    .option('--let <decls>', 'declarations, e.g. "X: N×M, W: M×K, t: scalar, y: 1×K simplex"')
    .option('--at <values>', 'values: inline JSON or a JSON file, e.g. \'{"X": [[1,2],[3,4]]}\'')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'ascii', 'latex', 'json', 'numpy', 'torch']).default('text'))
    .addOption(new Option('--from <language>', 'input language of the program (default: LaTeX when it has a backslash command)').choices(['text', 'latex']))
    .option('--seed <n>', 'seed of the random points of the numeric check')
    .option('--inline', 'expand the named intermediates of the program');
  if (withCheck) {
    cmd.option('--check', 'verify numerically by finite differences (default)', true).option('--no-check', 'do not verify numerically');
    cmd.option('--steps', 'show the derivation, step by step, each step citing its identity');
  }
  return cmd;
}

/** --layout and --symmetric: for grad, jacobian, hessian and check (docs/conventions.md). */
function addConventions(cmd: Command): Command {
  cmd
    .addOption(new Option('--layout <layout>', 'numerator or denominator (default: denominator for grad, shaped like X; numerator for jacobian)').choices(['numerator', 'denominator']))
    .option('--symmetric', 'the gradient within the symmetric matrices, (G + Gᵀ)/2, for a variable declared symmetric or spd');
  return cmd;
}

export function main(argv: string[]): number {
  let code = 0;
  const invocation: Invocation = {};
  const cli = new Command('dcalc')
    .description('Symbolic matrix calculus: simplified, shape-checked, numerically verified derivatives.\nCONTRACT and docs: see README.md and docs/.')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined });

  const wrap = (op: Op) => (args: string[], opts: CommonOptions) => {
    code = execute(op, args ?? [], opts, invocation);
  };
  addConventions(addCommon(cli.command('grad').description('the gradient of a scalar program: dcalc grad <program> wrt <var>').argument('[args...]', '<program> wrt <var…>'), true))
    .addHelpText('after', EXAMPLES.grad!)
    .action(wrap('grad'));
  addConventions(addCommon(cli.command('jacobian').description('∂vec(F)/∂vec(X)ᵀ in numerator layout, as a closed form: dcalc jacobian <program> wrt <var>').argument('[args...]', '<program> wrt <var…>'), true))
    .addHelpText('after', EXAMPLES.jacobian!)
    .action(wrap('jacobian'));
  addConventions(addCommon(cli.command('hessian').description('∂²f/∂vec(X)∂vec(X)ᵀ of a scalar program: dcalc hessian <program> wrt <var>').argument('[args...]', '<program> wrt <var…>'), true))
    .addHelpText('after', EXAMPLES.hessian!)
    .action(wrap('hessian'));
  addCommon(cli.command('differential').description('the differential dF in terms of dX, and for a scalar dF = tr(Gᵀ dX)').argument('[args...]', '<program> wrt <var>'), true)
    .addHelpText('after', EXAMPLES.differential!)
    .action(wrap('differential'));
  addConventions(addCommon(cli.command('check').description('grade a claimed derivative: dcalc check <program> wrt <var> --claim <expr>').argument('[args...]', '<program> wrt <var>'), false))
    .addOption(new Option('--of <derivative>', 'the derivative claimed (default: read from the claim\'s shape)').choices(['grad', 'jacobian', 'hessian']))
    .requiredOption('--claim <expr>', 'the claimed derivative, in the same language (it may use the program\'s names)')
    .addHelpText('after', EXAMPLES.check!)
    .action(wrap('check'));
  addCommon(cli.command('eval').description('evaluate a program at given values: dcalc eval <program> --at <values>').argument('[args...]', '<program>'), false)
    .addHelpText('after', EXAMPLES.eval!)
    .action(wrap('eval'));
  addCommon(cli.command('shape').description('the shape of a program and of its definitions').argument('[args...]', '<program>'), false)
    .addHelpText('after', EXAMPLES.shape!)
    .action(wrap('shape'));
  addCommon(cli.command('simplify').description('simplify a program\'s value').argument('[args...]', '<program>'), false)
    .addHelpText('after', EXAMPLES.simplify!)
    .action(wrap('simplify'));
  cli
    .command('batch')
    .description('JSON Lines in, JSON Lines out (one request a line)')
    .addHelpText('after', EXAMPLES.batch!)
    .action(() => {
      // Answers stream out as requests come in; the exit code is set when the input ends.
      streamBatch(process.stdin, (line) => process.stdout.write(line), (c) => {
        process.exitCode = c;
      });
    });

  cli
    .command('serve')
    .description('serve the playground (a web page running dcalc in the browser) on this machine')
    .option('--port <n>', 'port (0: any free port)', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action((opts: { port: string; host: string }) =>
      serve(opts, (e) => {
        process.stderr.write(formatError(e, undefined) + '\n');
        process.exit(2);
      }),
    );

  cli.addHelpText(
    'after',
    `
Examples:
  $ dcalc grad "h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)" wrt W --let "X: 1×M, W: M×1, b: scalar, y: scalar"
  ∂L/∂W = Xᵀ(a − y)   ∈ ℝ^{M×1}
  $ dcalc grad "x'*A*x" wrt x --let "A: n×n, x: n×1" --format latex
  $ dcalc eval "tr(A*B)" --let "A: 2×3, B: 3×2" --at '{"A": [[1,2,3],[4,5,6]], "B": [[1,0],[0,1],[1,1]]}'
  $ dcalc shape "h = XW + b" --let "X: N×M, W: M×K, b: 1×K"
  $ echo '{"id": 1, "op": "grad", "program": "sum(X*w)", "wrt": "w", "let": "X: n×m, w: m×1"}' | dcalc batch
Run dcalc <command> --help for each command's options and examples.`,
  );
  try {
    if (argv.length === 0) throw new DcalcError('usage', 'no command given (one of grad, eval, shape, simplify, batch; see dcalc --help)');
    cli.parse(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      const msg = e.message.replace(/^error: /, '');
      process.stderr.write(`dcalc: usage error: ${msg}\n`);
      return 2;
    }
    const err = asDcalcError(e);
    process.stderr.write(formatError(err, invocation.source) + '\n');
    if (process.env.DCALC_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
}

exitQuietlyWhenOutputCloses();
const code = main(process.argv.slice(2));
process.exitCode = code;
