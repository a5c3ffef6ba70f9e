/**
 * What every entry point of the library API runs inside: the store of the program it is
 * given (or a new one), and running out of room reported as a located `limit` error.
 */
import { Store, activeStore, withStore } from '../ast.js';
import { DcalcError, type SourceLoc, withinLimits, reworded } from '../errors.js';
import type { Program } from '../parse/build.js';

/**
 * A stack overflow on an extreme input (thousands of nested operations) is a limit,
 * not a crash: every entry point of the API reports it as a DcalcError of kind limit.
 */
export function guarded<A extends unknown[], R>(f: (...args: A) => R, where: (args: A) => SourceLoc | undefined = valueLocation): (...args: A) => R {
  return (...args: A): R => withStore(storeOf(args) ?? activeStore() ?? new Store(), () => {
    try {
      return withinLimits(() => f(...args), () => where(args));
    } catch (e) {
      // A limit found deep in the engine (no location there) points at the program's value.
      if (e instanceof DcalcError && e.kind === 'limit' && e.line === undefined) {
        const loc = where(args);
        if (loc) throw reworded(e, 'limit', (m) => m, loc);
      }
      throw e;
    }
  });
}

/**
 * The store a call works in: that of the program, derivative or expression among its
 * arguments. A call given only text (`grad("x'x", "x")`, checkClaim) gets a new store,
 * which the programs it parses share.
 */
function storeOf(args: readonly unknown[]): Store | undefined {
  for (const a of args) {
    if (typeof a !== 'object' || a === null) continue;
    if ('store' in a && a.store instanceof Store) return a.store;
    if ('program' in a && typeof a.program === 'object' && a.program !== null && 'store' in a.program && a.program.store instanceof Store) return a.program.store;
  }
  return undefined;
}

/** Runs f on behalf of a program, in its store: running out of room is a `limit` error located at the program's value. */
export function withinProgram<T>(program: Program, f: () => T): T {
  return withStore(program.store, () => withinLimits(f, () => program.locs.get(program.value.id)));
}

/** Where the program among a call's arguments (or a derivative's program) writes its value: where a limit error points. */
function valueLocation(args: readonly unknown[]): SourceLoc | undefined {
  for (const a of args) {
    if (typeof a !== 'object' || a === null) continue;
    const p = ('locs' in a && 'value' in a ? a : 'program' in a ? (a as { program: unknown }).program : undefined) as Program | undefined;
    const loc = p?.locs?.get(p.value.id);
    if (loc) return loc;
  }
  return undefined;
}
