import type { Kysely } from 'kysely';
import type { CertificateRepository } from '../../core/certificate.js';
import type { PersonRef } from '../../core/person.js';
import type { TeamRef } from '../../core/team.js';
import type { Database } from '../schema.js';

/** Certificates fetched (`certificates`: tenant, person, course, nothing more) and the days lessons were read. */
export class SqlCertificateRepository implements CertificateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async readDays(person: PersonRef, courseId: string): Promise<ReadonlyMap<string, string>> {
    const rows = await this.db
      .selectFrom('lesson_progress')
      .select(['lesson_id', 'completed_at'])
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .where('course_id', '=', courseId)
      .execute();
    return new Map(rows.map((row) => [row.lesson_id, row.completed_at.slice(0, 10)]));
  }

  async record(person: PersonRef, courseId: string): Promise<void> {
    await this.db
      .insertInto('certificates')
      .values({ tenant_id: person.tenantId, user_id: person.userId, course_id: courseId })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'course_id']).doNothing())
      .execute();
  }

  async countInTeam(team: TeamRef, courseId: string): Promise<{ readonly certified: number; readonly members: number }> {
    const [members, certified] = await Promise.all([
      this.db
        .selectFrom('team_members')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('tenant_id', '=', team.tenantId)
        .where('team_id', '=', team.teamId)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('team_members as m')
        .innerJoin('certificates as c', (join) => join.onRef('c.tenant_id', '=', 'm.tenant_id').onRef('c.user_id', '=', 'm.user_id'))
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('m.tenant_id', '=', team.tenantId)
        .where('m.team_id', '=', team.teamId)
        .where('c.course_id', '=', courseId)
        .executeTakeFirstOrThrow(),
    ]);
    return { certified: Number(certified.n), members: Number(members.n) };
  }
}
