import type { LineCounter, YAMLError } from 'yaml';
import type { ConfigIssueDraft } from './issue-draft.ts';

/**
 * One syntax error usually sets off several more (an unclosed quote swallows the rest of the file), so the
 * first one is reported, placed where the writer made the mistake rather than where the parser gave up.
 */
export function yamlSyntaxIssue(errors: readonly YAMLError[], text: string, lines: LineCounter): ConfigIssueDraft | null {
  const first = errors[0];
  if (!first) return null;
  const unclosed = errors.find((e) => e.code === 'MISSING_CHAR' && /quote/.test(e.message));
  if (unclosed) {
    const opened = unclosedQuote(text);
    if (opened !== null) {
      const { line, col } = lines.linePos(opened.offset);
      return { code: 'KONTOR_CFG_YAML_SYNTAX', message: `this ${opened.quote === '"' ? 'double' : 'single'} quote is never closed`, position: { line, column: col } };
    }
  }
  const indentation = errors.find((e) => (e.code === 'MULTILINE_IMPLICIT_KEY' || e.code === 'BLOCK_AS_IMPLICIT_KEY') && lines.linePos(e.pos[1]).line > lines.linePos(e.pos[0]).line);
  if (indentation) {
    const { line } = lines.linePos(indentation.pos[1]);
    const start = lines.lineStarts[line - 1] ?? 0;
    const indent = /^[ \t]*/.exec(text.slice(start))?.[0].length ?? 0;
    return {
      code: 'KONTOR_CFG_YAML_SYNTAX',
      message: 'unexpected indentation: keys of one map must start in the same column (count the spaces)',
      position: { line, column: indent + 1 },
    };
  }
  const { line, col } = lines.linePos(first.pos[0]);
  const message = (first.message.split('\n')[0] ?? first.message).replace(/ at line \d+, column \d+:?$/, '');
  return { code: 'KONTOR_CFG_YAML_SYNTAX', message: first.code === 'DUPLICATE_KEY' ? `${message}: ${duplicateKey(text, first.pos[0])}` : message, position: { line, column: col } };
}

/** Where the quote opened that is still open at the end of the text (comments and escapes respected). */
function unclosedQuote(text: string): { offset: number; quote: string } | null {
  let open: { offset: number; quote: string } | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (open) {
      if (open.quote === '"' && c === '\\') i += 1;
      else if (c === open.quote && open.quote === "'" && text[i + 1] === "'") i += 1;
      else if (c === open.quote) open = null;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s:[{,-]/.test(text[i - 1] ?? ''))) {
      open = { offset: i, quote: c };
    }
  }
  return open;
}

function duplicateKey(text: string, offset: number): string {
  const key = /^[^:\n]+/.exec(text.slice(offset))?.[0]?.trim();
  return key ? `"${key}" appears twice` : 'a key appears twice';
}
