import type { DeliveryRecord } from '../core/delivery.js';
import type { Translator } from './translator.js';

/** Kinds posted in the team's channel; the others go 1:1 to a person. */
const channelKinds: ReadonlySet<DeliveryRecord['kind']> = new Set(['lesson', 'reflection', 'nextSteps', 'dilemma']);

/**
 * Why a delivery failed, is being retried, was missed or skipped, in plain words from the catalogs.
 * @remarks The codes come from the scheduler (`serverDown`, `courseDone`, `team<Status>`…) and from the outbox's
 * verdict on a send (`blocked`, `notFound`, `throttled`, `transient`, `rejected`, `gaveUp:<code>` when the attempts
 * ran out). A 403 means the app was removed from the team for a channel post, and that the person blocked the app for
 * a 1:1 message. An unknown code is never shown as it is (it may be a raw error message); it reads as an unexpected
 * error, whose details are in the server log.
 */
export function deliveryReasonText(delivery: Pick<DeliveryRecord, 'kind' | 'reason' | 'attempts'>, t: Translator): string {
  const code = (delivery.reason ?? '').replace(/^gaveUp:/, '');
  const attempts = Math.max(1, delivery.attempts);
  const inChannel = channelKinds.has(delivery.kind);
  switch (code) {
    case 'blocked':
      return inChannel ? t('delivery.reason.appRemoved') : t('delivery.reason.blocked');
    case 'notFound':
      return inChannel ? t('delivery.reason.channelGone') : t('delivery.reason.notFound');
    case 'notMember':
      return t('delivery.reason.notMember');
    case 'throttled':
      return t('delivery.reason.throttled', { attempts });
    case 'transient':
      return t('delivery.reason.transient', { attempts });
    case 'rejected':
      return t('delivery.reason.rejected');
    case 'serverDown':
      return t('delivery.reason.serverDown');
    case 'courseDone':
      return t('delivery.reason.courseDone');
    case 'nothingToSend':
      return t('delivery.reason.nothingToSend');
    case 'notSetUp':
      return t('delivery.reason.notSetUp');
    case 'remindersOff':
      return t('delivery.reason.remindersOff');
    case 'teamRemoved':
      return t('delivery.reason.appRemoved');
    case 'earlierTryGaveUp':
      return t('delivery.reason.earlierTryGaveUp');
    case 'tenantNotAllowed':
      return t('delivery.reason.tenantNotAllowed');
    default:
      return code.startsWith('team') ? t('delivery.reason.teamInactive') : t('delivery.reason.other');
  }
}

/** Whether the delivery's state comes with a reason worth showing. */
export function showsReason(status: DeliveryRecord['status']): boolean {
  return status === 'failed' || status === 'retrying' || status === 'missed' || status === 'skipped';
}
