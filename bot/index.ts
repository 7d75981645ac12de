import { ConfigError, loadConfig, type Config } from './config.js';
import { composeApp } from './compose.js';
import { createLogger } from './logger.js';

function banner(config: Config, url: string): string {
  const lines = [
    `Lærekraft is listening on ${url} (storage: ${config.storage.engine}${config.storage.engine === 'sqlite' ? ` at ${config.storage.path}` : ''})`,
    `  Bot endpoint: ${url}/api/messages   Health: ${url}/healthz`,
  ];
  if (config.localMode) {
    lines.push(
      '',
      '  ==========================================================================',
      '  LOCAL MODE: no BOT_ID is set, so requests are NOT authenticated.',
      '  Fine for trying it out on this machine; never expose it to a network.',
      '  Try it without Teams:  npm run playground  (in a second terminal)',
      '  ==========================================================================',
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await composeApp(config, logger);
  await new Promise<void>((resolve) => app.server.listen(config.port, config.host, resolve));
  app.runner.start();
  const address = app.server.address();
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${address.port}`;
  process.stdout.write(`${banner(config, url)}\n`);
  if (config.localMode) logger.warn({ host: config.host }, 'local mode: Bot Framework authentication is off');
  logger.info({ url, storage: config.storage.engine, localMode: config.localMode }, 'started');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Lærekraft could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
