import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { describeDuration, parseDuration } from './duration.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('durations', () => {
  it('reads hours, days, weeks and a bare number of days', () => {
    expect(parseDuration('30d')).toBe(30 * DAY);
    expect(parseDuration('12h')).toBe(12 * HOUR);
    expect(parseDuration('2w')).toBe(14 * DAY);
    expect(parseDuration('30')).toBe(30 * DAY);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('1.5d')).toBe(36 * HOUR);
    expect(parseDuration(' 7D ')).toBe(7 * DAY);
  });

  it('refuses anything else as a usage error', () => {
    for (const bad of ['', 'd', '30x', '-1d', '30 days', '1y', 'P30D', '3m']) {
      expect(() => parseDuration(bad), bad).toThrow(InvalidArgumentError);
    }
    expect(() => parseDuration('30x')).toThrow("'30x' is not a duration");
  });

  it('reads back in days or hours', () => {
    expect(describeDuration(30 * DAY)).toBe('30 days');
    expect(describeDuration(DAY)).toBe('1 day');
    expect(describeDuration(12 * HOUR)).toBe('12 hours');
    expect(describeDuration(36 * HOUR)).toBe('36 hours');
  });
});
