/**
 * `npm run bench`: runs every `*.bench.{js,ts}` module beside this file (`--only <name>` to pick,
 * e.g. `--only pull`, repeatable or comma-separated), prints one table per bench and optionally
 * writes them as markdown (`--out docs/bench-latest.md`).
 *
 * A bench module exports `run(ctx: BenchContext): Promise<BenchTable | BenchTable[]>`.
 * Options: --connections <n> (50), --duration <s> (10), --rounds <n> (3: runs of each scenario, each
 * paired with a baseline run right before or after it).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { cpus } from 'node:os';
import { createContext, type BenchArgs, type BenchContext } from './context';
import { formatTable, printTable, type BenchTable } from './report';

interface BenchModule {
  run(ctx: BenchContext): Promise<BenchTable | BenchTable[]>;
}

function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { connections: 50, durationSec: 10, rounds: 3, only: [] };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--only':
        args.only.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
        i++;
        break;
      case '--connections':
        args.connections = Number(value);
        i++;
        break;
      case '--duration':
        args.durationSec = Number(value);
        i++;
        break;
      case '--rounds':
        args.rounds = Number(value);
        i++;
        break;
      case '--out':
        args.out = value;
        i++;
        break;
      default:
        throw new Error(`unknown option ${argv[i]} (use --only <name>, --connections <n>, --duration <s>, --rounds <n>, --out <file>)`);
    }
  }
  if (!(args.connections > 0) || !(args.durationSec > 0) || !Number.isInteger(args.rounds) || args.rounds < 1) {
    throw new Error('--connections, --duration and --rounds must be positive');
  }
  return args;
}

/** Bench modules next to this file; `pull` first, then by name. */
function discover(): { name: string; file: string }[] {
  const ext = extname(__filename);
  const found = readdirSync(__dirname)
    .filter((f) => f.endsWith(`.bench${ext}`))
    .map((f) => ({ name: basename(f, `.bench${ext}`), file: join(__dirname, f) }));
  return found.sort((a, b) => (a.name === 'pull' ? -1 : b.name === 'pull' ? 1 : a.name.localeCompare(b.name)));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const all = discover();
  const unknown = args.only.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length) throw new Error(`no bench named ${unknown.join(', ')} (have: ${all.map((b) => b.name).join(', ')})`);
  const selected = args.only.length ? all.filter((b) => args.only.includes(b.name)) : all;

  const ctx = createContext(args);
  const tables: BenchTable[] = [];
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  console.log(`BridgeCore bench: ${selected.map((b) => b.name).join(', ')} · ${ctx.engines} · ${cpus().length} CPUs · node ${process.version}`);
  let failed = false;
  try {
    for (const bench of selected) {
      ctx.log(`running ${bench.name}`);
      try {
        const mod = (await import(bench.file)) as BenchModule;
        const result = await mod.run(ctx);
        for (const table of Array.isArray(result) ? result : [result]) {
          tables.push(table);
          printTable(table);
        }
      } catch (e) {
        failed = true;
        console.error(`bench ${bench.name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    }
  } finally {
    await ctx.close();
  }
  if (args.out) {
    const header = `Measured ${new Date().toISOString()} with \`${command}\` (${ctx.engines}, ${cpus().length} CPUs, node ${process.version}).`;
    writeFileSync(args.out, `${header}\n\n${tables.map(formatTable).join('\n\n')}\n`);
    console.log(`wrote ${args.out}`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
