import type { FilterOperator } from './field-type.ts';

/** Operator sets shared by the field types. */
export const textOperators: readonly FilterOperator[] = ['eq', 'neq', 'in', 'like', 'gt', 'gte', 'lt', 'lte'];
export const orderedOperators: readonly FilterOperator[] = ['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte'];
export const equalityOperators: readonly FilterOperator[] = ['eq', 'neq', 'in'];
export const noOperators: readonly FilterOperator[] = [];
