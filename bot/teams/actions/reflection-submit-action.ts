import { courseText } from '../../core/course.js';
import { chosenVisibility } from '../../core/answer-rules.js';
import { REFLECTION_FORM } from '../../core/learning-service.js';
import type { ReflectionVisibility } from '../../core/reflection.js';
import { answerInputIds, reflectionCard } from '../../../cards/views/reflection-card.js';
import { reflectionSavedCard } from '../../../cards/views/reflection-saved-card.js';
import { verbs } from '../../../cards/verbs.js';
import { cardInvokeResponse } from '../send.js';
import { BadCardDataError, requireText, type CardAction } from './card-action.js';
import { cardTeam } from './channel-scope.js';

function visibilityOf(data: Readonly<Record<string, unknown>>): ReflectionVisibility {
  const visibility = chosenVisibility(REFLECTION_FORM, data.visibility);
  if (!visibility) throw new BadCardDataError('visibility');
  return visibility;
}

/**
 * Saves the three answers (again = edit); a bad submission returns the form with the person's text kept.
 * @remarks A save that would clear saved answers the card did not show returns the form with them filled in, to review first. In a channel round the answer is also shared as the author chose: privately, with their name, or anonymously.
 */
export const reflectionSubmitAction: CardAction = {
  verb: verbs.reflectionSubmit,
  async handle(turn, data) {
    const courseId = requireText(data, 'courseId');
    const lessonId = requireText(data, 'lessonId');
    const team = cardTeam(turn, data);
    const { learning, channelCourse } = turn.services;
    const answers = answerInputIds.map((id) => data[id]);
    // A card always says what it showed; an older card without it showed nothing.
    const basis = data.basis ?? [];
    const lessonView = await learning.lesson(turn.person, courseId, lessonId, turn.t.language);
    const text = courseText(await turn.services.channelCourse.course(turn.person.tenantId, courseId), turn.t.language);
    if (team) {
      const visibility = visibilityOf(data);
      const result = await channelCourse.reflect(turn.person, turn.name, team, { courseId, lessonId, answers, visibility, basis });
      const channel = { teamId: team.teamId, refreshUserIds: await channelCourse.refreshUserIds(team) };
      if (!result.ok) {
        return cardInvokeResponse(reflectionCard({ courseId, lesson: lessonView.lesson, text, answers: result.answers, problems: result.problems, visibility, channel }, turn.t));
      }
      return cardInvokeResponse(
        reflectionSavedCard({ courseId, lesson: lessonView.lesson, text, answers: result.answers, created: result.created, hasNext: false, visibility, channel }, turn.t),
      );
    }
    const result = await turn.services.myCourse.reflectKeepingChoice(turn.person, turn.name, courseId, lessonId, answers, basis);
    if (!result.ok) {
      return cardInvokeResponse(reflectionCard({ courseId, lesson: lessonView.lesson, text, answers: result.answers, problems: result.problems }, turn.t));
    }
    const next = await learning.next(turn.person, courseId, turn.t.language);
    return cardInvokeResponse(
      reflectionSavedCard({ courseId, lesson: lessonView.lesson, text, answers: result.answers, created: result.created, hasNext: next.kind === 'lesson' }, turn.t),
    );
  },
};
