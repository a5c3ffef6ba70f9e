/**
 * When a short subexpression printed several times is worth a temporary (issue 12:
 * `diag(softmax(z)) − softmax(z) softmax(z)ᵀ` writes softmax three times; the textbook
 * writes p = softmax(z); diag(p) − ppᵀ). Counted as the length measure counts
 * (characters without spaces): a temporary `t0 = X;` costs the text and four more,
 * and each of the u uses then costs two instead of the text, so it pays when
 * u·len > len + 4 + 2u.
 */
export function worthATemporary(uses: number, text: string): boolean {
  const len = [...text.replace(/\s+/g, '')].length;
  return uses >= 3 && uses * len > len + 4 + 2 * uses;
}
