import type { AnswerSharing } from './answer-sharing.js';
import type { PersonRef } from './person.js';
import type { EnrollmentRepository, PersonalDataRepository, TeamRepository } from './ports.js';
import type { PersonalData } from './personal-data.js';

/** A person's right of access and right to erasure. */
export class MyDataService {
  constructor(
    private readonly deps: {
      readonly personalData: PersonalDataRepository;
      readonly sharing: AnswerSharing;
      readonly teamRepository: TeamRepository;
      readonly enrollmentRepository: EnrollmentRepository;
    },
  ) {}

  /** Everything stored about the person. */
  export(person: PersonRef): Promise<PersonalData> {
    return this.deps.personalData.export(person);
  }

  /**
   * Deletes everything about the person. Replies they shared are first replaced in their threads by a
   * "withdrawn by the author" note, so no public copy keeps their name or words; aggregates follow from the rows.
   */
  async erase(person: PersonRef): Promise<void> {
    const data = await this.deps.personalData.export(person);
    const shared = [
      ...data.reflections.filter((r) => r.sharedReplyId && r.teamId).map((r) => ({ replyId: r.sharedReplyId!, teamId: r.teamId! })),
      ...data.nextStepAnswers.filter((a) => a.sharedReplyId).map((a) => ({ replyId: a.sharedReplyId!, teamId: a.teamId })),
      ...data.dilemmaChoices.filter((c) => c.sharedReplyId).map((c) => ({ replyId: c.sharedReplyId!, teamId: c.teamId })),
    ];
    for (const { replyId, teamId } of shared) {
      const ref = { tenantId: person.tenantId, teamId };
      const [team, enrollments] = await Promise.all([this.deps.teamRepository.find(ref), this.deps.enrollmentRepository.list(ref)]);
      const enrollment = enrollments.at(-1);
      await this.deps.sharing.withdraw(replyId, team, enrollment?.language ?? 'nb');
    }
    await this.deps.personalData.erase(person);
  }
}
