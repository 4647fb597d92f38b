/**
 * GS1 mod-10 check digit over the digits that precede it (GTIN-8/12/13/14, GLN, SSCC).
 * Weights 3,1,3,… from the rightmost data digit.
 * @example gs1CheckDigit('1005042838307') === 7   // GTIN 10050428383077
 */
export function gs1CheckDigit(dataDigits: string): number {
  let sum = 0;
  for (let i = dataDigits.length - 1, w = 3; i >= 0; i--, w = 4 - w) {
    const d = dataDigits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError(`not a digit at ${i}`);
    sum += d * w;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is its GS1 mod-10 check digit. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** Appends the GS1 mod-10 check digit. @example withGs1CheckDigit('695000000001') === '6950000000014' */
export function withGs1CheckDigit(dataDigits: string): string {
  return dataDigits + String(gs1CheckDigit(dataDigits));
}
