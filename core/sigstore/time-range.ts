// sigstore.common.v1.TimeRange in its protobuf JSON form (RFC 3339 strings; `end` absent = open-ended).
import { z } from 'zod';

export const timeRangeSchema = z.object({ start: z.string().datetime({ offset: true }), end: z.string().datetime({ offset: true }).optional() });
export type TimeRangeJson = z.infer<typeof timeRangeSchema>;

export function timeRange(start: Date, end?: Date): TimeRangeJson {
  return end ? { start: start.toISOString(), end: end.toISOString() } : { start: start.toISOString() };
}
