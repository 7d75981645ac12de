import type { EnvFilePair } from '../app-package/env-file.js';

type Rule = {
  readonly name: string;
  /** Returns what is wrong with the value, or undefined when it is fine. */
  readonly check: (value: string) => string | undefined;
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What `atk provision` needs to find in an environment's files before it starts. */
const RULES: readonly Rule[] = [
  { name: 'AZURE_SUBSCRIPTION_ID', check: (v) => (GUID.test(v) ? undefined : 'must be the subscription id (a GUID)') },
  { name: 'AZURE_RESOURCE_GROUP_NAME', check: (v) => (/^[-\w.()]{1,90}$/.test(v) && !v.endsWith('.') ? undefined : 'must be the name of an existing resource group') },
  { name: 'AZURE_LOCATION', check: (v) => (/^[a-z]+[a-z0-9]*$/.test(v) ? undefined : 'must be an Azure region name such as norwayeast') },
  { name: 'RESOURCE_SUFFIX', check: (v) => (/^[a-z0-9]{3,12}$/.test(v) ? undefined : 'must be 3 to 12 lowercase letters or digits') },
  { name: 'PUBLISHER_NAME', check: (v) => (v.length >= 1 && v.length <= 32 ? undefined : 'must be 1 to 32 characters') },
  { name: 'ALLOWED_TENANT_IDS', check: (v) => (v === '' || v.split(',').every((id) => GUID.test(id.trim())) ? undefined : 'must be empty or comma-separated tenant GUIDs') },
  { name: 'APP_SERVICE_SKU', check: (v) => (SKUS.includes(v) ? undefined : `must be one of ${SKUS.join(', ')}`) },
  { name: 'INSTANCE_COUNT', check: (v) => (/^([1-9]|10)$/.test(v) ? undefined : 'must be a whole number from 1 to 10') },
  { name: 'POSTGRES_BACKUP_RETENTION_DAYS', check: (v) => (/^\d+$/.test(v) && Number(v) >= 7 && Number(v) <= 35 ? undefined : 'must be a whole number from 7 to 35') },
  { name: 'POSTGRES_GEO_REDUNDANT_BACKUP', check: (v) => (['Enabled', 'Disabled'].includes(v) ? undefined : 'must be Enabled or Disabled') },
  { name: 'POSTGRES_SERVER_NAME', check: (v) => (/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(v) ? undefined : 'must be empty or a PostgreSQL server name (lowercase letters, digits, hyphens)') },
  { name: 'CUSTOM_DOMAIN', check: (v) => (/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i.test(v) ? undefined : 'must be empty or a host name without https:// (for example laerekraft.kommune.no)') },
  { name: 'ALERT_EMAIL', check: (v) => (/^[^\s@,;]+@[^\s@,;]+\.[a-z]{2,}$/i.test(v) ? undefined : 'must be empty or one e-mail address (for example drift@kommune.no)') },
  { name: 'BOT_AUTH_TYPE', check: (v) => (['UserAssignedMsi', 'SingleTenant'].includes(v) ? undefined : 'must be UserAssignedMsi or SingleTenant') },
  { name: 'BOT_APP_ID', check: (v) => (GUID.test(v) ? undefined : 'must be empty or the bot app registration\'s client id (a GUID)') },
  { name: 'SECRET_POSTGRES_ADMIN_PASSWORD', check: checkPassword },
  { name: 'SECRET_DATA_KEY', check: checkDataKey },
];

const SKUS = ['B1', 'B2', 'B3', 'S1', 'S2', 'S3', 'P0v3', 'P1v3', 'P2v3'];
const OPTIONAL = new Set(['ALLOWED_TENANT_IDS', 'SECRET_DATA_KEY', 'POSTGRES_SERVER_NAME', 'CUSTOM_DOMAIN', 'BOT_APP_ID', 'ALERT_EMAIL']);

/**
 * Checks an environment's files before the first or any later `atk provision`.
 * @returns one line per problem naming the variable and the file to fix; empty when ready.
 */
export function checkDeployEnv(files: EnvFilePair, envName: string): string[] {
  const committedFile = `env/.env.${envName}`;
  const userFile = `${committedFile}.user`;
  const problems: string[] = [];
  for (const [name, value] of Object.entries(files.committed)) {
    if (name.startsWith('SECRET_') && value.trim() !== '') problems.push(`${name} is a secret: move it from ${committedFile} to ${userFile}`);
  }
  for (const { name, check } of RULES) {
    const file = name.startsWith('SECRET_') ? userFile : committedFile;
    const value = (name.startsWith('SECRET_') ? files.user[name] : files.committed[name])?.trim();
    if (value === undefined) {
      if (!OPTIONAL.has(name)) problems.push(`${name} is missing from ${file}`);
      else if (name === 'SECRET_DATA_KEY') problems.push(`${name} is missing from ${file}: write "${name}=" (empty) once Key Vault holds the key, or the key itself for the first provision`);
      continue;
    }
    if (value === '' && OPTIONAL.has(name)) continue;
    const problem = value === '' ? 'has no value' : check(value);
    if (problem) problems.push(`${name} in ${file} ${problem}`);
  }
  return [...problems, ...crossChecks(files, committedFile, userFile), ...(isDevelopmentEnv(envName) ? [] : leftoverChecks(files, envName, committedFile))];
}

/** True for the environments meant for development (dev, local, test and names such as dev2 or test-oslo). */
export function isDevelopmentEnv(envName: string): boolean {
  return /^(dev|local|test)([-_]?[a-z0-9]*)?$/i.test(envName);
}

const DEV_WORD = /(^|[^a-z])(dev|devel|development|utvikling|test)([^a-z]|$)/i;
const LOCAL_HOST = /(localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0|devtunnels\.ms|ngrok)/i;

/** Leftovers of a copied env/.env.dev (or a developer's tunnel) that must not reach a production environment. */
function leftoverChecks(files: EnvFilePair, envName: string, committedFile: string): string[] {
  const problems: string[] = [];
  const value = (name: string): string => (files.committed[name] ?? '').trim();
  const teamsfxEnv = value('TEAMSFX_ENV');
  if (teamsfxEnv !== '' && teamsfxEnv !== envName) problems.push(`TEAMSFX_ENV in ${committedFile} is "${teamsfxEnv}": set it to ${envName}`);
  const suffix = value('APP_NAME_SUFFIX');
  if (suffix !== '') problems.push(`APP_NAME_SUFFIX in ${committedFile} is "${suffix}", left from a development file: leave it empty in a production environment`);
  const suffixValue = value('RESOURCE_SUFFIX');
  if (/dev|test/i.test(suffixValue)) problems.push(`RESOURCE_SUFFIX in ${committedFile} is "${suffixValue}", a development name: choose one for production, e.g. your municipality's name`);
  for (const name of ['AZURE_RESOURCE_GROUP_NAME', 'PUBLISHER_NAME', 'CUSTOM_DOMAIN', 'POSTGRES_SERVER_NAME']) {
    const text = value(name);
    if (DEV_WORD.test(text)) problems.push(`${name} in ${committedFile} is "${text}", a development name: choose one for production`);
  }
  for (const [name, raw] of Object.entries(files.committed)) {
    if (LOCAL_HOST.test(raw ?? '')) problems.push(`${name} in ${committedFile} points at a developer machine or tunnel ("${(raw ?? '').trim()}"): a production environment must use its own App Service or domain`);
  }
  return problems;
}

function crossChecks(files: EnvFilePair, committedFile: string, userFile: string): string[] {
  const problems: string[] = [];
  const sku = files.committed['APP_SERVICE_SKU'] ?? '';
  if (sku.startsWith('B') && Number(files.committed['INSTANCE_COUNT']) > 3) {
    problems.push(`INSTANCE_COUNT in ${committedFile} can be at most 3 with APP_SERVICE_SKU ${sku}; choose S1 or P0v3 for more`);
  }
  if (files.committed['BOT_AUTH_TYPE'] === 'SingleTenant') {
    if (!files.committed['BOT_APP_ID']?.trim()) problems.push(`BOT_APP_ID in ${committedFile} is required when BOT_AUTH_TYPE is SingleTenant`);
    if (!files.user['SECRET_BOT_PASSWORD']?.trim()) problems.push(`SECRET_BOT_PASSWORD in ${userFile} is required when BOT_AUTH_TYPE is SingleTenant`);
  }
  return problems;
}

function checkPassword(value: string): string | undefined {
  if (value.length < 16 || value.length > 128) return 'must be 16 to 128 characters';
  if (value.includes('${{')) return 'is an unfilled placeholder';
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((kind) => kind.test(value)).length;
  return kinds >= 3 ? undefined : 'must mix at least three of: lowercase, uppercase, digits, symbols (PostgreSQL rule)';
}

function checkDataKey(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return 'must be base64 (openssl rand -base64 32)';
  return Buffer.from(value, 'base64').length === 32 ? undefined : 'must be 32 random bytes in base64 (openssl rand -base64 32)';
}
