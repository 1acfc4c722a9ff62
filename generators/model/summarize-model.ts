import type { AppModel } from './app-model.ts';

export interface ModelSummary {
  entities: number;
  /** Departments that hold at least one entity. */
  departments: number;
  fields: number;
}

export function summarizeModel(model: AppModel): ModelSummary {
  return {
    entities: model.entities.length,
    departments: new Set(model.entities.map((e) => e.department)).size,
    fields: model.entities.reduce((sum, e) => sum + e.fields.length, 0),
  };
}
