/** `stock_lot` → `StockLot`: entity schemas are named after their entity in OpenAPI and in `$ref`s. */
export function schemaName(entity: string, suffix: '' | 'Create' | 'Update' | 'Row' = ''): string {
  const pascal = entity
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `${pascal}${suffix}`;
}
