import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/app-package/app-files.js';

const guide = (): Promise<string> => readFile(join(repoRoot(), 'docs/deploy.md'), 'utf8');

type Block = { readonly language: string; readonly text: string; readonly line: number };

function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^\s*```(\w*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && !/^\s*```\s*$/.test(lines[i] ?? ''); i += 1) body.push(lines[i] ?? '');
    blocks.push({ language: open[1] ?? '', text: body.join('\n'), line: start + 1 });
  }
  return blocks;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** Syntax a Windows administrator's PowerShell does not understand. */
const BASH_ONLY = /(\\$)|^\s*(cp|curl|grep|openssl|export|cat|rm)\s/m;

describe('docs/deploy.md, as an IT administrator reads it', () => {
  it('shows a PowerShell block right after every command block that only works in bash', async () => {
    const blocks = codeBlocks(await guide());
    const missing = blocks.flatMap((block, index) => (block.language === 'sh' && BASH_ONLY.test(block.text) && blocks[index + 1]?.language !== 'powershell' ? [`line ${block.line}: ${block.text.split('\n')[0]}`] : []));
    assert.deepEqual(missing, []);
    assert.ok(blocks.filter((block) => block.language === 'powershell').length >= 5);
  });

  it('links only to headings that exist', async () => {
    const text = await guide();
    const headings = new Set([...text.matchAll(/^#{1,4} (.+)$/gm)].map((match) => anchor(match[1] ?? '')));
    const links = [...text.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1] ?? '');
    assert.ok(links.length > 5);
    assert.deepEqual(links.filter((link) => !headings.has(link)), []);
  });

  it('covers what the administrator needs: roles, the build, Teams availability, the bot tier, costs, alerts', async () => {
    const text = await guide();
    for (const expected of [
      'npm run check:deploy-env -- --env prod',
      'npm run package:deploy',
      'build/app-service/',
      'Contributor',
      'Owner',
      'Cloud Application Administrator',
      'Application Administrator',
      'Privileged Role Administrator',
      'Teams Administrator',
      'Available to',
      'Edit availability',
      'Publish to your org',
      'Add an owner',
      'F0',
      'standard channel',
      '5,000 employees',
      'excluding VAT',
      'ALERT_EMAIL',
      'delivery failed',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
  });
});
