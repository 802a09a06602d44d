import { describe, expect, it } from 'vitest';
import { EXPIRY_CHOICES, expiryDates } from './expiry';

describe('client secret expiry', () => {
  const now = new Date('2026-11-26T10:00:00Z');

  it('defaults to the recommended 6 months and offers 3, 12, 18, 24 months and Custom', () => {
    expect(EXPIRY_CHOICES[0]).toEqual({ key: '180', label: 'Recommended: 180 days (6 months)', days: 180 });
    expect(EXPIRY_CHOICES.map((c) => c.key)).toEqual(['180', '90', '365', '545', '730', 'custom']);
  });

  it('turns a preset into an end date from now, leaving the start to the server', () => {
    expect(expiryDates('180', '', '', now)).toEqual({ endDateTime: '2027-05-25T10:00:00.000Z' });
    expect(expiryDates('90', '', '', now)).toEqual({ endDateTime: '2027-02-24T10:00:00.000Z' });
  });

  it('uses whole UTC days for a custom range', () => {
    expect(expiryDates('custom', '2026-12-01', '2027-01-31', now)).toEqual({
      startDateTime: '2026-12-01T00:00:00.000Z', endDateTime: '2027-01-31T23:59:59.000Z',
    });
  });
});
