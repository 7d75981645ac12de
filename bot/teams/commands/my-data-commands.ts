import { noticeCard } from '../../../cards/views/personal-cards.js';
import { verbs } from '../../../cards/verbs.js';
import { sendCard } from '../send.js';
import type { Command } from './command.js';

/** `mine data` / `my data`: a short-lived link to everything stored about the person. */
export const myDataCommand: Command = {
  aliasKey: 'command.myData',
  menuKey: 'help.command.myData',
  takesArgument: false,
  scope: 'personal',
  async handle(turn) {
    const { dataLinks, publicUrl, clock } = turn.services;
    const token = await dataLinks.sign(turn.person, clock.now());
    const url = `${publicUrl}/api/v1/my-data?token=${encodeURIComponent(token)}`;
    await sendCard(turn.context, noticeCard({ title: turn.t('myData.title'), text: turn.t('myData.text'), link: { label: turn.t('myData.download'), url } }));
  },
};

/** `slett mine data` / `delete my data`: asks for confirmation on a card first. */
export const deleteMyDataCommand: Command = {
  aliasKey: 'command.deleteMyData',
  menuKey: 'help.command.deleteMyData',
  takesArgument: false,
  scope: 'personal',
  async handle(turn) {
    await sendCard(
      turn.context,
      noticeCard({
        title: turn.t('deleteData.title'),
        text: turn.t('deleteData.text'),
        color: 'Attention',
        executes: [
          { label: turn.t('deleteData.confirm'), verb: verbs.myDataDelete, data: { confirm: 'yes' } },
          { label: turn.t('deleteData.cancel'), verb: verbs.myDataCancel, data: {} },
        ],
      }),
    );
  },
};
