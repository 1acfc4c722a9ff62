import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { generateDocs } from '../../generators/docs/generate-docs.ts';
import { doNotEditHeader, type GeneratedFile } from '../../generators/generated-file.ts';
import type { FieldRegistry } from '../../generators/fields/registry.ts';
import type { AppModel } from '../../generators/model/app-model.ts';
import type { KontorPlugin } from '../../generators/model/plugin.ts';
import { generateTypes } from '../../generators/types/generate-types.ts';
import { buildApp } from '../app.ts';
import { parseDatabaseUrl } from '../db/database-url.ts';
import { migrateDatabase } from '../db/migrate-database.ts';
import { commandArgs } from './command-args.ts';
import { compileForCommand } from './compile-for-command.ts';

interface GenerateInput {
  dir: string;
  model: AppModel;
  registry: FieldRegistry;
}

/** The built-in generators: each turns the project into files (migration also needs the database). */
export const GENERATORS: Record<string, { summary: string; run: (input: GenerateInput) => Promise<GeneratedFile[]> }> = {
  types: { summary: 'TypeScript types of every entity (config/generated/entity-types.ts)', run: async ({ model, registry }) => [generateTypes(model, registry)] },
  docs: { summary: 'the data dictionary: departments, entities, fields, workflows, roles (config/generated/data-dictionary.md)', run: async ({ model }) => [generateDocs(model)] },
  openapi: { summary: 'the OpenAPI 3.1 document of the REST API (config/generated/openapi.json)', run: async ({ dir }) => [await openApiDocument(dir)] },
  migration: { summary: 'the migration `kontor migrate` would write, without applying it (config/migrations/<engine>/)', run: async () => [] },
};

/** What `all` writes: the generated files a project commits (the OpenAPI document is served live and large). */
const COMMITTED = ['types', 'docs'];

const help = `Usage: kontor generate <${Object.keys(GENERATORS).join('|')}|all> [--dir <project dir>] [--out <file>] [--check]

Writes files generated from the definitions, each with a do-not-edit header (the project's plugins may add generators):
${Object.entries(GENERATORS)
  .map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`)
  .join('\n')}
  all        ${COMMITTED.join(' and ')}, the files a project commits
--out      another file to write (one generator only; not for migration)
--check    writes nothing: exit 1 when a generated file differs from what the definitions give (for CI)`;

export async function generateCommand(args: string[]): Promise<number> {
  const parsed = commandArgs('generate', args, { dir: { type: 'string' }, out: { type: 'string' }, check: { type: 'boolean' } }, help, true);
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as { dir?: string; out?: string; check?: boolean };
  const [name, ...rest] = parsed.positionals;
  if (name === undefined || rest.length > 0) {
    console.error(`kontor generate: ${name === undefined ? 'which generator?' : `one generator at a time, not "${parsed.positionals.join(' ')}"`}\n\n${help}`);
    return 2;
  }
  if (values.out !== undefined && (name === 'all' || name === 'migration')) {
    console.error(`kontor generate: --out takes one generator's file; ${name} writes ${name === 'all' ? 'several' : 'into config/migrations/'}\n\n${help}`);
    return 2;
  }
  const dir = resolve(values.dir ?? '.');
  const compiled = await compileForCommand(dir, 'before generating');
  if (!compiled) return 1;
  const { registry } = compiled;
  const generators = withPluginGenerators(compiled.plugins);
  if ('error' in generators) {
    console.error(`kontor generate: ${generators.error}`);
    return 1;
  }
  if (name !== 'all' && !(name in generators)) {
    const extra = Object.entries(generators).filter(([n]) => !(n in GENERATORS));
    const plugins = extra.length > 0 ? `\n\nGenerators of the project's plugins:\n${extra.map(([n, { summary }]) => `  ${n.padEnd(10)} ${summary}`).join('\n')}` : '';
    console.error(`kontor generate: unknown generator "${name}"\n\n${help}${plugins}`);
    return 2;
  }
  if (name === 'migration') return migration(dir, compiled.model, registry);
  const names = name === 'all' ? COMMITTED : [name];
  const files = (await Promise.all(names.map((n) => generators[n]!.run({ dir, model: compiled.model, registry })))).flat();
  const placed = values.out === undefined ? files : files.map((file) => ({ ...file, path: resolve(values.out as string) }));
  return values.check ? check(dir, placed) : write(dir, placed);
}

type Generators = typeof GENERATORS;

/** The built-in generators and those the project's plugins add; a plugin may not take a built-in's name. */
function withPluginGenerators(plugins: readonly KontorPlugin[]): Generators | { error: string } {
  const all: Generators = { ...GENERATORS };
  for (const plugin of plugins) {
    for (const [name, generator] of Object.entries(plugin.generators ?? {})) {
      if (name in all || name === 'all') return { error: `plugin "${plugin.name}" adds a generator "${name}", a name already taken; rename it in the plugin` };
      all[name] = { summary: `${generator.summary} (plugin ${plugin.name})`, run: async ({ model, registry }) => generator.generate(model, registry) };
    }
  }
  return all;
}

/** Paths are the project's (`config/generated/...`); an --out path is the caller's, relative to where they are. */
async function write(dir: string, files: GeneratedFile[]): Promise<number> {
  for (const file of files) {
    const path = resolve(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    console.log(`Wrote ${file.path}`);
  }
  return 0;
}

async function check(dir: string, files: GeneratedFile[]): Promise<number> {
  const stale: string[] = [];
  for (const file of files) {
    const current = await readFile(resolve(dir, file.path), 'utf8').catch(() => null);
    if (current !== file.content) stale.push(file.path);
  }
  for (const path of stale) console.error(`${path} is out of date: run \`npx kontor generate all\``);
  if (stale.length === 0) console.log(`Up to date: ${files.map((f) => f.path).join(', ')}`);
  return stale.length === 0 ? 0 : 1;
}

async function migration(dir: string, model: AppModel, registry: FieldRegistry): Promise<number> {
  const target = parseDatabaseUrl(process.env.DATABASE_URL ?? model.app.database.url, dir);
  const result = await migrateDatabase(model, registry, target, { dir, writeOnly: true });
  if (result.pending.length > 0) {
    console.error(`A migration is written but not applied yet (${result.pending.join(', ')}): apply it with \`npx kontor migrate\` (which also writes what is left), or delete it, before writing another.`);
    return 1;
  }
  if (!result.file) console.log('The database already matches the definitions: no migration to write.');
  else console.log(`Wrote ${result.file}\n\n${result.sql}\n\nReview it, then apply it with \`npx kontor migrate\`.`);
  return 0;
}

/**
 * The document the server serves at /api/openapi.json: the app is built (not started) on a throwaway
 * SQLite database, since the document comes from its routes' schemas. The header is an `x-generated` note.
 */
async function openApiDocument(dir: string): Promise<GeneratedFile> {
  const scratch = await mkdtemp(join(tmpdir(), 'kontor-openapi-'));
  const app = await buildApp({ dir, databaseUrl: `sqlite:${join(scratch, 'openapi.db')}`, logger: false });
  try {
    await app.ready();
    const document = { 'x-generated': doNotEditHeader('openapi', '//').slice(3), ...(app.swagger() as object) };
    return { path: 'config/generated/openapi.json', content: `${JSON.stringify(document, null, 2)}\n` };
  } finally {
    await app.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
