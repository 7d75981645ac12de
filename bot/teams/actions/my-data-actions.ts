import { noticeCard } from '../../../cards/views/personal-cards.js';
import { verbs } from '../../../cards/verbs.js';
import { translator } from '../../i18n/translator.js';
import { cardInvokeResponse } from '../send.js';
import { BadCardDataError, type CardAction } from './card-action.js';

/** "Yes, delete everything": erases the person's data and says so (in the language they used, which is erased too). */
export const myDataDeleteAction: CardAction = {
  verb: verbs.myDataDelete,
  async handle(turn, data) {
    if (data.confirm !== 'yes') throw new BadCardDataError('confirm');
    const language = turn.t.language;
    await turn.services.myData.erase(turn.person);
    const t = translator(language);
    return cardInvokeResponse(noticeCard({ title: t('deleteData.done'), text: '', color: 'Good' }));
  },
};

/** "Cancel": nothing is deleted. */
export const myDataCancelAction: CardAction = {
  verb: verbs.myDataCancel,
  handle: async (turn) => cardInvokeResponse(noticeCard({ title: turn.t('deleteData.cancelled'), text: '' })),
};
