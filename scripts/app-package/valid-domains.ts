/**
 * Checks that the host of every http(s) URL in a filled manifest is listed in `validDomains`.
 * @returns one line per problem naming the JSON path; empty when every host is listed.
 * @remarks `$schema` is skipped; `*.example.com` matches one or more labels below example.com, as Teams reads it.
 */
export function checkValidDomains(manifest: Readonly<Record<string, unknown>>, file: string): string[] {
  const domains = Array.isArray(manifest['validDomains']) ? manifest['validDomains'].filter((d): d is string => typeof d === 'string') : [];
  const problems = domains.filter((domain) => domain.includes('://') || domain.includes('/')).map((domain) => `${file}: validDomains entry "${domain}" must be a host name without scheme or path`);
  for (const [path, url] of urls(manifest, '')) {
    let host: string;
    try {
      host = new URL(url).host.toLowerCase();
    } catch {
      problems.push(`${file}: ${path} is not a valid URL: ${url}`);
      continue;
    }
    if (!domains.some((domain) => hostMatches(host, domain.toLowerCase()))) {
      problems.push(`${file}: ${path} points to ${host}, which validDomains does not list`);
    }
  }
  return problems;
}

function hostMatches(host: string, domain: string): boolean {
  if (domain.startsWith('*.')) return host.endsWith(domain.slice(1)) && host.length > domain.length - 1;
  return host === domain;
}

function* urls(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') {
    if (/^https?:\/\//i.test(value)) yield [path, value];
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* urls(item, `${path}[${index}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (path === '' && key === '$schema') continue;
      yield* urls(item, path === '' ? key : `${path}.${key}`);
    }
  }
}
