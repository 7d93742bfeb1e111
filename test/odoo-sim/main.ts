import { startOdooSim } from './index';

/**
 * CLI: tsx test/odoo-sim/main.ts --port 8069 --db demo [--latency-ms N] [--recorded-latency] [--no-seed]
 * [--addon [--debounce-ms N]]. A stock Odoo unless --addon (or ODOO_SIM_ADDON=1) installs the auto_webhook addon.
 */

function argValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index !== -1) return args[index + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: odoo-sim [--port 8069] [--host 127.0.0.1] [--db demo] [--latency-ms N] [--recorded-latency] [--no-seed] [--addon] [--debounce-ms N]');
    return;
  }
  const withAddon = args.includes('--addon') || process.env.ODOO_SIM_ADDON === '1';
  const sim = await startOdooSim({
    port: Number(argValue(args, '--port') ?? 8069),
    host: argValue(args, '--host') ?? '127.0.0.1',
    db: argValue(args, '--db') ?? 'demo',
    latencyMs: Number(argValue(args, '--latency-ms') ?? 0),
    seed: !args.includes('--no-seed'),
    addon: withAddon ? { debounceMs: Number(argValue(args, '--debounce-ms') ?? 0) } : undefined,
  });
  if (args.includes('--recorded-latency')) sim.faults.useRecordedLatency();
  console.log(
    `odoo-sim: Odoo 18 simulator listening on ${sim.url} (db "${sim.db}", users admin/admin uid 2, demo/demo uid 6, ` +
      `${withAddon ? 'auto_webhook addon installed' : 'stock, no addon'})`,
  );
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
