import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app.config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  process.stdout.write(`BridgeCore listening on ${url} (docs: ${url}/docs, metrics: ${url}/metrics)\n`);
}

void main();
