import { noticeCard } from '../../../cards/views/personal-cards.js';
import { verbs } from '../../../cards/verbs.js';
import { cardInvokeResponse } from '../send.js';
import { requireText, type CardAction } from './card-action.js';

/**
 * "Hent kursbevis" on the course-finished card: a fresh single-use link (15 minutes) to the person's certificate PDF.
 * @remarks The link carries, encrypted, the display name Teams sent with this click; nothing about the name is stored.
 */
export const certificateLinkAction: CardAction = {
  verb: verbs.certificateLink,
  async handle(turn, data) {
    const courseId = requireText(data, 'courseId');
    const { certificates, certificateLinks, publicUrl, clock, courses } = turn.services;
    if (!courses.get(courseId) || !(await certificates.finished(turn.person, courseId))) {
      return cardInvokeResponse(noticeCard({ title: turn.t('certificate.notFinished'), text: turn.t('certificate.notFinishedText'), color: 'Attention', action: { label: turn.t('action.nextLesson'), command: 'next' } }));
    }
    const token = await certificateLinks.sign({ person: turn.person, courseId, name: turn.name, language: turn.t.language }, clock.now());
    const url = `${publicUrl}/api/v1/certificate?token=${encodeURIComponent(token)}`;
    return cardInvokeResponse(noticeCard({ title: turn.t('certificate.ready'), text: turn.t('certificate.readyText'), color: 'Good', link: { label: turn.t('certificate.download'), url } }));
  },
};
