import type { Field } from '../fields/field-type.ts';
import type { AppModel, Entity, Grant, Role, ScopeRule, Workflow } from '../model/app-model.ts';
import { doNotEditHeader, type GeneratedFile } from '../generated-file.ts';

/**
 * The data dictionary (Verfahrensdokumentation's list of data): every department, entity, field, workflow and
 * role, in English and German, as Markdown for business admins and auditors. Written from the model only,
 * so it says exactly what the running system enforces.
 */
export function generateDocs(model: AppModel): GeneratedFile {
  const entities = (department: string) => model.entities.filter((e) => e.department === department).sort((a, b) => a.name.localeCompare(b.name));
  const lines: string[] = [
    doNotEditHeader('docs', '<!--'),
    '',
    `# ${model.app.name}: data dictionary`,
    '',
    `${model.entities.length} entities in ${model.departments.length} departments, ${model.roles.length} roles. Every entity also has`,
    '`id`, `version` (optimistic locking), `created_at` and `updated_at`; every change is written to the audit trail',
    'unless an entity says otherwise.',
    '',
    '## Contents',
    '',
    ...model.departments.flatMap((d) => [`- ${d.label.en} / ${d.label.de}: ${entities(d.name).map((e) => `[${e.label.en}](#${anchor(e)})`).join(', ') || '–'}`]),
    '- [Roles](#roles)',
    '',
  ];
  for (const department of [...model.departments].sort((a, b) => a.order - b.order)) {
    const members = entities(department.name);
    if (members.length === 0) continue;
    lines.push(`## ${department.label.en} / ${department.label.de}`, '');
    for (const entity of members) lines.push(...entitySection(entity, model));
  }
  lines.push('## Roles', '', ...model.roles.flatMap((role) => roleSection(role)));
  return { path: 'config/generated/data-dictionary.md', content: `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n` };
}

function anchor(entity: Entity): string {
  return `entity-${entity.name.replace(/_/g, '-')}`;
}

function entitySection(entity: Entity, model: AppModel): string[] {
  const lines = [
    `<a id="${anchor(entity)}"></a>`,
    `### ${entity.label.en} / ${entity.label.de} (\`${entity.name}\`)`,
    '',
    ...(entity.description ? [`${entity.description.en}`, ''] : []),
    `REST resource \`/api/${entity.resource}\`; a record is named by \`${entity.title}\`; defined in \`${entity.source}\`.`,
    audit(entity) + (entity.hooks.length > 0 ? ` Rules in code: ${entity.hooks.map((h) => `\`${h}\``).join(', ')}.` : ''),
    '',
    '| field | label (en / de) | type | required | details |',
    '|---|---|---|---|---|',
    ...entity.fields.map((field) => `| \`${field.name}\` | ${cell(`${field.label.en} / ${field.label.de}`)} | ${field.type} | ${field.required ? 'yes' : ''} | ${cell(details(field, model))} |`),
    '',
  ];
  if (entity.workflow) lines.push(...workflowSection(entity.workflow, entity));
  if (entity.actions.length > 0) lines.push(...actionsSection(entity));
  return lines;
}

/** Custom actions: what each does and who may run it (an auditor asks what a button can change). */
function actionsSection(entity: Entity): string[] {
  return [
    '| action | what it does | who | from |',
    '|---|---|---|---|',
    ...entity.actions.map((a) => `| ${cell(`${a.label.en} / ${a.label.de}`)} (\`${a.name}\`) | ${cell(a.description?.en ?? '')} | ${a.roles.length > 0 ? a.roles.join(', ') : `granted \`${a.name}\` on ${entity.name}`} | ${a.origin === 'entity' ? 'the definition' : a.origin} |`),
    '',
  ];
}

function audit(entity: Entity): string {
  if (!entity.audit.enabled) return 'Not audited.';
  return `Audited, kept ${entity.audit.retentionYears} years${entity.audit.reason === 'required' ? '; every change needs a reason' : ''}.`;
}

/** What a field holds beyond its type: the target of a reference, enum values, units, limits, help. */
function details(field: Field, model: AppModel): string {
  const parts: string[] = [];
  const f = field as Field & Record<string, unknown>;
  if (typeof f.to === 'string') parts.push(`→ ${labelOf(model, f.to)}`);
  if (f.type === 'children' && typeof f.entity === 'string') parts.push(`rows of ${labelOf(model, f.entity)}`);
  if (Array.isArray(f.values)) parts.push(`values: ${(f.values as Array<{ value: string; label: { en: string } }>).map((v) => (v.label.en === v.value ? `\`${v.value}\`` : `\`${v.value}\` (${v.label.en})`)).join(', ')}`);
  if (typeof f.unit === 'string') parts.push(`unit ${f.unit}`);
  if (typeof f.currency === 'string') parts.push(`currency ${f.currency}`);
  if (f.min !== undefined && f.min !== null) parts.push(`min ${String(f.min)}`);
  if (f.max !== undefined && f.max !== null) parts.push(`max ${String(f.max)}`);
  if (typeof f.pattern === 'string' && f.type === 'autonumber') parts.push(`numbered ${f.pattern}`);
  if (f.type === 'computed') parts.push(f.aggregate ? `${String(f.aggregate)} of ${[f.over, f.of].filter(Boolean).join('.')}` : 'computed by code');
  if (field.unique) parts.push('unique');
  if (field.readonly && field.type !== 'computed') parts.push('read-only (set by the system)');
  if (field.default !== null && field.default !== undefined) parts.push(`default ${JSON.stringify(field.default)}`);
  if (field.help) parts.push(field.help.en);
  return parts.join('; ');
}

function workflowSection(workflow: Workflow, entity: Entity): string[] {
  return [
    `Workflow on \`${workflow.field}\`: new records start as \`${workflow.initial}\`${workflow.lock.length > 0 ? `; read-only in ${workflow.lock.map((s) => `\`${s}\``).join(', ')}` : ''}.`,
    '',
    '| transition | from → to | who | conditions |',
    '|---|---|---|---|',
    ...workflow.transitions.map((t) => {
      const conditions = [t.requires.length > 0 ? `needs ${t.requires.join(', ')}` : '', t.fourEyes ? 'four eyes (not the creator)' : '', t.set.length > 0 ? `sets ${t.set.map((s) => s.field).join(', ')}` : ''].filter(Boolean).join('; ');
      return `| ${cell(`${t.label.en} / ${t.label.de}`)} (\`${t.name}\`) | ${t.from.join(', ')} → ${t.to} | ${t.roles.length > 0 ? t.roles.join(', ') : `granted \`${t.name}\` on ${entity.name}`} | ${cell(conditions)} |`;
    }),
    '',
  ];
}

function roleSection(role: Role): string[] {
  return [
    `### ${role.label.en} / ${role.label.de} (\`${role.name}\`)`,
    '',
    ...(role.description ? [role.description.en, ''] : []),
    ...(role.grants.length === 0 ? ['No grants.', ''] : ['| on | may | except |', '|---|---|---|', ...role.grants.map((g) => `| \`${g.target}\` | ${g.actions.join(', ')} | ${cell(limits(g))} |`), '']),
  ];
}

function limits(grant: Grant): string {
  return [
    grant.hide.length > 0 ? `cannot see ${grant.hide.join(', ')}` : '',
    grant.readonly.length > 0 ? `cannot change ${grant.readonly.join(', ')}` : '',
    grant.scope ? `only where ${grant.scope.map(scopeText).join(' and ')}` : '',
  ].filter(Boolean).join('; ');
}

function scopeText(rule: ScopeRule): string {
  const value = rule.value.kind === 'user' ? (rule.value.attribute === 'id' ? 'the user' : `the user's ${rule.value.attribute}`) : rule.value.values.map((v) => JSON.stringify(v)).join(' or ');
  return `${rule.path.join('.')} = ${value}`;
}

function labelOf(model: AppModel, name: string): string {
  const entity = model.entities.find((e) => e.name === name);
  return entity ? `[${entity.label.en}](#${anchor(entity)})` : `\`${name}\``;
}

/** A table cell: pipes escaped, on one line. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
