/** A Retry-After header in seconds, whether it came as seconds or as an HTTP date. */
export function retryAfterSeconds(headers: Headers, now: number): number | undefined {
  const value = headers.get("Retry-After");
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}
