import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { SourcePath } from '../core/config-issue.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';
import { yamlSyntaxIssue } from './yaml-syntax-error.ts';
import type { SourceFile, SourcePosition } from './source-file.ts';

/** Parses YAML keeping node positions; syntax errors come back as issues and no data. */
export function parseYamlSource(path: string, text: string): { source: SourceFile; issues: ConfigIssueDraft[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = yamlSyntaxIssue(doc.errors, text, lineCounter);
  const issues: ConfigIssueDraft[] = syntax ? [syntax] : [];
  const data = issues.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  return { source: new YamlSource(path, data, doc, lineCounter), issues };
}

class YamlSource implements SourceFile {
  constructor(
    readonly path: string,
    readonly data: unknown,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  locate(path: SourcePath, key = false): SourcePosition {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const prefix = path.slice(0, depth);
      const wantKey = key && depth === path.length;
      const offset = wantKey ? this.keyOffset(prefix) : this.nodeOffset(prefix);
      if (offset !== undefined) return this.position(offset);
    }
    return { line: 1, column: 1 };
  }

  private nodeOffset(path: SourcePath): number | undefined {
    const node = path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
    return isNode(node) ? node.range?.[0] : undefined;
  }

  private keyOffset(path: SourcePath): number | undefined {
    const parent = path.length <= 1 ? this.doc.contents : this.doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return this.nodeOffset(path);
    const last = path[path.length - 1];
    const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(last));
    return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  }

  private position(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}
