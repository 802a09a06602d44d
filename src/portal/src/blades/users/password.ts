/** Temporary passwords as the Azure portal makes them: long, with upper and lower case, digits and a symbol. */
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '!#$%&*+-=?@';

function pick(alphabet: string, count: number): string[] {
  const bytes = crypto.getRandomValues(new Uint32Array(count));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]!);
}

export function temporaryPassword(): string {
  const chars = [...pick(UPPER, 3), ...pick(LOWER, 8), ...pick(DIGITS, 3), ...pick(SYMBOLS, 2)];
  const order = crypto.getRandomValues(new Uint32Array(chars.length));
  return chars.map((c, i) => [order[i]!, c] as const).sort((a, b) => a[0] - b[0]).map(([, c]) => c).join('');
}
