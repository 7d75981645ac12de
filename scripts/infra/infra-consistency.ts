import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readAppSettingNames, readBicepOutputs } from './bicep-scan.js';
import { readConfigVariables } from './config-variables.js';
import { parseManualSettings } from './manual-settings.js';
import type { ManualSetting } from './manual-settings.js';

/** The files the check reads, relative to the repository root. */
export const INFRA_FILES = {
  config: 'bot/config.ts',
  template: 'infra/azure.bicep',
  appSettings: 'infra/modules/app-settings.bicep',
  manual: 'infra/manual-settings.json',
  guide: 'docs/deploy.md',
} as const;

/** What the check compares: read from the files, or built by a test. */
export type InfraFacts = {
  /** Variables bot/config.ts reads. */
  readonly configVariables: readonly string[];
  /** App settings infra sets on the App Service (the server's environment in Azure). */
  readonly appSettings: readonly string[];
  /** Outputs of infra/azure.bicep (written to env/.env.<name>). */
  readonly outputs: readonly string[];
  /** Variables documented as set by hand, by the platform, or left at their default. */
  readonly manual: readonly ManualSetting[];
  /** The text of docs/deploy.md. */
  readonly guide: string;
};

/** Reads every input of the check from a repository. */
export async function loadInfraFacts(root: string): Promise<InfraFacts> {
  const read = (path: string) => readFile(join(root, path), 'utf8');
  return {
    configVariables: readConfigVariables(await read(INFRA_FILES.config)),
    appSettings: readAppSettingNames(await read(INFRA_FILES.appSettings)),
    outputs: readBicepOutputs(await read(INFRA_FILES.template)),
    manual: parseManualSettings(await read(INFRA_FILES.manual)),
    guide: await read(INFRA_FILES.guide),
  };
}

/**
 * Every variable bot/config.ts reads must be set by infrastructure (an app setting or an output) or be listed
 * in infra/manual-settings.json; every listed one must be documented in docs/deploy.md and not also set by infra.
 * @returns one line per problem; empty when consistent.
 */
export function checkInfraConsistency(facts: InfraFacts): string[] {
  const byInfra = new Set([...facts.appSettings, ...facts.outputs]);
  const manual = new Set(facts.manual.map((setting) => setting.name));
  const problems: string[] = [];
  for (const name of facts.configVariables) {
    if (!byInfra.has(name) && !manual.has(name)) {
      problems.push(
        `${name} is read by ${INFRA_FILES.config} but neither set by infra (${INFRA_FILES.appSettings}, outputs of ${INFRA_FILES.template}) ` +
          `nor listed in ${INFRA_FILES.manual} with how it gets its value`,
      );
    }
  }
  for (const { name } of facts.manual) {
    if (byInfra.has(name)) problems.push(`${name} is listed in ${INFRA_FILES.manual} but infra sets it; remove it from the list`);
    if (!facts.guide.includes(`\`${name}\``)) problems.push(`${name} is listed in ${INFRA_FILES.manual} but ${INFRA_FILES.guide} does not mention \`${name}\``);
  }
  return problems;
}
