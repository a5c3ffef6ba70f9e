/** Types of browser.mjs (plain JavaScript, shared with bench/playground.mjs). */
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM_FLAGS: readonly string[];
export function findChromium(): string | undefined;
export function launchChromium(executablePath: string): Promise<Browser>;
export function startServer(extraArgs?: string[]): Promise<{ url: string; port: number; firstLine: string; stop: () => void }>;
// biome-ignore lint/suspicious/noExplicitAny: batch answers are JSON of many shapes
export function batch(requests: Record<string, unknown>[]): any[];
export function cliError(op: string, program: string, wrt: string, letText?: string): string;
export function cliOutput(op: string, program: string, wrt: string, letText?: string, options?: string[]): string;
export function settled(page: Page, timeout?: number): Promise<string | null>;
export function typingLatencies(page: Page, url: string, program: { program: string; wrt: string; letText?: string }, repeats?: number, delayMs?: number): Promise<number[]>;
export const LATENCY_PROGRAM: { program: string; wrt: string };
