import { isAbsolute, resolve } from 'node:path';

export type DatabaseTarget = { dialect: 'sqlite'; path: string; url: string } | { dialect: 'postgresql'; url: string; dbName: string };

/** `sqlite:<path>` (relative to the project) or `postgres://...`; anything else is a configuration error. */
export function parseDatabaseUrl(url: string, projectDir: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '' || path === ':memory:') {
      throw new Error('DATABASE_URL: SQLite needs a file (sqlite:data/kontor.db); an in-memory database cannot be shared by the reader and the writer');
    }
    return { dialect: 'sqlite', path: isAbsolute(path) ? path : resolve(projectDir, path), url };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const dbName = decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
    return { dialect: 'postgresql', url, dbName };
  }
  throw new Error(`DATABASE_URL "${url}" is neither sqlite:<path> nor postgres://...`);
}


/** The database as a user recognizes it in messages, without a password: `SQLite data/kontor.db`, `PostgreSQL kontor`. */
export function describeTarget(target: DatabaseTarget): string {
  return target.dialect === 'sqlite' ? `SQLite ${target.path}` : `PostgreSQL ${target.dbName}`;
}
