import { verbs } from '../../../cards/verbs.js';
import { ForbiddenError } from '../../core/errors.js';
import { hoursOf } from '../../core/tenant-settings.js';
import { refreshedChannels } from '../roster.js';
import { cardInvokeResponse } from '../send.js';
import { setupProblemsView, setupSavedView, setupView } from '../views/setup-views.js';
import { cardCourseId, type CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';

/**
 * The setup card, for leaders (or anyone while the team has no leader), with the channels Teams reports now.
 * @remarks Refreshes the stored channel list on the way.
 */
export const setupOpenAction: CardAction = {
  verb: verbs.setupOpen,
  async handle(turn, data) {
    const ref = requireCardTeam(turn, data);
    if (!(await turn.services.enrollments.maySetUp(ref, turn.person.userId))) throw new ForbiddenError('leaderOnly');
    const channels = await refreshedChannels(turn.context, turn.services.teams, ref);
    return cardInvokeResponse(await setupView(turn, ref, channels, cardCourseId(data)));
  },
};

/** Saves the setup against the channels Teams reports now; problems come back on the card with the input kept. */
export const setupSaveAction: CardAction = {
  verb: verbs.setupSave,
  async handle(turn, data) {
    const ref = requireCardTeam(turn, data);
    const { enrollments, teams, tenantSettings } = turn.services;
    const hours = hoursOf(await tenantSettings.get(ref.tenantId));
    const channels = await refreshedChannels(turn.context, teams, ref);
    const result = await enrollments.save(ref, turn.person.userId, data, channels.map((channel) => channel.channelId));
    if (!result.ok) return cardInvokeResponse(await setupProblemsView(turn, ref, channels, data, result, hours));
    await turn.services.scheduler.plan(result.enrollment);
    return cardInvokeResponse(await setupSavedView(turn, ref, channels, result, hours));
  },
};
