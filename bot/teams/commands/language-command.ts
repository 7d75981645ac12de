import { noticeCard } from '../../../cards/views/personal-cards.js';
import { isSupportedLanguage } from '../../i18n/resolve-language.js';
import { commandWord, translator } from '../../i18n/translator.js';
import { sendCard } from '../send.js';
import type { Command } from './command.js';

/** `språk nb|nn|en` / `language …`: stores the person's language, which then wins over the Teams locale. */
export const languageCommand: Command = {
  aliasKey: 'command.language',
  takesArgument: true,
  scope: 'personal',
  async handle(turn, argument) {
    const tag = argument.trim().toLowerCase();
    if (!isSupportedLanguage(tag)) {
      const text = turn.t('language.unknown', { value: argument.trim(), language: commandWord(turn.t.language, 'command.language') });
      await sendCard(turn.context, noticeCard({ title: turn.t('error.title'), text, color: 'Attention' }));
      return;
    }
    await turn.services.people.setLanguage(turn.person, tag, turn.services.clock.now());
    const t = translator(tag);
    await sendCard(turn.context, noticeCard({ title: t('language.changed'), text: '', color: 'Good', action: { label: t('action.nextLesson'), command: 'next' } }));
  },
};
