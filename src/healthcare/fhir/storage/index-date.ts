/** Values of `date` search parameters: date, dateTime, instant, Period and Timing, as instant ranges. */
import type { Period, Timing } from '@medplum/fhirtypes';
import type { TypedValue } from '@medplum/core';
import { dateRange, MAX_INSTANT, MIN_INSTANT } from './normalize.js';
import type { DateValue } from './index-rows.js';

export function dateValues(param: string, typed: TypedValue, out: DateValue[]): void {
  const { type, value } = typed;
  if (typeof value === 'string') {
    const range = dateRange(value);
    if (range) out.push({ param, ...range });
    return;
  }
  if (!value || typeof value !== 'object') return;
  if (type === 'Period') {
    const period = periodRange(value as Period);
    if (period) out.push({ param, ...period });
  } else if (type === 'Timing') {
    const timing = value as Timing;
    for (const event of timing.event ?? []) {
      const range = dateRange(event);
      if (range) out.push({ param, ...range });
    }
    const bounds = timing.repeat?.boundsPeriod && periodRange(timing.repeat.boundsPeriod);
    if (bounds) out.push({ param, ...bounds });
  }
}

/** A Period's range: its start's low to its end's high; a missing end is open. */
function periodRange(period: Period): { low: string; high: string } | undefined {
  const start = period.start ? dateRange(period.start) : undefined;
  const end = period.end ? dateRange(period.end) : undefined;
  if (!start && !end) return undefined;
  return { low: start?.low ?? MIN_INSTANT, high: end?.high ?? MAX_INSTANT };
}
