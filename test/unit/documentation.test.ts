import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configErrorCodes } from '../../generators/core/config-error-codes.ts';
import { httpErrors } from '../../server/errors/http-errors.ts';
import { builtinFieldTypes } from '../../generators/fields/registry.ts';
import { repoRoot } from './project-copy.ts';

const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');

describe('README', () => {
  it.each(Object.keys(configErrorCodes))('documents the error code %s', (code) => {
    expect(readme).toContain(`| \`${code}\` |`);
  });

  it.each(Object.entries(httpErrors))('documents the HTTP error %s with its status', (code, { status }) => {
    expect(readme).toContain(`| \`${code}\` | ${status} |`);
  });

  it.each(builtinFieldTypes.map((t) => t.name))('documents the field type %s with an example', (name) => {
    expect(readme).toMatch(new RegExp(`\\| \`${name}\` \\|.*\\{ type: ${name}[ ,]`));
  });

  it('shows both README commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
