import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { SourcePath } from '../core/config-issue.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';
import type { SourceFile, SourcePosition } from './source-file.ts';

type TypeScript = typeof import('typescript');
type TsNode = import('typescript').Node;

/** The text each definition was last imported with, and from which URL: one changed since is imported anew (live reload). */
const imported = new Map<string, { text: string; url: string }>();

/** Imports a `.ts` definition (its default export is the data) and keeps its text to place errors. */
export async function loadTsSource(path: string, absolutePath: string): Promise<{ source: SourceFile; issues: ConfigIssueDraft[] }> {
  const text = await readFile(absolutePath, 'utf8');
  let data: unknown;
  const issues: ConfigIssueDraft[] = [];
  // The module cache keeps a file's first import for good; another URL (its text's hash) loads the new text.
  const previous = imported.get(absolutePath);
  const plain = pathToFileURL(absolutePath).href;
  const url = previous === undefined ? plain : previous.text === text ? previous.url : `${plain}?kontor=${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
  imported.set(absolutePath, { text, url });
  // A definition outside an ESM package loads as CommonJS, whose cache goes by path alone.
  if (previous !== undefined && url !== previous.url) delete loadRequire().cache[absolutePath];
  try {
    const module = (await import(url)) as { default?: unknown };
    data = module.default;
    if (data === undefined) {
      issues.push({ code: 'KONTOR_CFG_TS_NO_DEFAULT_EXPORT', message: 'no default export: write `export default defineEntity({ ... })`', position: { line: 1, column: 1 } });
    }
  } catch (error) {
    issues.push({ code: 'KONTOR_CFG_TS_LOAD_FAILED', message: `cannot load: ${reason(error)}`, position: errorPosition(error, absolutePath) });
  }
  return { source: new TsSource(path, data, text), issues };
}

/** esbuild reports `Transform failed with 1 error:` and then `<file>:8:4: ERROR: <reason>`; keep the reason. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const esbuild = /:\d+:\d+: ERROR: (.+)/.exec(message);
  if (esbuild?.[1]) return esbuild[1].trim();
  return (message.split('\n').find((line) => line.trim() !== '') ?? message).trim();
}

/**
 * Where loading failed: esbuild's `<file>:line:column` (column 0-based) for a syntax error, else the first
 * stack frame inside the definition file for an exception thrown while it ran.
 */
function errorPosition(error: unknown, absolutePath: string): SourcePosition {
  const message = error instanceof Error ? error.message : String(error);
  const escaped = absolutePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const esbuild = new RegExp(`${escaped}:(\\d+):(\\d+): ERROR`).exec(message);
  if (esbuild) return { line: Number(esbuild[1]), column: Number(esbuild[2]) + 1 };
  const frame = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec((error as Error | undefined)?.stack ?? '');
  return frame ? { line: Number(frame[1]), column: Number(frame[2]) } : { line: 1, column: 1 };
}

let typescript: TypeScript | undefined;
let localRequire: NodeJS.Require | undefined;

function loadRequire(): NodeJS.Require {
  localRequire ??= createRequire(import.meta.url);
  return localRequire;
}

/** The compiler is large: it is loaded only when an error in a .ts definition needs placing. */
function loadTypeScript(): TypeScript {
  typescript ??= loadRequire()('typescript') as TypeScript;
  return typescript;
}

/** Places paths in the object literal of `export default defineEntity({...})` by walking the syntax tree. */
class TsSource implements SourceFile {
  #root: TsNode | null | undefined;

  constructor(
    readonly path: string,
    readonly data: unknown,
    private readonly text: string,
  ) {}

  private get ts(): TypeScript {
    return loadTypeScript();
  }

  locate(path: SourcePath, key = false): SourcePosition {
    let node = this.root();
    if (!node) return { line: 1, column: 1 };
    let keyNode: TsNode | undefined;
    for (const step of path) {
      const next = this.child(node, step);
      if (!next) {
        keyNode = undefined;
        break;
      }
      node = next.value;
      keyNode = next.key;
    }
    return this.position(key && keyNode ? keyNode : node);
  }

  private root(): TsNode | null {
    if (this.#root !== undefined) return this.#root;
    const ts = this.ts;
    const file = ts.createSourceFile(this.path, this.text, ts.ScriptTarget.Latest, true);
    let found: TsNode | null = null;
    for (const statement of file.statements) {
      if (ts.isExportAssignment(statement)) found = unwrap(ts, statement.expression);
    }
    this.#root = found;
    return found;
  }

  private child(node: TsNode, step: string | number): { key?: TsNode; value: TsNode } | undefined {
    const ts = this.ts;
    if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        if (!property.name || propertyName(ts, property.name) !== String(step)) continue;
        const value = ts.isPropertyAssignment(property) ? unwrap(ts, property.initializer) : property;
        return { key: property.name, value };
      }
      return undefined;
    }
    if (ts.isArrayLiteralExpression(node) && typeof step === 'number') {
      const element = node.elements[step];
      return element ? { value: unwrap(ts, element) } : undefined;
    }
    return undefined;
  }

  private position(node: TsNode): SourcePosition {
    const file = node.getSourceFile();
    const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return { line: line + 1, column: character + 1 };
  }
}

/** Sees through `defineEntity(...)`, `satisfies`, `as const` and parentheses to the object literal. */
function unwrap(ts: TypeScript, node: TsNode): TsNode {
  let current = node;
  for (;;) {
    if (ts.isCallExpression(current) && current.arguments[0]) current = current.arguments[0];
    else if (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
    else return current;
  }
}

function propertyName(ts: TypeScript, name: import('typescript').PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}
