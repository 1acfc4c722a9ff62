import type { SourcePath } from '../core/config-issue.ts';
import { localize } from '../core/localized-text.ts';
import { suggest } from '../core/suggest.ts';
import type { JsonValue } from '../fields/field-type.ts';
import type { FieldRegistry } from '../fields/registry.ts';
import type { DashboardItem, Department, Entity } from './app-model.ts';
import { checkListFilter } from './check-list-filter.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';
import type { IssueCollector } from './issue-collector.ts';
import type { ProjectConfig, RawDashboardItem } from './read-config.ts';

export interface DashboardCheckContext {
  registry: FieldRegistry;
  /** Entities whose own files are broken: an item naming one is not reported a second time. */
  brokenEntities: ReadonlySet<string>;
}

/**
 * Checks each department's `dashboard:` in config/departments.yaml against the entities (any department's:
 * a sales desk may watch finance's overdue invoices), reports each mistake at its place in the file, and
 * returns the departments with their items.
 */
export function checkDashboards(config: ProjectConfig, entities: readonly Entity[], context: DashboardCheckContext, issues: IssueCollector): Department[] {
  const source = config.departmentsSource;
  if (!source) return config.departments;
  const byName = new Map(entities.map((e) => [e.name, e]));
  const drafts: ConfigIssueDraft[] = [];
  const departments = config.departments.map((department) => {
    const items = config.rawDashboards.get(department.name) ?? [];
    const dashboard = items.flatMap((raw, index): DashboardItem[] => {
      const base: SourcePath = ['departments', department.name, 'dashboard', index];
      const item = checkItem(raw, byName, context, base, `department "${department.name}", dashboard item ${index + 1}`, drafts);
      return item ? [item] : [];
    });
    return { ...department, dashboard };
  });
  issues.add(source, drafts);
  return departments;
}

function checkItem(raw: RawDashboardItem, byName: ReadonlyMap<string, Entity>, context: DashboardCheckContext, base: SourcePath, subject: string, drafts: ConfigIssueDraft[]): DashboardItem | null {
  const entity = byName.get(raw.entity);
  if (!entity) {
    if (!context.brokenEntities.has(raw.entity)) {
      drafts.push({ code: 'KONTOR_CFG_UNKNOWN_ENTITY', message: `${subject}: there is no entity "${raw.entity}"`, path: [...base, 'entity'], suggestion: suggest(raw.entity, byName.keys()) });
    }
    return null;
  }
  const filter: Record<string, JsonValue> = raw.filter ?? {};
  const problems = checkListFilter(entity, filter, { registry: context.registry, base: [...base, 'filter'], subject });
  drafts.push(...problems);
  if (problems.length > 0) return null;
  return { entity: entity.name, label: localize(raw.label, entity.plural.en), filter, tone: raw.tone ?? null };
}
