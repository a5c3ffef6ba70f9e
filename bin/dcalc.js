#!/usr/bin/env node
// V8 hands a function to its optimising compiler (TurboFan) once it has run a budget of
// bytecodes. The engine has many large functions that are warm but not hot in a short run
// (the printer, the normal form, the simplifier's rules): at the default budget (67,584) a
// batch of 191 textbook requests spent more CPU compiling them, some two or three times
// after deoptimisation, than answering (docs/benchmarks.md, section 2b). A larger budget
// optimises only what stays hot; it is set before the engine is loaded (the import below).
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--interrupt-budget=1000000');
await import('../dist/cli.js');
