/**
 * The cell readers moved to admin/src/fields/cellValues.ts, beside the field kinds that read cells
 * (FieldKind.importCell); the import's code and tests still find them here.
 */
export * from '../fields/cellValues.ts';
