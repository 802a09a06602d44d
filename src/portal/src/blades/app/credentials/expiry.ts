/** The "Expires" choices of a new client secret, and the dates each one means. */
export interface ExpiryChoice { key: string; label: string; days?: number }

export const EXPIRY_CHOICES: ExpiryChoice[] = [
  { key: '180', label: 'Recommended: 180 days (6 months)', days: 180 },
  { key: '90', label: '90 days (3 months)', days: 90 },
  { key: '365', label: '365 days (12 months)', days: 365 },
  { key: '545', label: '545 days (18 months)', days: 545 },
  { key: '730', label: '730 days (24 months)', days: 730 },
  { key: 'custom', label: 'Custom' },
];

/** `YYYY-MM-DD` of a date, for <input type="date">. */
export function dateInput(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The start and end a choice asks for; custom dates are whole days in UTC. */
export function expiryDates(choice: string, customStart: string, customEnd: string, now = new Date()): { startDateTime?: string; endDateTime: string } {
  const preset = EXPIRY_CHOICES.find((c) => c.key === choice && c.days);
  if (preset?.days) return { endDateTime: new Date(now.getTime() + preset.days * 86_400_000).toISOString() };
  return {
    startDateTime: customStart ? new Date(`${customStart}T00:00:00Z`).toISOString() : undefined,
    endDateTime: new Date(`${customEnd}T23:59:59Z`).toISOString(),
  };
}
