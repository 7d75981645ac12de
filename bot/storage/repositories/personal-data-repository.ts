import type { Kysely } from 'kysely';
import type { PersonRef } from '../../core/person.js';
import type { DilemmaRepository, NextStepRepository, PersonalDataRepository, PersonRepository, ReflectionRepository } from '../../core/ports.js';
import type { PersonalData } from '../../core/personal-data.js';
import type { KnowledgeRepository } from '../../core/knowledge.js';
import { truncateWal } from '../database.js';
import type { Database } from '../schema.js';
import { lockRounds } from './round-lock.js';
import { roundsAnsweredBy } from './sealed-answer-store.js';
import type { ReportSummary } from './report-summary.js';

/**
 * Reads and erases everything about one person, across every table.
 * @remarks The erase list is the single place that knows where a person can appear; the test for
 * "delete my data" checks every table afterwards, so a new table that refers to people must be added here.
 */
export class SqlPersonalDataRepository implements PersonalDataRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repos: {
      readonly people: PersonRepository;
      readonly reflections: ReflectionRepository;
      readonly nextSteps: NextStepRepository;
      readonly knowledge: KnowledgeRepository;
      readonly dilemmas: DilemmaRepository;
    },
    private readonly engine: 'sqlite' | 'postgres',
    private readonly summary: ReportSummary,
  ) {}

  async export(person: PersonRef): Promise<PersonalData> {
    const { tenantId, userId } = person;
    const [language, chosenCourse, progress, reflectionCourses, nextStepAnswers, memberships, leaderRoles, planItems, pending, dilemmaChoices, audit] = await Promise.all([
      this.repos.people.language(person),
      this.repos.people.chosenCourse(person),
      this.db.selectFrom('lesson_progress').select(['course_id', 'lesson_id', 'completed_at']).where('tenant_id', '=', tenantId).where('user_id', '=', userId).orderBy('completed_at').execute(),
      this.db.selectFrom('reflections').select('course_id').distinct().where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute(),
      this.repos.nextSteps.answersOf(person),
      this.db
        .selectFrom('team_members as m')
        .leftJoin('teams as t', (join) => join.onRef('t.tenant_id', '=', 'm.tenant_id').onRef('t.team_id', '=', 'm.team_id'))
        .select(['m.team_id', 'm.name', 't.name as team_name'])
        .where('m.tenant_id', '=', tenantId)
        .where('m.user_id', '=', userId)
        .execute(),
      this.db.selectFrom('team_leaders').select(['team_id', 'role']).where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute(),
      this.db.selectFrom('plan_items').select(['team_id', 'text', 'due_date', 'status']).where('tenant_id', '=', tenantId).where('owner_user_id', '=', userId).execute(),
      this.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string | number>().as('n')).where('tenant_id', '=', tenantId).where('target_key', '=', userId).where('status', 'in', ['pending', 'leased']).executeTakeFirstOrThrow(),
      this.repos.dilemmas.choicesOf(person),
      this.db
        .selectFrom('settings_audit')
        .select(['at', 'actor_name', 'setting', 'old_value', 'new_value', 'decision_reference', 'discussed_on'])
        .where('tenant_id', '=', tenantId)
        .where('actor_id', '=', userId)
        .orderBy('at')
        .orderBy('id')
        .execute(),
    ]);
    // cert: knowledge-check results (opened for the person) and which courses' certificates they have fetched.
    const [knowledgeChecks, certificates] = await Promise.all([
      this.repos.knowledge.listForPerson(person),
      this.db.selectFrom('certificates').select('course_id').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute(),
    ]);
    const reflections = (await Promise.all(reflectionCourses.map((row) => this.repos.reflections.listForPerson(person, row.course_id)))).flat();
    const roles = new Map(leaderRoles.map((row) => [row.team_id, row.role]));
    const teamIds = new Set([...memberships.map((row) => row.team_id), ...roles.keys()]);
    return {
      person,
      language,
      chosenCourse,
      lessonsRead: progress.map((row) => ({ courseId: row.course_id, lessonId: row.lesson_id, completedAt: row.completed_at })),
      reflections,
      nextStepAnswers,
      dilemmaChoices,
      teams: [...teamIds].map((teamId) => {
        const membership = memberships.find((row) => row.team_id === teamId);
        return { teamId, teamName: membership?.team_name ?? '', nameOnRoster: membership?.name ?? '', leaderRole: roles.get(teamId) };
      }),
      planItemsOwned: planItems.map((row) => ({ teamId: row.team_id, text: row.text, dueDate: row.due_date ?? undefined, status: row.status })),
      pendingMessages: Number(pending.n),
      knowledgeChecks: knowledgeChecks.map((result) => ({ courseId: result.courseId, lessonId: result.lessonId, answers: result.answers, answeredAt: result.answeredAt.toISOString() })),
      certificates: certificates.map((row) => ({ courseId: row.course_id })),
      settingsChanges: audit.map((row) => ({
        at: row.at,
        setting: row.setting,
        oldValue: parseJson(row.old_value),
        newValue: parseJson(row.new_value),
        decisionReference: row.decision_reference ?? undefined,
        discussedOn: row.discussed_on ?? undefined,
        nameRecorded: row.actor_name,
      })),
    };
  }

  async erase(person: PersonRef): Promise<void> {
    const { tenantId, userId } = person;
    await this.db.transaction().execute(async (trx) => {
      // Wait for any rewrite of the rounds the person answered in, so the deletes below meet their current rows.
      await lockRounds(trx, this.engine, await roundsAnsweredBy(trx, person));
      const teams = await this.summary.teamsOf(trx, tenantId, userId);
      await this.summary.removePerson(trx, tenantId, userId);
      for (const table of ['lesson_progress', 'reflections', 'next_step_answers', 'dilemma_choices', 'team_members', 'team_leaders', 'reminder_days', 'knowledge_results', 'certificates'] as const) {
        await trx.deleteFrom(table).where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
      }
      // The report summary's rows of the teams they were in, without them.
      await this.summary.refreshTeams(trx, tenantId, teams);
      await trx.deleteFrom('welcomes').where('tenant_id', '=', tenantId).where('welcome_key', '=', `personal:${userId}`).execute();
      await trx.deleteFrom('outbox').where('tenant_id', '=', tenantId).where('target_key', '=', userId).execute();
      await trx.updateTable('plan_items').set({ owner_user_id: null, owner_name: null }).where('tenant_id', '=', tenantId).where('owner_user_id', '=', userId).execute();
      await trx.updateTable('enrollments').set({ created_by: '' }).where('tenant_id', '=', tenantId).where('created_by', '=', userId).execute();
      await trx.updateTable('tenant_packs').set({ published_by: '' }).where('tenant_id', '=', tenantId).where('published_by', '=', userId).execute();
      // Kept on purpose: the person's entries in `settings_audit` (changes they made as an administrator), the
      // employer's documentation of a control measure; deleted only by its retention (docs/privacy.md, section 2.4).
    });
    await this.repos.people.remove(person);
    await truncateWal(this.db, this.engine);
  }
}

/** A stored JSON value, or the text itself when it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
