import pino from 'pino';
import { loadConfig } from '../bot/config.js';
import { createLogger } from '../bot/logger.js';
import { openStorage } from '../bot/storage/open-storage.js';
import { resealOutdated } from '../bot/storage/reseal.js';

/*
 * npm run data-key:rotate [-- --batch N]: re-seals every sealed value under the current DATA_KEY, in batches, while
 * the app keeps running. Give the app and this script DATA_KEY = the new key and DATA_KEYS_PREVIOUS = the old one(s),
 * run it, then drop the old key from DATA_KEYS_PREVIOUS once it has finished.
 */
let logger: pino.Logger = createLogger('info');
try {
  const config = loadConfig();
  logger = createLogger(config.logLevel);
  if (!config.dataKey) throw new Error('DATA_KEY is not set: there is nothing to rotate to (the key generated in local mode is not rotated)');
  const batchArgument = process.argv.indexOf('--batch');
  const batch = batchArgument >= 0 ? Number(process.argv[batchArgument + 1]) : 200;
  if (!Number.isInteger(batch) || batch < 1) throw new Error('--batch must be a whole number of rows, at least 1');
  const storage = await openStorage(config.storage, config.dataKey, config.previousDataKeys);
  try {
    const report = await resealOutdated(storage.database.db, storage.sealer, { batch, engine: storage.database.engine });
    logger.info({ ...report, keyId: storage.sealer.currentKeyId }, 'every sealed value is under the current data key; the previous keys can be removed from DATA_KEYS_PREVIOUS');
  } finally {
    await storage.close();
  }
} catch (error) {
  logger.error({ err: error }, error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
