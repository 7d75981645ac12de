import { noticeCard } from '../../../cards/views/personal-cards.js';
import { catalogs } from '../../i18n/catalogs/index.js';
import { languageFromText } from '../../i18n/resolve-language.js';
import { commandWord, translator } from '../../i18n/translator.js';
import { sendCard } from '../send.js';
import type { Command } from './command.js';

/**
 * `språk nn|nynorsk|…` / `language …`: stores the person's language, which then wins over the Teams locale.
 * @remarks Codes and names in any language work (`språk bokmål`, `language english`, `språk norsk`); `språk` alone offers the choices.
 */
export const languageCommand: Command = {
  aliasKey: 'command.language',
  menuKey: 'help.command.language',
  takesArgument: true,
  scope: 'personal',
  async handle(turn, argument) {
    const word = commandWord(turn.t.language, 'command.language');
    if (argument.trim() === '') {
      const choices = Object.keys(catalogs).map((tag) => {
        const name = translator(tag)('language.name');
        return { label: name.charAt(0).toLocaleUpperCase(tag) + name.slice(1), command: `${word} ${tag}` };
      });
      await sendCard(turn.context, noticeCard({ title: turn.t('language.choose', { language: word }), text: '', actions: choices }));
      return;
    }
    const tag = languageFromText(argument);
    if (!tag) {
      const text = turn.t('language.unknown', { value: argument.trim(), language: word });
      await sendCard(turn.context, noticeCard({ title: turn.t('error.title'), text, color: 'Attention' }));
      return;
    }
    await turn.services.people.setLanguage(turn.person, tag, turn.services.clock.now());
    const t = translator(tag);
    await sendCard(turn.context, noticeCard({ title: t('language.changed'), text: '', color: 'Good', action: { label: t('action.nextLesson'), command: 'next' } }));
  },
};
