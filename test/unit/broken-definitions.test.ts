import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatConfigIssue, type ConfigIssue } from '../../generators/core/config-issue.ts';
import { compileProject } from '../../generators/model/compile-project.ts';

/**
 * Each fixture under test/fixtures/broken/ is a small project broken the way a business admin breaks one, with
 * one problem. `kontor validate` must say where, as a person counts lines and columns in the file.
 */
interface BrokenCase {
  fixture: string;
  /** The start of the printed line: `file:line:column CODE`. */
  expected: string;
  /** The rest of the line (message and suggestion), for the cases that pin it. */
  message?: string;
  /** A part of the message that must appear, where the exact wording is open. */
  mentions?: string;
  /** How many issues the one problem may produce (default 1); null leaves the count open. */
  errors?: number | null;
  /** Also check that `--json` lists the issue at the same place. */
  json?: boolean;
  /** Set when the tool gets this case wrong today: the test fails until the generator is fixed. */
  /** The tool bug this case once exposed (kept as a regression test). */
  regression?: string;
  /**
   * Checked with compileProject in the test process instead of a child process. The CLI prints exactly
   * formatConfigIssue of each issue; this keeps the file's child processes to the cases the spec lists.
   */
  inProcess?: boolean;
}

const cases: BrokenCase[] = [
  // YAML syntax
  {
    fixture: 'yaml-bad-indentation',
    expected: 'entities/sales/customer.yaml:7:6 KONTOR_CFG_YAML_SYNTAX',
    regression: 'reported at 6:15 (the value `true` of the line above) twice, with two messages about implicit keys',
  },
  { fixture: 'yaml-tab-indentation', expected: 'entities/sales/customer.yaml:7:1 KONTOR_CFG_YAML_SYNTAX', message: 'Tabs are not allowed as indentation' },
  {
    fixture: 'yaml-unclosed-quote',
    expected: 'entities/sales/customer.yaml:2:14 KONTOR_CFG_YAML_SYNTAX',
    regression: 'reported at 6:1, past the last line, twice; the opening quote is at 2:15',
  },
  { fixture: 'yaml-duplicate-key', expected: 'entities/sales/customer.yaml:9:3 KONTOR_CFG_YAML_SYNTAX' },
  // Field types and options
  {
    fixture: 'unknown-field-type',
    expected: 'entities/finance/invoice.yaml:9:11 KONTOR_CFG_UNKNOWN_FIELD_TYPE',
    message: 'field "amount": unknown type "decimel" (did you mean "decimal"?)',
    json: true,
  },
  {
    fixture: 'field-type-wrong-case',
    expected: 'entities/finance/invoice.yaml:6:11 KONTOR_CFG_UNKNOWN_FIELD_TYPE',
    message: 'field "amount": unknown type "Decimal" (did you mean "decimal"?)',
    regression: 'no suggestion: suggest() drops a candidate that differs only in case (distance 0 after lowercasing)',
  },
  { fixture: 'missing-field-type', expected: 'entities/finance/invoice.yaml:7:3 KONTOR_CFG_MISSING_FIELD_TYPE' },
  {
    fixture: 'misspelled-option',
    expected: 'entities/sales/customer.yaml:6:5 KONTOR_CFG_UNKNOWN_OPTION',
    message:
      'field "name": unknown option "requried" for type string (allowed: type, label, help, required, unique, readonly, index, minLength, maxLength, pattern, default) (did you mean "required"?)',
    json: true,
  },
  {
    fixture: 'option-of-other-type',
    expected: 'entities/sales/customer.yaml:6:5 KONTOR_CFG_UNKNOWN_OPTION',
    mentions: '(did you mean "minLength"?)',
    regression: 'no hint: "min" is too far from "minLength" for the edit distance alone',
  },
  { fixture: 'reserved-field-name', expected: 'entities/sales/customer.yaml:4:3 KONTOR_CFG_RESERVED_FIELD_NAME' },
  {
    fixture: 'entity-name-not-snake-case',
    expected: 'entities/sales/sales_order.yaml:1:9 KONTOR_CFG_INVALID_NAME',
    mentions: '(did you mean "sales_order"?)',
    regression: 'no suggestion of the snake_case form',
  },
  // Relations
  {
    fixture: 'unknown-reference-entity',
    expected: 'entities/finance/invoice.yaml:7:9 KONTOR_CFG_UNKNOWN_ENTITY',
    message: 'field "customer": to "custmer" is not an entity (did you mean "customer"?)',
  },
  {
    fixture: 'via-not-back-reference',
    expected: 'entities/finance/invoice.yaml:11:10 KONTOR_CFG_INVALID_VIA',
    mentions: '"invoice_line.customer" must be a reference to "invoice" (did you mean "invoice"?)',
    regression: 'no suggestion although invoice_line.invoice points back',
  },
  // Entity settings
  { fixture: 'unknown-list-field', expected: 'entities/sales/customer.yaml:7:14 KONTOR_CFG_UNKNOWN_FIELD', mentions: 'list: entity "customer" has no field "emial"' },
  { fixture: 'unknown-search-field', expected: 'entities/sales/customer.yaml:8:5 KONTOR_CFG_UNKNOWN_FIELD', mentions: 'search: entity "customer" has no field "phnoe"' },
  {
    fixture: 'unknown-title',
    expected: 'entities/sales/customer.yaml:2:8 KONTOR_CFG_UNKNOWN_FIELD',
    regression: 'a second issue at 1:1 about the default `list` (derived from the bad title), which the file does not contain',
  },
  {
    fixture: 'duplicate-entity',
    expected: 'entities/finance/debtor.yaml:2:9 KONTOR_CFG_DUPLICATE_ENTITY',
    errors: null,
    regression: 'reported on entities/sales/customer.yaml (the original, named after the entity) instead of the copy debtor.yaml',
  },
  {
    fixture: 'unknown-department',
    expected: 'entities/sales/customer.yaml:2:13 KONTOR_CFG_UNKNOWN_DEPARTMENT',
    message: 'entity "customer": department "sale" is not in config/departments.yaml (did you mean "sales"?)',
  },
  // Defaults and limits
  { fixture: 'enum-default-not-in-values', expected: 'entities/finance/invoice.yaml:8:14 KONTOR_CFG_INVALID_DEFAULT' },
  {
    fixture: 'decimal-default-too-precise',
    expected: 'entities/finance/invoice.yaml:9:14 KONTOR_CFG_INVALID_DEFAULT',
    message: 'field "discount": default must have at most 2 decimal places',
  },
  {
    fixture: 'date-default-invalid',
    expected: 'entities/finance/invoice.yaml:7:14 KONTOR_CFG_INVALID_DEFAULT',
    regression: 'comes out as KONTOR_CFG_INVALID_VALUE (the options schema checks the date format), unlike enum and decimal defaults',
  },
  { fixture: 'min-above-max', expected: 'entities/finance/invoice.yaml:7:10 KONTOR_CFG_INVALID_RANGE', message: 'field "payment_days": min 90 is above max 30' },
  { fixture: 'invalid-autonumber-pattern', expected: 'entities/finance/invoice.yaml:6:14 KONTOR_CFG_INVALID_PATTERN', mentions: 'unknown placeholder "{NNNN}"' },
  {
    fixture: 'computed-sum-not-numeric',
    expected: 'entities/finance/invoice.yaml:11:10 KONTOR_CFG_INVALID_COMPUTED',
    message: 'field "total": cannot sum "invoice_line.description" of type string',
  },
  {
    // Regression: a sum over a computed field passed validation, then every read answered 500.
    fixture: 'computed-sum-of-computed',
    expected: 'entities/finance/invoice.yaml:11:10 KONTOR_CFG_INVALID_COMPUTED',
    mentions: 'cannot sum "invoice_line.gross", a computed field',
  },
  // Workflow
  { fixture: 'workflow-unknown-state', expected: 'entities/finance/invoice.yaml:13:28 KONTOR_CFG_INVALID_WORKFLOW', mentions: '"payed" is not a value of "status"' },
  {
    fixture: 'workflow-unknown-role',
    expected: 'entities/finance/invoice.yaml:15:22 KONTOR_CFG_UNKNOWN_ROLE',
    message: 'workflow: transition "send": role "manger" is not in config/roles.yaml (did you mean "manager"?)',
  },
  {
    fixture: 'workflow-role-without-grant',
    expected: 'entities/finance/invoice.yaml:10:49 KONTOR_CFG_TRANSITION_NOT_GRANTED',
    message: 'workflow: transition "pay": role "manager" has no grant of "pay" on invoice in config/roles.yaml, so it could never run it (grant it there, or remove the role here)',
    inProcess: true,
  },
  {
    fixture: 'workflow-no-initial-state',
    expected: 'entities/finance/invoice.yaml:9:10 KONTOR_CFG_INVALID_WORKFLOW',
    message: 'workflow: field "status" needs a default, the state new records start in (e.g. default: draft)',
    inProcess: true,
  },
  { fixture: 'workflow-four-eyes-unaudited', expected: 'entities/sales/quote.yaml:9:36 KONTOR_CFG_AUDIT_REQUIRED', mentions: 'fourEyes takes the record\'s creator from the audit trail', inProcess: true },
  { fixture: 'workflow-lock-unknown-state', expected: 'entities/finance/invoice.yaml:8:16 KONTOR_CFG_INVALID_WORKFLOW', mentions: 'lock: "payed" is not a value of "status"', inProcess: true },
  { fixture: 'workflow-requires-unknown-field', expected: 'entities/finance/invoice.yaml:10:55 KONTOR_CFG_UNKNOWN_FIELD', mentions: 'has no field "signed_on" (did you mean "signed_at"?)', inProcess: true },
  { fixture: 'workflow-set-not-a-date', expected: 'entities/finance/invoice.yaml:13:23 KONTOR_CFG_INVALID_VALUE', mentions: 'set "sent_on"', inProcess: true },
  { fixture: 'workflow-transition-named-update', expected: 'entities/finance/invoice.yaml:10:5 KONTOR_CFG_INVALID_WORKFLOW', mentions: 'would share its name with the action update', inProcess: true },
  // TypeScript definitions (under broken-ts/, which tsconfig excludes)
  {
    fixture: 'broken-ts/unknown-field-type',
    expected: 'entities/sales/sales_order.ts:8:23 KONTOR_CFG_UNKNOWN_FIELD_TYPE',
    message: 'field "quantity": unknown type "integr" (did you mean "integer"?)',
    json: true,
  },
  { fixture: 'broken-ts/no-default-export', expected: 'entities/sales/sales_order.ts:1:1 KONTOR_CFG_TS_NO_DEFAULT_EXPORT' },
  {
    fixture: 'broken-ts/syntax-error',
    expected: 'entities/sales/sales_order.ts:8:5 KONTOR_CFG_TS_LOAD_FAILED',
    mentions: 'Expected "}" but found "quantity"',
    regression: 'reported at 1:1 as "cannot load: Transform failed with 1 error:"; tsx puts the position and the reason in the 2nd line of the message',
  },
  // Config files
  // Plugins
  {
    fixture: 'plugin-name-misspelled',
    expected: 'config/app.yaml:2:17 KONTOR_CFG_UNKNOWN_PLUGIN',
    message: 'plugin "wieght" not found: name one shipped with Kontor (iban, weight), an installed npm package, or a file of the project (./path/to/plugin.ts) (did you mean "weight"?)',
    inProcess: true,
  },
  {
    fixture: 'plugin-not-listed',
    expected: 'entities/sales/customer.yaml:8:11 KONTOR_CFG_UNKNOWN_FIELD_TYPE',
    message: 'field "iban": unknown type "iban": it comes with the plugin "iban"; list it in config/app.yaml, `plugins: [iban]`',
    inProcess: true,
  },
  {
    fixture: 'plugin-hooks-unknown-entity',
    expected: 'config/app.yaml:4:5 KONTOR_CFG_PLUGIN_INVALID',
    message: 'plugin "rules": adds hooks to entity "customers", which does not exist (did you mean "customer"?)',
    inProcess: true,
  },
  { fixture: 'app-port-not-a-number', expected: 'config/app.yaml:4:9 KONTOR_CFG_WRONG_TYPE', message: '"server.port" must be a whole number, not the text "abc"' },
  {
    fixture: 'missing-departments-file',
    expected: 'config/departments.yaml:1:1 KONTOR_CFG_FILE_MISSING',
    regression: 'every entity also gets KONTOR_CFG_UNKNOWN_DEPARTMENT at 1:1, a consequence of the missing file',
  },
  // Beyond the spec's list, checked in process
  { fixture: 'yaml-under-indentation', expected: 'entities/sales/customer.yaml:6:1 KONTOR_CFG_YAML_SYNTAX', message: 'All mapping items must start at the same column', inProcess: true },
  { fixture: 'shorthand-unknown-type', expected: 'entities/sales/customer.yaml:5:10 KONTOR_CFG_UNKNOWN_FIELD_TYPE', message: 'field "notes": unknown type "txt" (did you mean "text"?)', inProcess: true },
  { fixture: 'via-unknown-field', expected: 'entities/finance/invoice.yaml:8:10 KONTOR_CFG_INVALID_VIA', mentions: '(did you mean "invoice"?)', inProcess: true },
  { fixture: 'search-not-text', expected: 'entities/sales/customer.yaml:6:16 KONTOR_CFG_NOT_SEARCHABLE', message: 'search: "customer.credit_limit" is money, not text', inProcess: true },
  { fixture: 'unknown-sort-field', expected: 'entities/finance/invoice.yaml:6:7 KONTOR_CFG_UNKNOWN_FIELD', inProcess: true },
  {
    fixture: 'entity-key-capitalized',
    expected: 'entities/sales/customer.yaml:1:1 KONTOR_CFG_UNKNOWN_KEY',
    mentions: 'unknown key "Entity"',
    inProcess: true,
    regression: 'a second error, missing "entity", for the same slip',
  },
  {
    fixture: 'field-type-key-misspelled',
    expected: 'entities/sales/customer.yaml:5:5 KONTOR_CFG_MISSING_FIELD_TYPE',
    mentions: '"Type" is not an option (did you mean "type"?)',
    inProcess: true,
    regression: 'said only that the field has no type, at the field name',
  },
  {
    fixture: 'label-not-text',
    expected: 'entities/sales/customer.yaml:2:8 KONTOR_CFG_WRONG_TYPE',
    mentions: '"label" must be a text, or { en: ..., de: ... }, not number 123',
    inProcess: true,
    regression: 'said only "must be of another form"',
  },
  {
    fixture: 'entity-file-misplaced',
    expected: 'entities/sales/archive/supplier.yaml:1:1 KONTOR_CFG_FILE_LOCATION',
    inProcess: true,
    regression: 'a YAML definition in a subfolder was skipped without a word',
  },
  { fixture: 'unknown-department-folder', expected: 'entities/purchasing/supplier.yaml:2:1 KONTOR_CFG_UNKNOWN_DEPARTMENT', inProcess: true },
  { fixture: 'invalid-regex', expected: 'entities/sales/customer.yaml:7:14 KONTOR_CFG_INVALID_PATTERN', mentions: 'Unterminated group', inProcess: true },
  // Grants in config/roles.yaml and auth settings in config/app.yaml
  {
    fixture: 'roles-action-misspelled',
    expected: 'config/roles.yaml:6:17 KONTOR_CFG_UNKNOWN_ACTION',
    message: 'grant "invoice": "raed" is neither an action (read, create, update, delete, export, *) nor a workflow transition or custom action of entity "invoice" (did you mean "read"?)',
    json: true,
  },
  {
    fixture: 'roles-transition-of-other-entity',
    expected: 'config/roles.yaml:5:40 KONTOR_CFG_UNKNOWN_ACTION',
    message: 'grant "customer": "send" is neither an action (read, create, update, delete, export, *) nor a workflow transition or custom action of entity "customer"',
  },
  { fixture: 'roles-entity-misspelled', expected: 'config/roles.yaml:6:7 KONTOR_CFG_UNKNOWN_ENTITY', mentions: 'no entity is named "invoce" (a grant names an entity, <department>.* or *) (did you mean "invoice"?)' },
  {
    fixture: 'roles-department-misspelled',
    expected: 'config/roles.yaml:9:7 KONTOR_CFG_UNKNOWN_DEPARTMENT',
    message: 'grant "finanse.*": there is no department "finanse" in config/departments.yaml (did you mean "finance.*"?)',
  },
  {
    fixture: 'roles-hide-unknown-field',
    expected: 'config/roles.yaml:7:23 KONTOR_CFG_UNKNOWN_FIELD',
    message: 'grant "customer": hide names "credit_limt", which entity "customer" does not have (did you mean "credit_limit"?)',
  },
  {
    fixture: 'roles-scope-unknown-field',
    expected: 'config/roles.yaml:8:47 KONTOR_CFG_INVALID_SCOPE',
    message: 'grant "invoice": scope "customer.acount_manager": entity "customer" has no field "acount_manager" (did you mean "account_manager"?)',
  },
  {
    fixture: 'roles-scope-through-non-reference',
    expected: 'config/roles.yaml:8:18 KONTOR_CFG_INVALID_SCOPE',
    message: 'grant "invoice": scope "customer.name.account_manager": "name" is not a reference, so the path cannot go on through it',
  },
  {
    fixture: 'roles-scope-user-not-a-user',
    expected: 'config/roles.yaml:8:18 KONTOR_CFG_INVALID_SCOPE',
    message: 'grant "invoice": scope "customer": $user is a user\'s id, but "customer" is a reference to customer (compare a reference to user, or use $user.department / $user.username)',
  },
  { fixture: 'roles-scope-placeholder-misspelled', expected: 'config/roles.yaml:7:35 KONTOR_CFG_INVALID_SCOPE', mentions: '"$usr" is not a placeholder; use $user (the user\'s id) or $user.username, $user.email, $user.department (did you mean "$user"?)' },
  {
    fixture: 'roles-scope-user-department-misspelled',
    regression: 'no suggestion: "$user.dept" is too far from "$user.department" for the edit distance alone',
    expected: 'config/roles.yaml:7:46 KONTOR_CFG_INVALID_SCOPE',
    mentions: '(did you mean "$user.department"?)',
  },
  { fixture: 'roles-scope-placeholder-in-list', expected: 'config/roles.yaml:7:67 KONTOR_CFG_INVALID_SCOPE', mentions: 'a list holds plain values only; $user stands alone' },
  {
    fixture: 'roles-hidden-instead-of-hide',
    expected: 'config/roles.yaml:5:52 KONTOR_CFG_UNKNOWN_KEY',
    message: '"roles.clerk.grants.customer": unknown key "hidden" (allowed: actions, hide, readonly, scope) (did you mean "hide"?)',
  },
  {
    fixture: 'roles-grant-without-actions',
    regression: 'reported at the first key inside the grant, not at the grant `customer:` that lacks `actions`',
    expected: 'config/roles.yaml:6:7 KONTOR_CFG_MISSING_KEY',
    mentions: 'missing "actions"',
  },
  {
    fixture: 'roles-grants-not-indented',
    regression: 'one slip gave an unknown key per grant, and none said to indent them',
    expected: 'config/roles.yaml:5:5 KONTOR_CFG_UNKNOWN_KEY',
    message: '"roles.clerk": unknown key "sales.*": grants belong under "grants:", indented one step further',
  },
  {
    fixture: 'audit-off-in-finance',
    expected: 'entities/finance/invoice.yaml:20:8 KONTOR_CFG_AUDIT_REQUIRED',
    mentions: 'must be audited (GoBD)',
    inProcess: true,
  },
  {
    fixture: 'roles-auth-duration-in-words',
    regression: 'reported as an invalid snake_case name with a suggestion "hours": every described pattern was taken for a name',
    expected: 'config/app.yaml:5:15 KONTOR_CFG_INVALID_VALUE',
    mentions: 'a number and s, m, h or d',
  },
  // Dashboard items in config/departments.yaml (each fixture's sales desk also counts finance's invoices)
  {
    fixture: 'departments-dashboard-unknown-entity',
    expected: 'config/departments.yaml:9:17 KONTOR_CFG_UNKNOWN_ENTITY',
    message: 'department "sales", dashboard item 2: there is no entity "invoce" (did you mean "invoice"?)',
    json: true,
  },
  {
    fixture: 'departments-dashboard-unknown-field',
    expected: 'config/departments.yaml:11:33 KONTOR_CFG_UNKNOWN_FIELD',
    message: 'department "sales", dashboard item 2: filter "deu_lt": entity "invoice" has no field "deu" (did you mean "due_lt"?)',
  },
  {
    fixture: 'departments-dashboard-unsupported-operator',
    expected: 'config/departments.yaml:11:19 KONTOR_CFG_UNSUPPORTED_OPERATOR',
    message: 'department "sales", dashboard item 2: filter "status_lt": field "status" (enum) does not support _lt (use status, status_neq, status: [...])',
  },
  {
    fixture: 'departments-dashboard-enum-value',
    expected: 'config/departments.yaml:11:27 KONTOR_CFG_INVALID_VALUE',
    message: 'department "sales", dashboard item 2: filter "status": "snet" is not a value of "status" (draft, sent, paid) (did you mean "sent"?)',
  },
  {
    fixture: 'departments-dashboard-relative-day-not-a-date',
    expected: 'config/departments.yaml:11:45 KONTOR_CFG_INVALID_VALUE',
    mentions: '"today+7d" is a day counted from today, but field "amount" (money) does not hold days',
  },
  {
    fixture: 'departments-dashboard-user-not-a-user-reference',
    expected: 'config/departments.yaml:11:43 KONTOR_CFG_INVALID_VALUE',
    mentions: '"$user" (whoever looks) goes only with a reference to user',
  },
  {
    fixture: 'departments-dashboard-tone-misspelled',
    regression: 'a schema error in departments.yaml also reported every `<department>.*` grant in roles.yaml as an unknown department',
    expected: 'config/departments.yaml:12:15 KONTOR_CFG_INVALID_VALUE',
    message: '"departments.sales.dashboard[1].tone": "red" is not one of info, success, warning, error',
  },
];

const repoRoot = join(import.meta.dirname, '..', '..');
const fixtureDir = (fixture: string) => `test/fixtures/broken/${fixture}`;
const execFileAsync = promisify(execFile);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `kontor validate` as a user runs it: a child process from the repository root. */
async function validate(dir: string, json: boolean): Promise<Run> {
  const args = ['--import', 'tsx', 'server/cli/main.ts', 'validate', '--dir', dir, ...(json ? ['--json'] : [])];
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, args, { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Runs jobs a few at a time: more processes than cores only make each one slower. */
async function inPool<T>(jobs: Array<() => Promise<T>>, size: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await (jobs[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, jobs.length) }, worker));
  return results;
}

/** What a case is checked against: the printed issue lines and the error count of the summary. */
interface Outcome {
  code: number;
  lines: string[];
  errors: number | undefined;
  stderr: string;
}

function fromRun(run: Run): Outcome {
  const summary = /^(\d+) errors? in /m.exec(run.stdout);
  return { code: run.code, lines: run.stdout.split('\n'), errors: summary ? Number(summary[1]) : undefined, stderr: run.stderr };
}

async function compiled(dir: string): Promise<Outcome> {
  const result = await compileProject(join(repoRoot, dir));
  const issues = result.ok ? [] : result.issues;
  return { code: result.ok ? 0 : 1, lines: issues.map(formatConfigIssue), errors: issues.length, stderr: '' };
}

/**
 * A child process costs a second of CPU, so the real CLI runs the cases about its own output (--json), YAML
 * syntax and TypeScript loading; the rest call compileProject, whose issues the CLI prints unchanged.
 */
const viaCli = (c: BrokenCase) => Boolean(c.json) || c.fixture.startsWith('yaml-') || c.fixture.startsWith('broken-ts');

/** Every output the tests read, keyed by the arguments; gathered up front, a few processes at a time. */
const runs = new Map<string, Run>();
const outcomes = new Map<string, Outcome>();
const key = (dir: string, json: boolean) => (json ? `${dir} --json` : dir);
const runOf = (dir: string, json = false) => runs.get(key(dir, json)) as Run;

beforeAll(async () => {
  const wanted: Array<{ dir: string; json: boolean }> = [{ dir: '.', json: false }];
  for (const c of cases.filter(viaCli)) {
    wanted.push({ dir: fixtureDir(c.fixture), json: false });
    if (c.json) wanted.push({ dir: fixtureDir(c.fixture), json: true });
  }
  const children = inPool(
    wanted.map(({ dir, json }) => () => validate(dir, json)),
    availableParallelism() + 1,
  );
  for (const c of cases.filter((c) => !viaCli(c))) outcomes.set(c.fixture, await compiled(fixtureDir(c.fixture)));
  (await children).forEach((run, index) => {
    const { dir, json } = wanted[index] as { dir: string; json: boolean };
    runs.set(key(dir, json), run);
  });
  for (const c of cases.filter(viaCli)) outcomes.set(c.fixture, fromRun(runOf(fixtureDir(c.fixture))));
}, 120_000);

const label = (c: BrokenCase) => (c.regression ? `${c.fixture} (regression)` : c.fixture);

describe('kontor validate on broken definitions', () => {
  it('has one case for each fixture project', () => {
    const root = join(repoRoot, 'test/fixtures/broken');
    const projects = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((path) => basename(path) === 'config')
      .map((path) => dirname(path).split(sep).join('/'));
    expect(cases.map((c) => c.fixture).sort()).toEqual(projects.sort());
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it('accepts the repository\'s own project', () => {
    const run = runOf('.');
    expect(run.stdout).toMatch(/^OK: \d+ entities in \d+ departments, \d+ fields$/m);
    expect(run.code).toBe(0);
  });

  it.each(cases.map((c) => [label(c), c] as const))('%s', (_, c) => {
    const outcome = outcomes.get(c.fixture) as Outcome;
    const line = outcome.lines.find((l) => l.startsWith(`${c.expected} `));
    expect(outcome.stderr).toBe('');
    expect(line, outcome.lines.join('\n')).toBeDefined();
    if (c.message !== undefined) expect(line).toBe(`${c.expected} ${c.message}`);
    if (c.mentions !== undefined) expect(line).toContain(c.mentions);
    const errors = c.errors === undefined ? 1 : c.errors;
    if (errors !== null) expect(outcome.errors, outcome.lines.join('\n')).toBe(errors);
    expect(outcome.code).toBe(1);
  });

  const jsonCases = cases.filter((c) => c.json);
  it.each(jsonCases.map((c) => [c.fixture, c] as const))('%s --json lists the same issue', (_, c) => {
    const run = runOf(fixtureDir(c.fixture), true);
    const body = JSON.parse(run.stdout) as { ok: boolean; issues: ConfigIssue[] };
    const [, file, line, column, code] = /^(.+):(\d+):(\d+) (\w+)$/.exec(c.expected) ?? [];
    const issue = body.issues.find((i) => i.file === file && i.line === Number(line) && i.column === Number(column) && i.code === code);
    expect(body.ok).toBe(false);
    expect(issue, run.stdout).toBeDefined();
    if (issue) expect(runOf(fixtureDir(c.fixture)).stdout.split('\n')).toContain(formatConfigIssue(issue));
    expect(run.code).toBe(1);
  });
});
