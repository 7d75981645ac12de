import assert from 'node:assert/strict';
import { TestAdapter, type Activity } from 'botbuilder';
import pino from 'pino';
import sinon from 'sinon';
import { courseText } from '../../bot/core/course.js';
import { buildServices } from '../../bot/compose.js';
import { loadConfig } from '../../bot/config.js';
import { loadCourses } from '../../bot/course/load-courses.js';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { createAdapter, onTurnError } from '../../bot/teams/adapter.js';
import { LaerekraftBot } from '../../bot/teams/bot.js';
import { cardText } from '../helpers/fake-connector.js';

describe('LaerekraftBot (TestAdapter)', function () {
  let database: Storage;
  let bot: LaerekraftBot;
  let adapter: TestAdapter;
  let firstLessonTitle: string;

  beforeEach(async function () {
    database = await openStorage({ engine: 'sqlite', path: ':memory:' }, undefined);
    const repos = database.repositories;
    const { catalog } = await loadCourses();
    firstLessonTitle = courseText(catalog.defaultCourse(), 'nn').lessons[0]!.title;
    const clock = { now: () => new Date('2026-03-02T08:00:00Z') };
    const logger = pino({ level: 'silent' });
    const config = loadConfig({});
    bot = new LaerekraftBot(buildServices({ config, dataKey: database.dataKey, repositories: repos, courses: catalog, clock, logger }));
    adapter = new TestAdapter((context) => bot.run(context), { locale: 'nn-NO', conversation: { id: 'personal-1', conversationType: 'personal', isGroup: false, name: '' } } as Partial<Activity> as never);
    adapter.onTurnError = (context, error) => onTurnError(context, error, logger);
  });

  afterEach(async () => database.close());

  const text = (activity: Partial<Activity>) => cardText(activity.attachments?.[0]?.content);

  it('answers in Nynorsk for an nn-NO locale', async function () {
    await adapter.send({ type: 'message', text: 'start', locale: 'nn-NO' }).assertReply((reply) => {
      assert.match(text(reply), new RegExp(firstLessonTitle));
      assert.match(text(reply), /Eg har lese/);
    });
  });

  it('never answers with silence', async function () {
    await adapter.send({ type: 'message', text: '', locale: 'nn-NO' }).assertReply((reply) => assert.match(text(reply), /Dette kan du skrive til meg/));
  });

  it('answers a failing turn politely, without a stack trace', async function () {
    sinon.stub(database.database.db, 'selectFrom').throws(new Error('disk on fire at /var/lib/secret.ts:12'));
    try {
      await adapter.send({ type: 'message', text: 'framdrift', locale: 'nn-NO' }).assertReply((reply) => {
        assert.match(text(reply), /Orsak, noko gjekk gale hos oss/);
        assert.doesNotMatch(JSON.stringify(reply), /disk on fire|secret\.ts/);
      });
    } finally {
      sinon.restore();
    }
  });
});
