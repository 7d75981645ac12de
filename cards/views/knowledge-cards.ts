import type { KnowledgeQuestion, Lesson } from '../../bot/core/course.js';
import { knowledgeField, type KnowledgeAnswers } from '../../bot/core/knowledge.js';
import type { Translator } from '../../bot/i18n/translator.js';
import type { AdaptiveCard } from '../models.js';
import { renderCard } from '../render.js';
import { verbs } from '../verbs.js';

/** The lesson's knowledge check: one expanded choice set per question (the question is its label). */
export function knowledgeCheckCard(
  input: {
    readonly courseId: string;
    readonly lesson: Lesson;
    readonly questions: readonly KnowledgeQuestion[];
    readonly teamId?: string;
    /** What the person chose before a submission that missed a question. */
    readonly answers?: KnowledgeAnswers;
    readonly missing?: boolean;
  },
  t: Translator,
): AdaptiveCard {
  const total = input.questions.length;
  return renderCard('knowledge-check', {
    title: t('knowledge.title'),
    subtitle: input.lesson.title,
    intro: t('knowledge.intro', { count: total }),
    hasProblem: input.missing === true,
    problem: input.missing ? t('knowledge.missing') : '',
    questions: input.questions.map((question, index) => ({
      id: knowledgeField(question.id),
      label: t('knowledge.questionLabel', { number: index + 1, total, prompt: question.prompt }),
      errorMessage: t('knowledge.required'),
      value: input.answers?.[question.id] ?? '',
      choices: question.choices.map((choice) => ({ title: choice.text, value: choice.id })),
    })),
    submitLabel: t('knowledge.submit'),
    submitVerb: verbs.knowledgeSubmit,
    courseId: input.courseId,
    lessonId: input.lesson.id,
    teamId: input.teamId ?? '',
  });
}

/** The person's result: per question what they chose, whether it was right, and the explanation of every choice. */
export function knowledgeResultCard(
  input: {
    readonly lesson: Lesson;
    readonly questions: readonly KnowledgeQuestion[];
    readonly answers: KnowledgeAnswers;
    /** True when this is an earlier answer shown again (one answer per lesson). */
    readonly earlier: boolean;
    readonly hasNext: boolean;
    readonly teamId?: string;
  },
  t: Translator,
): AdaptiveCard {
  const right = input.questions.filter((question) => question.choices.find((choice) => choice.id === input.answers[question.id])?.correct === true).length;
  return renderCard('knowledge-result', {
    title: t('knowledge.resultTitle'),
    subtitle: input.lesson.title,
    summary: t('knowledge.summary', { right, total: input.questions.length }),
    hasNote: input.earlier,
    note: input.earlier ? t('knowledge.earlier') : '',
    questions: input.questions.map((question) => {
      const chosen = input.answers[question.id];
      const correct = question.choices.find((choice) => choice.id === chosen)?.correct === true;
      return {
        prompt: question.prompt,
        verdict: t(correct ? 'knowledge.verdictRight' : 'knowledge.verdictWrong'),
        verdictColor: correct ? ('Good' as const) : ('Attention' as const),
        choices: question.choices.map((choice) => {
          const mine = choice.id === chosen;
          const mark = mine ? t(choice.correct ? 'knowledge.markMineRight' : 'knowledge.markMineWrong') : choice.correct ? t('knowledge.markRight') : '';
          return {
            text: choice.text,
            weight: mine ? ('Bolder' as const) : ('Default' as const),
            mark: mark === '' ? '' : ` (${mark})`,
            markColor: choice.correct ? ('Good' as const) : mine ? ('Attention' as const) : ('Default' as const),
            explanation: choice.explanation,
          };
        }),
      };
    }),
    hasNext: input.hasNext,
    nextLabel: t('action.nextLesson'),
    progressLabel: t('action.progress'),
    teamId: input.teamId ?? '',
  });
}
