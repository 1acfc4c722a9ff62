/** A duration as business admins write it: `30s`, `15m`, `12h`, `90d`. */
export const DURATION_PATTERN = '^[1-9][0-9]{0,5}(s|m|h|d)$';

const SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `12h` → 43200; undefined for anything that is not a duration. */
export function parseDuration(text: string): number | undefined {
  if (!new RegExp(DURATION_PATTERN).test(text)) return undefined;
  return Number(text.slice(0, -1)) * SECONDS[text.slice(-1) as keyof typeof SECONDS];
}
