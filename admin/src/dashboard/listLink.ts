/**
 * Where react-admin shows an entity's list with a filter applied: `/<resource>?filter=<json>` (in the hash
 * route, `/#/contracts?filter=...`). The list reads the filter from the address, shows the inputs it fills
 * and keeps it for the next visit.
 */
export function listLink(resource: string, filter: Readonly<Record<string, unknown>>): { pathname: string; search: string } {
  const search = Object.keys(filter).length === 0 ? '' : `?filter=${encodeURIComponent(JSON.stringify(filter))}`;
  return { pathname: `/${resource}`, search };
}
