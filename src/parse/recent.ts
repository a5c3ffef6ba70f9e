/**
 * The syntax trees of the last few programs parsed, by their text. A batch often asks
 * several questions of one program (the gradient with respect to each parameter, one
 * request a line); the Earley parse is the largest single cost of such a request, and
 * its result depends on the text alone. A tree holds no expression nodes (those belong
 * to a request's store, parse/build.ts makes them) and is frozen, so requests share it
 * without being able to change it; the table is bounded, so a long batch keeps flat
 * memory (a few kB a program).
 */

/** How many programs are remembered; the least recently used is forgotten first. */
export const RECENT_PROGRAMS = 32;

/** Longer texts are not remembered: a textbook program is a few hundred characters, and a 100 kB one would hold megabytes. */
export const MAX_REMEMBERED_CHARS = 4096;

/** A bounded memo from text to an immutable value, least recently used forgotten first. */
export class Recent<V> {
  private readonly table = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  /** The value for `text`, made by `make` unless remembered; what `make` throws is not remembered. */
  get(text: string, make: (text: string) => V): V {
    if (text.length > MAX_REMEMBERED_CHARS) return make(text);
    const known = this.table.get(text);
    if (known !== undefined) {
      // Most recently used last: a Map iterates in insertion order.
      this.table.delete(text);
      this.table.set(text, known);
      return known;
    }
    const made = deepFreeze(make(text));
    this.table.set(text, made);
    if (this.table.size > this.capacity) this.table.delete(this.table.keys().next().value!);
    return made;
  }
}

/** Freezes a tree of plain objects and arrays (iteratively: a tree may be 10,000 levels deep). */
function deepFreeze<V>(root: V): V {
  const stack: unknown[] = [root];
  while (stack.length) {
    const o = stack.pop();
    if (typeof o !== 'object' || o === null || Object.isFrozen(o)) continue;
    Object.freeze(o);
    for (const v of Object.values(o)) stack.push(v);
  }
  return root;
}
