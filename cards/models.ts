/** A line of text in a repeated block. */
export type TextItem = { readonly text: string };

/** Data for `lesson.json`. */
export type LessonCardData = {
  readonly position: string;
  readonly title: string;
  readonly hasImage: boolean;
  readonly imageUrl: string;
  readonly imageAlt: string;
  readonly paragraphs: readonly TextItem[];
  readonly keyFactLabel: string;
  readonly keyFact: string;
  readonly goalsLabel: string;
  readonly goals: readonly TextItem[];
  readonly sourcesLabel: string;
  readonly sources: readonly TextItem[];
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
};

/** Data for `reflection.json`. */
export type ReflectionCardData = {
  readonly title: string;
  readonly intro: string;
  readonly problems: readonly TextItem[];
  readonly questions: readonly { readonly id: string; readonly label: string; readonly value: string }[];
  readonly placeholder: string;
  readonly maxLength: number;
  readonly limitText: string;
  readonly submitLabel: string;
  readonly submitVerb: string;
  readonly courseId: string;
  readonly lessonId: string;
};

/** Data for `reflection-saved.json`. */
export type ReflectionSavedCardData = {
  readonly title: string;
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
};

/** Data for `welcome-personal.json`. */
export type WelcomePersonalCardData = {
  readonly title: string;
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
  readonly title: string;
  readonly intro: string;
  readonly commands: readonly { readonly word: string; readonly description: string }[];
  readonly startLabel: string;
  readonly progressLabel: string;
};

/** Data for `progress.json`. */
export type ProgressCardData = {
  readonly title: string;
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
  readonly hasAction: boolean;
  readonly actionLabel: string;
  readonly actionCommand: string;
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
};

/** The name of a card template. */
export type TemplateName = keyof CardTemplates;

/** An expanded Adaptive Card, ready to send. */
export type AdaptiveCard = Readonly<Record<string, unknown>> & { readonly type: 'AdaptiveCard'; readonly version: string };
