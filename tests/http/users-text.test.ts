import assert from 'node:assert/strict';
import { planCsv, planMarkdown } from '../../bot/http/api/plan-export.js';
import { translator } from '../../bot/i18n/translator.js';
import { channelAction, ids, personalMessage, team, teamPeople } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { cardOf, FakeConnector } from '../helpers/fake-connector.js';
import { seedTeam } from '../helpers/seed-team.js';

const clock = { current: new Date('2026-03-02T08:00:00.000Z'), now() { return new Date(this.current); } };

const PHISHING = '[Lærekraft: bekreft innloggingen](https://evil.example) **VIKTIG**';

/** Texts Teams parses as Markdown (TextBlock text, Fact title and value), and TextRun texts, which it does not. */
function texts(card: unknown): { markdown: string[]; runs: string[] } {
  const markdown: string[] = [];
  const runs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock') markdown.push(element.text as string);
    if (element.type === 'FactSet') for (const fact of element.facts as { title: string; value: string }[]) markdown.push(fact.title, fact.value);
    if (element.type === 'TextRun') runs.push(element.text as string);
    Object.values(element).forEach(walk);
  };
  walk(card);
  return { markdown, runs };
}

async function get(running: RunningApp, path: string): Promise<string> {
  const response = await fetch(`${running.url}${path}`, { headers: { 'accept-language': 'nb', 'x-dev-user': `${ids.tenant}/${ids.ingrid.aadObjectId}` } });
  assert.equal(response.status, 200, path);
  return response.text();
}

describe('users’ text over /api/messages and the exports', function () {
  let connector: FakeConnector;
  let running: RunningApp;
  const teamPath = `/api/v1/teams/${encodeURIComponent(team.id)}`;

  beforeEach(async function () {
    clock.current = new Date('2026-03-02T08:00:00.000Z');
    connector = await new FakeConnector().start();
    running = await startApp({ clock });
    await seedTeam(running, connector);
    connector.clear();
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  it('posts an anonymous answer with a Markdown link in the thread with the link not live', async function () {
    const course = running.app.courses.defaultCourse();
    const lessonId = course.content.nb!.lessons[1]!.id;
    const as = { serviceUrl: connector.url, user: teamPeople[3] };
    const response = await running.post(channelAction('reflection.submit', { courseId: course.id, lessonId, teamId: team.id, visibility: 'anonymous', answer1: PHISHING, answer2: '', answer3: '' }, as));
    assert.equal(response.status, 200);
    await running.app.services.outboxWorker.drain();
    const reply = connector.sentCards.find((card) => JSON.stringify(card).includes('evil.example'));
    assert.ok(reply, 'the shared reply was posted');
    const { markdown, runs } = texts(reply);
    assert.deepEqual(markdown.filter((text) => /evil\.example|\*\*|\]\(/.test(text)), [], 'no Markdown text carries the answer');
    assert.ok(runs.includes(PHISHING), 'the answer is shown exactly as typed, as a TextRun');
  });

  it('echoes an unknown command in personal chat as text, not Markdown', async function () {
    await running.post(personalMessage(PHISHING, { serviceUrl: connector.url, user: teamPeople[3] }));
    await connector.waitForSent(1);
    const { markdown, runs } = texts(cardOf(connector.sent.at(-1)!));
    assert.deepEqual(markdown.filter((text) => text.includes('evil.example')), []);
    assert.ok(runs.some((text) => text.includes(PHISHING)), 'the command is quoted as typed');
  });

  it('exports plan items that look like formulas as text in the CSV, and as inert Markdown in the .md', async function () {
    const items = ['=HYPERLINK("https://evil.example","Klikk")', '+1', '-1', '@SUM(A1:A2)', `${PHISHING} # ikke overskrift`];
    for (const text of items) {
      const created = await fetch(`${running.url}${teamPath}/plan-items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'nb', 'x-dev-user': `${ids.tenant}/${ids.ingrid.aadObjectId}` },
        body: JSON.stringify({ text, ownerUserId: ids.ola.aadObjectId, dueDate: '2026-12-03' }),
      });
      assert.equal(created.status, 200, JSON.stringify(text));
    }
    const csv = await get(running, `${teamPath}/plan.csv`);
    for (const text of ['=HYPERLINK(', '+1', '-1', '@SUM(A1:A2)']) {
      assert.ok(!csv.split(/\r\n/).some((line) => line.startsWith(text) || line.includes(`;${text}`)), `${text} is written raw`);
    }
    assert.match(csv, /"'=HYPERLINK\(""https:\/\/evil\.example"",""Klikk""\)";Ola Hansen/);
    assert.match(csv, /\r\n'\+1;/);
    assert.match(csv, /\r\n'-1;/);
    assert.match(csv, /\r\n'@SUM\(A1:A2\);/);

    const md = await get(running, `${teamPath}/plan.md`);
    assert.doesNotMatch(md, /\]\(https:\/\/evil\.example\)/, 'no live link');
    assert.doesNotMatch(md, /(^|[^\\])\*\*VIKTIG/, 'no live emphasis');
    assert.match(md, /\\\[Lærekraft\\: bekreft innloggingen\\\]\\\(https\\:\/\/evil\\\.example\\\) \\\*\\\*VIKTIG\\\*\\\* \\# ikke overskrift/);
  });

  it('keeps a formula after a comma or tab inert when a spreadsheet splits the CSV on commas or tabs (English Excel)', async function () {
    const items = ['Tiltak,=HYPERLINK("https://evil.example","Klikk")', 'Innkjøp,+1', 'Møte\t@SUM(A1:A2)'];
    for (const text of items) {
      const created = await fetch(`${running.url}${teamPath}/plan-items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'nb', 'x-dev-user': `${ids.tenant}/${ids.ingrid.aadObjectId}` },
        body: JSON.stringify({ text, ownerUserId: ids.ola.aadObjectId, dueDate: '2026-12-03' }),
      });
      assert.equal(created.status, 200, JSON.stringify(text));
    }
    const csv = (await get(running, `${teamPath}/plan.csv`)).replace(/^\uFEFF/, '');
    for (const separator of [',', '\t']) {
      for (const field of splitFields(csv, separator)) assert.doesNotMatch(field, /^[=+\-@]/, `a cell starts a formula when split on ${JSON.stringify(separator)}: ${field}`);
    }
  });

  it('escapes an owner name that looks like a formula, and a team name in the Markdown heading', function () {
    const t = translator('nb');
    const input = {
      teamName: '[Oppvekst](https://evil.example)',
      items: [
        { id: 'i1', text: 'Tiltak', status: 'planned' as const, dueDate: undefined, owner: { userId: 'u', name: '=cmd|" /C calc"!A0' } },
        { id: 'i2', text: '\t=1+1', status: 'planned' as const, dueDate: undefined, owner: { userId: 'u', name: '@Kari' } },
        { id: 'i3', text: '\r=1+1', status: 'planned' as const, dueDate: undefined, owner: undefined },
      ],
      questions: [],
      shared: [],
      today: '2026-12-03',
    };
    const csv = planCsv(input as unknown as Parameters<typeof planCsv>[0], t);
    assert.match(csv, /\r\nTiltak;"'=cmd\|"" \/C calc""!A0";/);
    assert.match(csv, /\r\n"'\t=1\+1";'@Kari;/);
    assert.match(csv, /\r\n"'\r=1\+1";;/);
    const md = planMarkdown(input as unknown as Parameters<typeof planMarkdown>[0], t);
    assert.match(md, /^# Plan for neste steg: \\\[Oppvekst\\\]\\\(https\\:\/\/evil\\\.example\\\)\n/);
    assert.match(md, /Laget 3\. desember 2026 med Lærekraft\./);
  });
});

/** The fields of a CSV text as a spreadsheet splits it on `separator`: quotes count only at the start of a field. */
function splitFields(csv: string, separator: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let start = true;
  for (let i = 0; i < csv.length; i += 1) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') (field += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && start) quoted = true;
    else if (c === separator || c === '\n' || c === '\r') {
      fields.push(field);
      field = '';
      start = true;
      continue;
    } else field += c;
    start = false;
  }
  fields.push(field);
  return fields;
}
