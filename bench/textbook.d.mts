// Types of textbook.mjs, for the type check of test/ (the test shares its length measure).
export declare const printedLength: (s: string) => number;
