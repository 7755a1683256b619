// Every time the GUI shows, in one format and in UTC ("2026-11-27 17:33:58 UTC"), whatever form it arrives in:
// an ISO 8601 string, Unix seconds (a log's integratedTime, as a number or a decimal string), or a Date.
export function utcTime(value: string | number | Date): string {
  const date = value instanceof Date ? value : typeof value === 'number' || /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

