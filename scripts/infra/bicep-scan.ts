/** Names of the `output` declarations of a Bicep file: what arm/deploy writes to env/.env.<name>. */
export function readBicepOutputs(source: string): string[] {
  return [...withoutComments(source).matchAll(/^\s*output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((match) => match[1] ?? '');
}

/**
 * The UPPER_SNAKE keys of the object literals in a Bicep file: in infra/modules/app-settings.bicep,
 * the names of the App Service app settings, i.e. the server's environment in Azure.
 * @remarks Bicep resource properties are camelCase, so only setting names are UPPER_SNAKE.
 */
export function readAppSettingNames(source: string): string[] {
  const names = [...withoutComments(source).matchAll(/^\s*'?([A-Z][A-Z0-9_]*)'?\s*:/gm)].map((match) => match[1] ?? '');
  return [...new Set(names)];
}

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}
