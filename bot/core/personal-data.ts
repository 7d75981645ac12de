import type { NextStepAnswer } from './next-steps.js';
import type { DilemmaChoice } from './dilemma.js';
import type { PersonRef } from './person.js';
import type { Reflection } from './reflection.js';

/** Everything stored about one person, as they may see it. */
export type PersonalData = {
  readonly person: PersonRef;
  readonly language: string | undefined;
  /** The course the person chose to continue in personal chat, if any. */
  readonly chosenCourse: string | undefined;
  readonly lessonsRead: readonly { readonly courseId: string; readonly lessonId: string; readonly completedAt: string }[];
  readonly reflections: readonly (Reflection & { readonly teamId?: string })[];
  readonly nextStepAnswers: readonly (NextStepAnswer & { readonly teamId: string })[];
  readonly dilemmaChoices: readonly (DilemmaChoice & { readonly teamId: string })[];
  readonly teams: readonly { readonly teamId: string; readonly teamName: string; readonly nameOnRoster: string; readonly leaderRole: string | undefined }[];
  readonly planItemsOwned: readonly { readonly teamId: string; readonly text: string; readonly dueDate: string | undefined; readonly status: string }[];
  readonly pendingMessages: number;
  /** cert: the person's knowledge-check answers, and the courses whose certificate they fetched. */
  readonly knowledgeChecks: readonly { readonly courseId: string; readonly lessonId: string; readonly answers: Readonly<Record<string, string>>; readonly answeredAt: string }[];
  readonly certificates: readonly { readonly courseId: string }[];
  /**
   * Changes the person made to the organisation's settings as an administrator (the settings audit log, oldest first).
   * Kept when the person deletes their data: the log is the employer's documentation of a control measure
   * (arbeidsmiljøloven kap. 9) and is deleted only after AUDIT_RETENTION_DAYS (docs/privacy.md, section 2.4).
   */
  readonly settingsChanges: readonly { readonly at: string; readonly setting: string; readonly oldValue: unknown; readonly newValue: unknown; readonly decisionReference: string | undefined; readonly discussedOn: string | undefined; readonly nameRecorded: string }[];
};
