/**
 * A card's heading: catalog or course text only, never a person's words or a value that starts the line.
 * @remarks It stays a Markdown `TextBlock` with `style: "heading"` so screen readers announce it; everything else on a
 * card is a `TextRun`, which Teams never parses as Markdown (see `renderCard`).
 */
export type HeadingText = string;

/** A line of text in a repeated block. */
export type TextItem = { readonly text: string };

/** A button that sends a typed command (`Action.Submit` with `{ command }`). */
export type CommandButton = { readonly label: string; readonly command: string };

/** A button that runs a card verb (`Action.Execute`). */
export type ExecuteButton = { readonly label: string; readonly verb: string; readonly data: Readonly<Record<string, string>> };

/** A choice in an `Input.ChoiceSet`. */
export type Choice = { readonly title: string; readonly value: string };

/**
 * Universal Actions refresh: each listed viewer's Teams client asks the bot for their own view.
 * @remarks `refreshUserIds` null means "on demand only" (teams larger than Teams allows for automatic refresh).
 */
export type RefreshData = {
  readonly hasRefresh: boolean;
  readonly refreshVerb: string;
  readonly refreshUserIds: readonly string[] | null;
};

/** Data for `lesson.json`. */
export type LessonCardData = {
  readonly position: string;
  readonly title: HeadingText;
  readonly hasImage: boolean;
  readonly imageUrl: string;
  readonly imageAlt: string;
  readonly paragraphs: readonly TextItem[];
  readonly keyFactLabel: string;
  readonly keyFact: string;
  readonly goalsLabel: string;
  /** The goals as a Markdown list. */
  readonly goalList: string;
  readonly sourcesLabel: string;
  /** The sources as a Markdown list of links. */
  readonly sourceList: string;
  readonly read: boolean;
  readonly hasNext: boolean;
  readonly doneText: string;
  readonly pleaseMarkText: string;
  readonly markReadLabel: string;
  readonly markReadVerb: string;
  readonly nextLabel: string;
  readonly progressLabel: string;
  readonly courseId: string;
  readonly lessonId: string;
  /** Empty in personal chat. */
  readonly teamId: string;
  /** "12 of 25 have read it", or empty. */
  readonly countText: string;
  /** cert: whether the read card offers the lesson's knowledge check. */
  readonly hasKnowledge: boolean;
  readonly knowledgeLabel: string;
  readonly knowledgeVerb: string;
} & RefreshData;

/** Data for `reflection.json`. */
export type ReflectionCardData = {
  readonly title: HeadingText;
  readonly intro: string;
  readonly problems: readonly TextItem[];
  readonly questions: readonly { readonly id: string; readonly label: string; readonly value: string }[];
  readonly placeholder: string;
  readonly maxLength: number;
  /** The hint under the answers: saved answers are in the fields, or empty fields keep saved answers. */
  readonly answerHint: string;
  /** Whether to offer "Show my answers" (a channel card that cannot be refreshed per viewer). */
  readonly showMine: boolean;
  readonly showMineHint: string;
  readonly showMineLabel: string;
  readonly showMineVerb: string;
  /** Digests of what each field showed (see answerBasis), sent back with the submission. */
  readonly basis: readonly string[];
  readonly limitText: string;
  readonly submitLabel: string;
  readonly submitVerb: string;
  readonly courseId: string;
  readonly lessonId: string;
  readonly teamId: string;
  readonly showVisibility: boolean;
  readonly visibilityLabel: string;
  readonly visibility: string;
  readonly visibilityChoices: readonly Choice[];
} & RefreshData;

/** Data for `reflection-saved.json`. */
export type ReflectionSavedCardData = {
  readonly title: HeadingText;
  readonly subtitle: string;
  readonly status: string;
  readonly answers: readonly { readonly question: string; readonly answer: string }[];
  readonly editLabel: string;
  readonly editVerb: string;
  readonly hasNext: boolean;
  readonly nextLabel: string;
  readonly progressLabel: string;
  readonly courseId: string;
  readonly lessonId: string;
  readonly teamId: string;
} & RefreshData;

/** Data for `welcome-personal.json`. */
export type WelcomePersonalCardData = {
  readonly title: HeadingText;
  readonly intro: string;
  readonly storedTitle: string;
  readonly stored: string;
  readonly howTo: string;
  readonly startLabel: string;
  readonly helpLabel: string;
};

/** Data for `help.json`. */
export type HelpCardData = {
  readonly hasLead: boolean;
  readonly lead: string;
  readonly title: HeadingText;
  readonly intro: string;
  readonly commands: readonly { readonly word: string; readonly description: string }[];
  readonly buttons: readonly CommandButton[];
  readonly executes: readonly ExecuteButton[];
};

/** Data for `progress.json`. */
export type ProgressCardData = {
  readonly title: HeadingText;
  readonly summary: string;
  readonly lessons: readonly TextItem[];
  readonly hasNext: boolean;
  readonly nextLabel: string;
  readonly helpLabel: string;
};

/** Data for `notice.json`: a short message with an optional follow-up button. */
export type NoticeCardData = {
  readonly title: string;
  readonly text: string;
  readonly color: 'Default' | 'Good' | 'Attention' | 'Warning';
  readonly buttons: readonly CommandButton[];
  readonly executes: readonly ExecuteButton[];
  readonly links: readonly { readonly label: string; readonly url: string }[];
};

/** Data for `welcome-team.json`. */
export type WelcomeTeamCardData = {
  readonly title: HeadingText;
  readonly intro: string;
  readonly storedTitle: string;
  readonly stored: string;
  readonly howTo: string;
  readonly executes: readonly ExecuteButton[];
};

/** Data for `setup.json`. */
export type SetupCardData = {
  readonly title: HeadingText;
  readonly intro: string;
  readonly problems: readonly TextItem[];
  readonly labels: Readonly<Record<'channel' | 'course' | 'language' | 'startDate' | 'lessonWeekday' | 'lessonTime' | 'interval' | 'reflectionDays' | 'reflectionTime' | 'mandatory' | 'dueDate', string>>;
  readonly values: Readonly<Record<'channelId' | 'courseId' | 'language' | 'startDate' | 'lessonWeekday' | 'lessonTime' | 'intervalWeeks' | 'reflectionDaysAfter' | 'reflectionTime' | 'mandatory' | 'dueDate', string>>;
  readonly channels: readonly Choice[];
  /** The courses the organisation offers; the choice is shown only when there is more than one. */
  readonly courses: readonly Choice[];
  readonly hasCourseChoice: boolean;
  readonly languages: readonly Choice[];
  readonly weekdays: readonly Choice[];
  readonly intervals: readonly Choice[];
  readonly reflectionDays: readonly Choice[];
  /** What a required input says when it is left empty (the client then refuses to submit). */
  readonly errors: Readonly<Record<'channel' | 'course' | 'language' | 'startDate' | 'lessonWeekday' | 'lessonTime' | 'reflectionTime', string>>;
  /** The allowed hours, said before a time is picked. */
  readonly hoursHint: string;
  readonly saveLabel: string;
  readonly saveVerb: string;
  readonly teamId: string;
};

/** Data for `setup-summary.json`. */
export type SetupSummaryCardData = {
  readonly title: HeadingText;
  /** Where the course goes ("… to the channel Oppvekst"): holds the channel's name, so it is shown as a TextRun. */
  readonly where: string;
  readonly facts: readonly { readonly title: string; readonly value: string }[];
  /** Times moved by the allowed hours, said in words. */
  readonly notes: readonly TextItem[];
  readonly executes: readonly ExecuteButton[];
};

/** Data for `shared-reply.json`: a reflection shared in a lesson thread. */
export type SharedReplyCardData = {
  readonly heading: string;
  readonly answers: readonly { readonly question: string; readonly answer: string }[];
};

/** Data for `plan.json`: the team's schedules, recent deliveries and the leader's controls. */
export type PlanCardData = {
  readonly title: HeadingText;
  readonly facts: readonly { readonly title: string; readonly value: string }[];
  readonly hoursNote: string;
  readonly recentTitle: string;
  readonly recent: readonly TextItem[];
  readonly executes: readonly ExecuteButton[];
};

/** Data for `next-steps.json`: the four questions of the seed's third tip, with named or anonymous sharing. */
export type NextStepsCardData = {
  readonly title: string;
  readonly intro: string;
  readonly saved: boolean;
  readonly status: string;
  readonly problems: readonly TextItem[];
  readonly questions: readonly { readonly id: string; readonly label: string; readonly value: string }[];
  readonly placeholder: string;
  readonly maxLength: number;
  /** The hint under the answers: saved answers are in the fields, or empty fields keep saved answers. */
  readonly answerHint: string;
  /** Whether to offer "Show my answers" (a channel card that cannot be refreshed per viewer). */
  readonly showMine: boolean;
  readonly showMineHint: string;
  readonly showMineLabel: string;
  readonly showMineVerb: string;
  /** Digests of what each field showed (see answerBasis), sent back with the submission. */
  readonly basis: readonly string[];
  readonly visibilityLabel: string;
  readonly visibility: string;
  readonly visibilityChoices: readonly Choice[];
  readonly limitText: string;
  readonly submitLabel: string;
  readonly submitVerb: string;
  readonly roundId: string;
  readonly teamId: string;
} & RefreshData;

/** Data for `knowledge-check.json` (cert): a lesson's multiple-choice questions, one expanded choice set each. */
export type KnowledgeCheckCardData = {
  readonly title: HeadingText;
  readonly subtitle: string;
  readonly intro: string;
  readonly hasProblem: boolean;
  readonly problem: string;
  readonly questions: readonly { readonly id: string; readonly label: string; readonly errorMessage: string; readonly value: string; readonly choices: readonly Choice[] }[];
  readonly submitLabel: string;
  readonly submitVerb: string;
  readonly courseId: string;
  readonly lessonId: string;
  readonly teamId: string;
};

/** Data for `knowledge-result.json` (cert): the person's choices, right or wrong, and every choice's explanation. */
export type KnowledgeResultCardData = {
  readonly title: HeadingText;
  readonly subtitle: string;
  readonly summary: string;
  readonly hasNote: boolean;
  readonly note: string;
  readonly questions: readonly {
    readonly prompt: string;
    readonly verdict: string;
    readonly verdictColor: 'Good' | 'Attention';
    readonly choices: readonly { readonly text: string; readonly weight: 'Bolder' | 'Default'; readonly mark: string; readonly markColor: 'Good' | 'Attention' | 'Default'; readonly explanation: string }[];
  }[];
  readonly hasNext: boolean;
  readonly nextLabel: string;
  readonly progressLabel: string;
  readonly teamId: string;
};

/** Every template by file name, with its data model. */
export type CardTemplates = {
  readonly lesson: LessonCardData;
  readonly reflection: ReflectionCardData;
  readonly 'reflection-saved': ReflectionSavedCardData;
  readonly 'welcome-personal': WelcomePersonalCardData;
  readonly help: HelpCardData;
  readonly progress: ProgressCardData;
  readonly notice: NoticeCardData;
  readonly 'welcome-team': WelcomeTeamCardData;
  readonly setup: SetupCardData;
  readonly 'setup-summary': SetupSummaryCardData;
  readonly 'shared-reply': SharedReplyCardData;
  readonly plan: PlanCardData;
  readonly 'next-steps': NextStepsCardData;
  readonly 'knowledge-check': KnowledgeCheckCardData;
  readonly 'knowledge-result': KnowledgeResultCardData;
  readonly dilemma: DilemmaCardData;
};

/** The name of a card template. */
export type TemplateName = keyof CardTemplates;

/** An expanded Adaptive Card, ready to send. */
export type AdaptiveCard = Readonly<Record<string, unknown>> & { readonly type: 'AdaptiveCard'; readonly version: string };

// dilemma
/** Data for `dilemma.json`: a dilemma, the viewer's own choice, and the distribution once the minimum group has answered. */
export type DilemmaCardData = {
  readonly title: string;
  readonly scenario: string;
  readonly status: string;
  readonly hasMine: boolean;
  readonly mine: string;
  readonly problems: readonly TextItem[];
  readonly revealed: boolean;
  readonly results: readonly {
    readonly heading: string;
    readonly gains: readonly TextItem[];
    readonly costs: readonly TextItem[];
  }[];
  readonly gainsLabel: string;
  readonly costsLabel: string;
  readonly optionLabel: string;
  readonly optionError: string;
  readonly option: string;
  readonly options: readonly Choice[];
  readonly reasonLabel: string;
  readonly reason: string;
  readonly placeholder: string;
  readonly maxLength: number;
  readonly answerHint: string;
  readonly showMine: boolean;
  readonly showMineHint: string;
  readonly showMineLabel: string;
  readonly showMineVerb: string;
  readonly basis: readonly string[];
  readonly visibilityLabel: string;
  readonly visibility: string;
  readonly visibilityChoices: readonly Choice[];
  readonly hasFollowUp: boolean;
  readonly followUp: string;
  readonly hasSources: boolean;
  readonly sourcesLabel: string;
  readonly sources: readonly { readonly title: string; readonly url: string }[];
  readonly submitLabel: string;
  readonly submitVerb: string;
  readonly roundId: string;
  readonly teamId: string;
} & RefreshData;
