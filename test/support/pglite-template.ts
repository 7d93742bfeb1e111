import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { migrateToLatest } from '../../src/database/database';
import { PGliteDialect } from '../../src/database/pglite.dialect';
import type { Database } from '../../src/database/schema';

/**
 * An empty PGlite database with every migration applied, as a data-dir tarball kept in the OS temp directory per
 * migration set: an app loading it skips initdb and the migrations, which took 3-6 s per app (a minute on a loaded
 * machine) and were most of the embedded suite's time.
 */
export async function pgliteTemplate(): Promise<Blob> {
  const path = templatePath();
  if (existsSync(path)) return new Blob([readFileSync(path)]);
  return buildTemplate(path);
}

/** Jest's globalSetup: builds the template before any test runs, outside every test's and hook's time limit. */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL && !existsSync(templatePath())) await buildTemplate(templatePath());
}

function templatePath(): string {
  const migrations = join(__dirname, '../../src/database/migrations');
  const hash = createHash('sha1').update(PGLITE_VERSION);
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(join(migrations, file)));
  return join(tmpdir(), `bridgecore-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

async function buildTemplate(path: string): Promise<Blob> {
  const pglite = await PGlite.create();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  await migrateToLatest(db);
  const tarball = await pglite.dumpDataDir('none');
  await db.destroy();
  // Written aside and renamed: another test run may read the same path meanwhile.
  const partial = `${path}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
  renameSync(partial, path);
  return tarball;
}

/** The pinned PGlite version: a data dir is only loadable by the PGlite that wrote it. */
const PGLITE_VERSION: string = (
  JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { dependencies: Record<string, string> }
).dependencies['@electric-sql/pglite'];
