// How the read side writes a timestamptz for clients: RFC 3339 in UTC, `…Z`, with milliseconds
// (what a JavaScript Date holds) or microseconds (all PostgreSQL keeps, for an instant a client
// may pass back, e.g. as `asOf`). PostgreSQL writes it, so the text never depends on the driver.

/** SQL for `expression` (a timestamptz) as RFC 3339 UTC text. */
export function utcInstantSql(expression: string, precision: 'ms' | 'us' = 'ms'): string {
  return `to_char((${expression}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.${precision === 'ms' ? 'MS' : 'US'}"Z"')`;
}
