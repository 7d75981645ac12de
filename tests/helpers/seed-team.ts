import { channelAction, ids, team, teamInstall, teamPeople, type TestUser } from './activities.js';
import type { RunningApp } from './app-harness.js';
import type { FakeConnector } from './fake-connector.js';

/** The setup the seeded team gets (start 9 March 2026, Mondays 09:00, mandatory, due 8 May). */
export const seededSetup = {
  teamId: team.id,
  channelId: team.id,
  language: 'nb',
  startDate: '2026-03-09',
  lessonWeekday: '1',
  lessonTime: '09:00',
  intervalWeeks: '1',
  reflectionDaysAfter: '2',
  reflectionTime: '14:00',
  mandatory: 'true',
  dueDate: '2026-05-08',
};

/**
 * Seeds a department as people would, through /api/messages: the team is installed, Ingrid sets the course up
 * (and so leads it), two lessons are posted, some members read them, and a reflection round has a named, an
 * anonymous and a private answer.
 * @remarks `members` chooses the roster size (5 by default, the minimum group size).
 */
export async function seedTeam(running: RunningApp, connector: FakeConnector, options: { readonly members?: number; readonly teamId?: string; readonly name?: string } = {}): Promise<void> {
  const teamId = options.teamId ?? team.id;
  const people = teamPeople.slice(0, options.members ?? 5);
  connector.teams.set(teamId, { id: teamId, name: options.name ?? team.name, aadGroupId: `${team.aadGroupId}-${teamId.length}`, channels: [{ id: teamId }], members: people.map((p) => ({ ...p })) });
  const as = (user: TestUser) => ({ serviceUrl: connector.url, user, teamId });
  await running.post(teamInstall({ serviceUrl: connector.url, teamId }));
  await running.post(channelAction('setup.save', { ...seededSetup, teamId, channelId: teamId }, as(ids.ingrid)));
  // "Send now" only queues: the outbox worker posts.
  await running.post(channelAction('lesson.post', { teamId }, as(ids.ingrid)));
  await running.app.services.outboxWorker.drain();
  await running.post(channelAction('lesson.post', { teamId }, as(ids.ingrid)));
  await running.app.services.outboxWorker.drain();
  const course = running.app.courses.defaultCourse();
  const lessons = course.content.nb!.lessons;
  for (const [index, person] of people.entries()) {
    if (index < 3) await running.post(channelAction('lesson.read', { courseId: course.id, lessonId: lessons[0]!.id, teamId }, as(person)));
    if (index < 1) await running.post(channelAction('lesson.read', { courseId: course.id, lessonId: lessons[1]!.id, teamId }, as(person)));
  }
  await running.post(channelAction('round.start', { teamId }, as(ids.ingrid)));
  await running.app.services.outboxWorker.drain();
  const reflect = (person: TestUser, visibility: string, answer1: string) =>
    running.post(channelAction('reflection.submit', { courseId: course.id, lessonId: lessons[1]!.id, teamId, visibility, answer1, answer2: '', answer3: '' }, as(person)));
  await reflect(people[0]!, 'named', 'Delt med navn');
  if (people[1]) await reflect(people[1], 'anonymous', 'Delt anonymt');
  if (people[2]) await reflect(people[2], 'private', 'Bare for meg');
  // The shared answers reach the thread through the outbox.
  await running.app.services.outboxWorker.drain();
}
