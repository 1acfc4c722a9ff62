import { distance } from 'fastest-levenshtein';

/**
 * The closest known name to a misspelled one, if it is close enough to be what the writer meant:
 * at most a third of the word may differ (so "decimel" finds "decimal" but "foo" finds nothing); a
 * difference in case alone or two swapped letters count as one slip.
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const d = candidate.toLowerCase() === wanted ? 0 : isSwap(wanted, candidate.toLowerCase()) ? 1 : distance(wanted, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.max(wanted.length, 3) / 3));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

/** Two neighbouring letters swapped ("nmae" for "name"): one slip of the fingers, not two edits. */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differences = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  const [i, j] = differences;
  return differences.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

/** `SalesOrder`, `sales-order` or `Sales Order` → `sales_order`: the name a snake_case rule wants. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .replace(/[^A-Za-z0-9_]/g, '')
    .replace(/^[^A-Za-z]+/, '')
    .toLowerCase();
}
