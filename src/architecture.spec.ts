import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The import graph of src (specs excluded), as the module structure promises it: no cycles between
 * files or between feature folders, only infrastructure global, database access in repositories.
 */
const SRC = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => relative(SRC, path));
const text = new Map(files.map((file) => [file, readFileSync(join(SRC, file), 'utf8')]));

/** Relative imports and re-exports of a file, type-only ones included, as paths under src. */
function importsOf(file: string): string[] {
  const found = [...(text.get(file) ?? '').matchAll(/(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g)];
  return found.map(([, spec]) => {
    const target = relative(SRC, resolve(SRC, dirname(file), spec));
    return files.includes(`${target}.ts`) ? `${target}.ts` : `${target}/index.ts`;
  });
}

/** `modules/<name>/…` → `<name>`; anything else → its top folder (`database`, `config`, `common`). */
function area(file: string): string {
  const parts = file.split('/');
  if (parts.length === 1) return 'root';
  return parts[0] === 'modules' ? parts[1] : parts[0];
}

function graph(nodeOf: (file: string) => string): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    const from = nodeOf(file);
    if (!edges.has(from)) edges.set(from, new Set());
    for (const target of importsOf(file)) if (nodeOf(target) !== from) edges.get(from)?.add(nodeOf(target));
  }
  return edges;
}

function cycles(edges: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]): void => {
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), node, next].join(' → '));
      else if (!state.has(next)) visit(next, [...path, node]);
    }
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node, []);
  return found;
}

/** The bracketed list after `key:` in a module's decorator, as written (nested brackets included). */
function listAfter(source: string, key: string): string {
  const start = source.search(new RegExp(`\\b${key}:\\s*\\[`));
  if (start < 0) return '';
  let depth = 0;
  for (let i = source.indexOf('[', start); i < source.length; i++) {
    if (source[i] === '[') depth++;
    if (source[i] === ']' && --depth === 0) return source.slice(start, i + 1);
  }
  return source.slice(start);
}

/** Class and token names in a list; string literals (a logger's name) are not names. */
const names = (list: string): Set<string> => new Set(list.replace(/'[^']*'/g, '').match(/\b[A-Z]\w*/g) ?? []);

/** Per feature folder: the providers its modules register and those they export to other features. */
const modules = new Map<string, { providers: Set<string>; exports: Set<string> }>();
for (const file of files.filter((f) => f.endsWith('.module.ts'))) {
  const entry = modules.get(area(file)) ?? { providers: new Set<string>(), exports: new Set<string>() };
  for (const name of names(listAfter(text.get(file) ?? '', 'providers'))) entry.providers.add(name);
  for (const name of names(listAfter(text.get(file) ?? '', 'exports'))) entry.exports.add(name);
  modules.set(area(file), entry);
}

/** Values (not types) a file imports, with the file each comes from. */
function importedValues(file: string): { name: string; from: string }[] {
  const found = [...(text.get(file) ?? '').matchAll(/import\s+\{([^}]*)\}\s+from\s+'(\.[^']+)'/g)];
  return found.flatMap(([, list, spec]) => {
    const target = relative(SRC, resolve(SRC, dirname(file), spec));
    const from = files.includes(`${target}.ts`) ? `${target}.ts` : `${target}/index.ts`;
    return list
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '' && !part.startsWith('type '))
      .map((part) => ({ name: part.split(/\s+as\s+/)[0], from }));
  });
}

describe('the module graph', () => {
  it('sees the source tree', () => {
    expect(files).toContain('modules/systems/systems.module.ts');
    expect(importsOf('modules/auth/auth.service.ts')).toContain('modules/systems/systems.service.ts');
  });

  it('has no import cycle between files', () => {
    expect(cycles(graph((file) => file))).toEqual([]);
  });

  it('has no cycle between feature folders', () => {
    expect(cycles(graph(area))).toEqual([]);
  });

  it('runs one way between auth and systems: auth uses systems, systems never auth', () => {
    const areas = graph(area);
    expect(areas.get('auth')?.has('systems')).toBe(true);
    expect(areas.get('systems')?.has('auth')).toBe(false);
  });

  it('runs one way between ingestion and the feed: ingestion appends to the log, the log knows nothing of ingestion', () => {
    const areas = graph(area);
    expect(areas.get('ingestion')?.has('feed')).toBe(true);
    expect(areas.get('feed')?.has('ingestion')).toBe(false);
  });

  it("uses another feature's services only where its module exports them", () => {
    const internals = files.flatMap((file) =>
      importedValues(file)
        .filter(({ name, from }) => {
          const owner = modules.get(area(from));
          return area(from) !== area(file) && owner?.providers.has(name) && !owner.exports.has(name);
        })
        .map(({ name, from }) => `${file} → ${name} (${from})`),
    );
    expect(internals).toEqual([]);
  });

  it('keeps the two sync APIs apart: offline-sync and smart-sync never import each other', () => {
    const areas = graph(area);
    expect([areas.get('offline-sync')?.has('smart-sync'), areas.get('smart-sync')?.has('offline-sync')]).toEqual([false, false]);
  });

  it('lets other modules use access only through its read policy and its plain shapes, never the loader or the evaluator', () => {
    const surface = ['access.module.ts', 'read-policy.service.ts', 'model-scope.ts', 'read-filter.ts'].map((f) => `modules/access/${f}`);
    const reaching = files
      .filter((file) => area(file) !== 'access')
      .flatMap((file) => importsOf(file).filter((target) => area(target) === 'access' && !surface.includes(target)).map((target) => `${file} → ${target}`));
    expect(reaching).toEqual([]);
  });

  it('has the sockets apply the read policy of the pulls: realtime imports the access module and its policy only', () => {
    const realtime = files.filter((file) => area(file) === 'realtime');
    const fromAccess = new Set(realtime.flatMap((file) => importsOf(file).filter((target) => area(target) === 'access')));
    expect([...fromAccess].sort()).toEqual(['modules/access/access.module.ts', 'modules/access/read-policy.service.ts']);
  });

  it('makes only infrastructure global (config, metrics)', () => {
    const globals = files.filter((file) => /^@Global\(\)/m.test(text.get(file) ?? ''));
    expect(globals.sort()).toEqual(['config/config.module.ts', 'modules/metrics/metrics.module.ts']);
  });

  it('injects the database only into repositories and queries', () => {
    const injecting = files.filter((file) => (text.get(file) ?? '').includes('@Inject(DB)'));
    expect(injecting.filter((file) => !/\.(repository|query)\.ts$/.test(file) && file !== 'database/database.module.ts')).toEqual([]);
  });
});
