/**
 * The playground (CONTRACT §5) end to end in a real browser: Debian's chromium, headless,
 * driven by playwright-core, on the page served by the real `dcalc serve`. The oracle is
 * the real `dcalc batch` (and the real CLI's error lines): the page must give exactly
 * their answers. One browser for the whole file; pages are reused.
 *
 * Without chromium the file says loudly what it skipped and how to enable it; with
 * DCALC_REQUIRE_BROWSER=1 (CI) a missing browser fails the suite.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EXAMPLES, SEED_EXAMPLES } from '../../web/examples.js';
import * as seeds from '../seeds/programs.mjs';
import { batch, cliError, cliOutput, findChromium, launchChromium, LATENCY_PROGRAM, settled, startServer, typingLatencies } from './browser.mjs';

const CHROMIUM = findChromium();
const REQUIRED = process.env.DCALC_REQUIRE_BROWSER === '1';
if (!CHROMIUM) {
  process.stderr.write(
    '\n' +
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' +
      '!! SKIPPED: the playground\'s browser tests (test/web/playground.test.ts).          \n' +
      '!! No `chromium` on the PATH. Enable them with:  apt-get install chromium           \n' +
      '!! (CI sets DCALC_REQUIRE_BROWSER=1, which makes a missing browser a failure.)      \n' +
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n',
  );
}

describe('the browser for the playground tests', () => {
  it(CHROMIUM ? `is Debian's chromium at ${CHROMIUM}` : 'is missing: the playground tests did not run (apt-get install chromium)', () => {
    if (!CHROMIUM) expect(REQUIRED, 'DCALC_REQUIRE_BROWSER=1, but there is no chromium on the PATH (apt-get install chromium)').toBe(false);
    else expect(CHROMIUM).toMatch(/chromium/);
  });
});

/** The request the page sends for an example (web/main.ts toRequest), as the batch oracle gets it. */
function requestOf(e: { op: string; program: string; wrt: string; let?: string; claim?: string }): Record<string, unknown> {
  const req: Record<string, unknown> = { op: e.op, program: e.program, wrt: e.wrt };
  if (e.let) req.let = e.let;
  if (e.op === 'check') req.claim = e.claim;
  else req.check = true;
  return req;
}

const hashOf = (s: Record<string, string>) => `#${new URLSearchParams({ op: 'grad', program: '', let: '', wrt: '', claim: '', ...s })}`;

if (CHROMIUM) {
  // Page loads start a worker that loads the engine: seconds each on a busy machine.
  describe('the playground in Chromium', { timeout: 90_000 }, () => {
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let server: { url: string; stop: () => void };
    const consoleErrors: string[] = [];
    const requests: string[] = [];

    /** A fresh load of the page with this hash (a hash-only navigation would keep the document). */
    const open = async (p: Page, hash = '') => {
      await p.goto('about:blank');
      await p.goto(server.url + hash);
    };
    const attr = (name: string) => page.getAttribute('[data-testid=result]', name);
    const text = async (testid: string) => (await page.textContent(`[data-testid=${testid}]`)) ?? '';

    beforeAll(async () => {
      server = await startServer();
      browser = await launchChromium(CHROMIUM);
      context = await browser.newContext({ viewport: { width: 1100, height: 720 }, colorScheme: 'light' });
      context.on('request', (r) => requests.push(r.url()));
      context.on('page', (p) => {
        p.on('console', (m) => {
          if (m.type() === 'error') consoleErrors.push(`${p.url()}: ${m.text()}`);
        });
        p.on('pageerror', (e) => consoleErrors.push(`${p.url()}: ${e.message}`));
      });
      page = await context.newPage();
      await page.goto(server.url);
      await settled(page);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      server?.stop();
    });

    it('menu: every seed program of test/seeds/programs.mjs is in the examples menu', async () => {
      const inMenu = new Set(SEED_EXAMPLES.map((e) => e.program));
      for (const [name, program] of Object.entries(seeds)) expect(inMenu.has(program as string), name).toBe(true);
      const options = await page.$$eval('[data-testid=examples] option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      expect(options).toEqual(EXAMPLES.map((e) => e.id));
    });

    it("every example of the menu gives exactly dcalc batch's answer (data-ascii = ascii), verified, in KaTeX", async () => {
      const answers = batch(EXAMPLES.map(requestOf));
      for (const [i, e] of EXAMPLES.entries()) {
        const want = answers[i]!;
        expect(want.ok, `batch answers ${e.id}`).toBe(true);
        await page.selectOption('[data-testid=examples]', e.id);
        expect(await settled(page), e.id).toBe('ok');
        expect(await attr('data-ascii'), e.id).toBe(e.op === 'check' ? want.expectedAscii : want.ascii);
        // The state is in the hash, as URLSearchParams writes it.
        const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
        expect([hash.get('op'), hash.get('program'), hash.get('wrt')], e.id).toEqual([e.op, e.program, e.wrt]);
        if (e.op === 'check') {
          expect(await text('check'), e.id).toContain(`✗ incorrect (${want.diagnosis}): ${want.message}`);
          expect(await text('check')).toContain('counterexample');
        } else {
          expect(await page.locator('[data-testid=result] .katex').count(), e.id).toBeGreaterThan(0);
          expect(await page.locator('[data-testid=result] .katex-error').count(), `${e.id}: KaTeX renders it`).toBe(0);
          if (want.check) expect(await text('check'), e.id).toContain(`✓ verified numerically at ${want.check.points} random points`);
        }
      }
    }, 180_000);

    it("the display is the CLI's `--format latex` (KaTeX's own annotation of what it rendered), temporaries in an aligned block", async () => {
      const cases = [
        { op: 'grad', program: seeds.LOGREG_000, wrt: 'W' },
        { op: 'hessian', program: 'x: n×1; y: n×1; W1: n×n; b1: n×1; W2: n×n; b2: n×1\na1 = σ(W1x + b1)\na2 = σ(W2a1 + b2)\nL = ‖a2 − y‖²', wrt: 'W1' },
        { op: 'jacobian', program: 'A: p×m; X: m×n; B: n×q\nF = AXB', wrt: 'X' },
      ];
      for (const c of cases) {
        await open(page, hashOf(c));
        expect(await settled(page)).toBe('ok');
        const shown = await page.textContent('[data-testid=result] annotation[encoding="application/x-tex"]');
        expect(shown).toBe(cliOutput(c.op, c.program, c.wrt, '', ['--format', 'latex', '--no-check']).trimEnd());
      }
      expect(await page.locator('[data-testid=result] .katex-error').count()).toBe(0);
    });

    it('shapes of every definition are shown', async () => {
      await page.selectOption('[data-testid=examples]', 'softmax-regression');
      await settled(page);
      const [shape] = batch([{ op: 'shape', program: EXAMPLES.find((e) => e.id === 'softmax-regression')!.program }]);
      const rows = await page.$$eval('[data-testid=definitions] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
      expect(rows).toEqual(Object.entries(shape.definitions as Record<string, unknown[]>).map(([n, s]) => [n, `${s[0]}×${s[1]}`]));
    });

    const errorCases = [
      { kind: 'a shape error', program: 'x: n×1; y: 1×n\nL = x + y', wrt: 'x', marked: '+' },
      { kind: 'a parse error', program: 'x: n×1\nL = sum(x +', wrt: 'x', marked: ' ' },
      { kind: 'a LaTeX-input error', program: '\\frac{1}{2}\\|A x - b\\|^2 + \\foo{x}', wrt: 'x', let: 'A: m×n, x: n×1, b: m×1', marked: '\\' },
    ];
    for (const c of errorCases) {
      it(`${c.kind} is worded as the CLI words it, located, and marked in the program`, async () => {
        await open(page, hashOf({ program: c.program, wrt: c.wrt, let: c.let ?? '' }));
        expect(await settled(page)).toBe('error');
        const [head, ...excerpt] = cliError('grad', c.program, c.wrt, c.let).trimEnd().split('\n');
        expect(head).toMatch(/^dcalc: \w+ error at \d+:\d+: /);
        expect(await page.textContent('[data-testid=error] .error-line')).toBe(head!.replace(/^dcalc: /, ''));
        expect(await page.textContent('[data-testid=error] .excerpt')).toBe(excerpt.join('\n'));
        expect(await page.getAttribute('[data-testid=program]', 'aria-invalid')).toBe('true');
        expect(await page.textContent('[data-testid=error-mark]')).toBe(c.marked);
        expect(await attr('data-ascii')).toBeNull();
        // "Go to …" puts the cursor on the place.
        await page.click('[data-testid=error] button');
        const line = Number(/ at (\d+):/.exec(head!)![1]);
        const sel = await page.$eval('[data-testid=program]', (t) => (t as HTMLTextAreaElement).selectionStart);
        expect(c.program.slice(0, sel).split('\n').length).toBe(line);
      });
    }

    it('an error in the claim is located in the claim', async () => {
      const e = EXAMPLES.find((x) => x.id === 'grade-transposed')!;
      await open(page, hashOf({ op: 'check', program: e.program, let: e.let!, wrt: e.wrt, claim: '(a − y)X +' }));
      expect(await settled(page)).toBe('error');
      expect(await page.textContent('[data-testid=error] .error-line')).toBe('parse error at 1:11: in the claim: unexpected end of input, expected an expression');
      expect(await page.getAttribute('[data-testid=claim]', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('[data-testid=program]', 'aria-invalid')).toBeNull();
    });

    it('a typed program is answered as batch answers it, and its link reproduces it in a new page', async () => {
      const program = 'A: m×n; x: n×1; b: m×1\nr = Ax − b\nL = rᵀr + 3‖x‖²';
      await open(page, hashOf({ program: 'x: n×1; L = sum(x)', wrt: 'x' }));
      await settled(page);
      await page.fill('[data-testid=program]', '');
      await page.click('[data-testid=program]');
      await page.keyboard.type(program);
      await page.fill('[data-testid=wrt]', 'x');
      expect(await settled(page)).toBe('ok');
      const [want] = batch([{ op: 'grad', program, wrt: 'x' }]);
      expect(await attr('data-ascii')).toBe(want.ascii);
      const link = page.url();
      expect(new URL(link).hash).toBe(`#${new URLSearchParams({ op: 'grad', program, let: '', wrt: 'x', claim: '' })}`);
      const fresh = await context.newPage();
      await open(fresh, new URL(link).hash);
      await settled(fresh);
      expect(await fresh.inputValue('[data-testid=program]')).toBe(program);
      expect(await fresh.inputValue('[data-testid=wrt]')).toBe('x');
      expect(await fresh.getAttribute('[data-testid=result]', 'data-ascii')).toBe(want.ascii);
      await fresh.close();
    });

    it('steps on request, the layout passed on, and the code export shows batch\'s "code" where batch gives one', async () => {
      const e = EXAMPLES.find((x) => x.id === 'logistic-regression')!;
      await open(page, hashOf({ program: e.program, wrt: e.wrt }));
      await settled(page);
      expect(await page.isVisible('[data-testid=steps]')).toBe(false);
      await page.check('[data-testid=show-steps]');
      expect(await settled(page)).toBe('ok');
      expect(await page.isVisible('[data-testid=steps]')).toBe(true);
      const [withSteps] = batch([{ ...requestOf(e), steps: true }]);
      const stepsText = await text('steps');
      for (const s of withSteps.steps as { relation: string; identities: string[] }[]) {
        expect(stepsText).toContain(s.relation);
        for (const id of s.identities) expect(stepsText).toContain(`by ${id}`);
      }
      await page.selectOption('[data-testid=layout]', 'numerator');
      expect(await settled(page)).toBe('ok');
      expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('layout')).toBe('numerator');
      const [numerator] = batch([{ ...requestOf(e), layout: 'numerator' }]);
      expect(await attr('data-ascii')).toBe(numerator.ascii);
      // The display's left-hand side follows the layout, as `--format latex --layout numerator` writes it (∂L/∂Wᵀ).
      const shownNumerator = await page.textContent('[data-testid=result] annotation[encoding="application/x-tex"]');
      expect(shownNumerator).toBe(cliOutput(e.op, e.program, e.wrt, e.let ?? '', ['--format', 'latex', '--no-check', '--layout', 'numerator']).trimEnd());
      for (const target of ['numpy', 'torch']) {
        await page.check('[data-testid=show-code]');
        await page.selectOption('[data-testid=code-target]', target);
        expect(await settled(page)).toBe('ok');
        const [exported] = batch([{ ...requestOf(e), layout: 'numerator', export: target }]);
        const code = await text('code');
        // Until the engine exports code (batch's "export"), the panel says so; then it shows batch's code.
        if (exported.ok === false) expect(code).toMatch(new RegExp(`^The code export failed: ${exported.error.kind} error.*: ${exported.error.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
        else if (typeof exported.code === 'string') expect(code).toBe(exported.code);
        else expect(code).toBe('This build of the engine does not export code yet: its batch answer has no "code".');
      }
    });

    it('a long computation does not freeze the page: typing goes on, and a newer request is answered at once', async () => {
      // A 120-layer network's Hessian: seconds of work in the worker.
      const layers = Array.from({ length: 120 }, (_, i) => `a${i + 1} = σ(W${i + 1}${i === 0 ? 'x' : `a${i}`} + b${i + 1})`);
      const decl = ['x: n×1; y: n×1', ...Array.from({ length: 120 }, (_, i) => `W${i + 1}: n×n; b${i + 1}: n×1`)].join('; ');
      const long = [decl, ...layers, 'L = ‖a120 − y‖²'].join('\n');
      await open(page, hashOf({ op: 'hessian', program: 'x: n×1; L = sum(x)', wrt: 'x' }));
      await settled(page);
      await page.fill('[data-testid=wrt]', 'W1');
      await page.fill('[data-testid=program]', long);
      expect(await attr('data-status')).toBe('pending');
      // While the worker computes, the page's main thread keeps a clock (the longest gap between
      // its ticks) and takes keystrokes.
      await page.evaluate(() => {
        const w = window as unknown as { gaps: number[] };
        w.gaps = [];
        let last = performance.now();
        setInterval(() => {
          const now = performance.now();
          w.gaps.push(now - last);
          last = now;
        }, 20);
      });
      await page.click('[data-testid=claim]');
      await page.keyboard.type('abc');
      expect(await page.inputValue('[data-testid=claim]')).toBe('abc');
      await page.waitForTimeout(1_000);
      const longestGap = await page.evaluate(() => Math.max(...(window as unknown as { gaps: number[] }).gaps));
      expect(await attr('data-status')).toBe('pending'); // still computing
      expect(longestGap).toBeLessThan(1_000);
      // A short program now: the long computation is abandoned (its worker terminated), the new one answered.
      await page.fill('[data-testid=program]', 'x: n×1; A: n×n\nL = xᵀAx');
      await page.fill('[data-testid=wrt]', 'x');
      expect(await settled(page)).toBe('ok');
      const [want] = batch([{ op: 'hessian', program: 'x: n×1; A: n×n\nL = xᵀAx', wrt: 'x' }]);
      expect(await attr('data-ascii')).toBe(want.ascii);
      expect(Number(await attr('data-restarts'))).toBeGreaterThan(0);
      console.log(`playground: the page's main thread never stalled more than ${longestGap.toFixed(0)} ms while the worker computed`);
    });

    it('typing latency: a textbook program is answered within a generous bound of the last keystroke (the number is in docs/benchmarks.md)', async () => {
      const ms = await typingLatencies(page, server.url, LATENCY_PROGRAM, 3);
      const median = [...ms].sort((a, b) => a - b)[1]!;
      console.log(`playground: typing latency after the last keystroke ${ms.map((m) => m.toFixed(0)).join(', ')} ms (median ${median.toFixed(0)})`);
      expect(median).toBeGreaterThan(0);
      expect(median).toBeLessThan(2_000);
    });

    it('accessible: every input has a label, the result is announced, keyboard reaches every control, contrast ≥ 4.5 in light and dark', async () => {
      await open(page);
      await settled(page);
      const unlabelled = await page.$$eval('input, select, textarea', (els) => els.filter((el) => ((el as HTMLInputElement).labels?.length ?? 0) === 0).map((el) => el.id));
      expect(unlabelled).toEqual([]);
      expect(await page.getAttribute('.answer', 'aria-live')).toBe('polite');
      // Tab from the examples menu goes through the inputs in order.
      await page.focus('[data-testid=examples]');
      const order: string[] = [];
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
      }
      expect(order).toEqual(['op', 'wrt', 'layout', 'program', 'let', 'claim']);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const ratios = await page.evaluate(() => {
          const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
          const lum = (c: string) => {
            const [r, g, b] = rgb(c).map((v) => {
              const s = v / 255;
              return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
            });
            return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
          };
          const bg = getComputedStyle(document.body).backgroundColor;
          const out: Record<string, number> = {};
          for (const sel of ['body', 'label', '.hint', '.tagline', '.good', '.bottom']) {
            const el = document.querySelector(sel);
            if (!el) continue;
            const [a, b] = [lum(getComputedStyle(el).color), lum(bg)].sort((x, y) => y - x);
            out[sel] = (a! + 0.05) / (b! + 0.05);
          }
          return { out, bg };
        });
        for (const [sel, r] of Object.entries(ratios.out)) expect(r, `${scheme}: ${sel}`).toBeGreaterThanOrEqual(4.5);
        expect(ratios.bg, scheme).toBe(scheme === 'dark' ? 'rgb(21, 24, 28)' : 'rgb(253, 253, 252)');
      }
      await page.emulateMedia({ colorScheme: 'light' });
    });

    it('a narrow screen: one column, nothing wider than the screen', async () => {
      const narrow = await context.newPage();
      await narrow.setViewportSize({ width: 360, height: 740 });
      await narrow.goto(server.url);
      await settled(narrow);
      const { scrollWidth, clientWidth, inputsRight, outputsTop, inputsBottom } = await narrow.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        inputsRight: document.querySelector('.inputs')!.getBoundingClientRect().right,
        inputsBottom: document.querySelector('.inputs')!.getBoundingClientRect().bottom,
        outputsTop: document.querySelector('.outputs')!.getBoundingClientRect().top,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      expect(inputsRight).toBeLessThanOrEqual(360);
      expect(outputsTop).toBeGreaterThanOrEqual(inputsBottom);
      await narrow.close();
    });

    it('the screenshot for the README (docs/playground.png)', async () => {
      const e = EXAMPLES.find((x) => x.id === 'mlp-000')!;
      await open(page, hashOf({ program: e.program, wrt: e.wrt, steps: '1' }));
      expect(await settled(page)).toBe('ok');
      await page.evaluate(async () => {
        await document.fonts.ready;
      });
      const png = await page.screenshot({ fullPage: false, animations: 'disabled' });
      expect(png.length).toBeGreaterThan(10_000);
      writeFileSync('docs/playground.png', png);
    });

    it('no console errors, and no request off the local server', () => {
      expect(consoleErrors).toEqual([]);
      const origin = new URL(server.url).origin;
      const off = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));
      expect(requests.length).toBeGreaterThan(5);
      expect(off).toEqual([]);
    });
  });
}
