import type { TeamRef } from '../../core/team.js';
import type { Turn } from '../turn.js';
import { BadCardDataError } from './card-action.js';

/**
 * The team a card action is about: the card's `teamId`, which must be the team the click came from.
 * @remarks Undefined for cards in personal chat. A card carrying another team's id is refused, so nobody acts on a team through a copied card.
 */
export function cardTeam(turn: Turn, data: Readonly<Record<string, unknown>>): TeamRef | undefined {
  const teamId = typeof data.teamId === 'string' ? data.teamId : '';
  if (teamId === '') return undefined;
  if (turn.team?.teamId !== teamId) throw new BadCardDataError('teamId');
  return turn.team;
}

/** Like {@link cardTeam}, for actions that only make sense in a team. */
export function requireCardTeam(turn: Turn, data: Readonly<Record<string, unknown>>): TeamRef {
  const team = cardTeam(turn, data);
  if (!team) throw new BadCardDataError('teamId');
  return team;
}
