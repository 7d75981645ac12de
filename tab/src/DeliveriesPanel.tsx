import { Badge, type BadgeProps } from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowSyncRegular, CheckmarkCircleRegular, ClockRegular, DismissCircleRegular, ErrorCircleRegular, WarningRegular } from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { DeliveryView } from '../../bot/http/contracts';
import { useApp } from './app-context';
import { useT } from './i18n';
import { usePageStyles, useTableStyles } from './styles';
import { TableScroll } from './TableScroll';

const statusLook: Readonly<Record<DeliveryView['status'], { readonly color: BadgeProps['color']; readonly icon: ReactElement }>> = {
  queued: { color: 'informative', icon: <ClockRegular /> },
  sending: { color: 'brand', icon: <ArrowSyncRegular /> },
  retrying: { color: 'warning', icon: <ArrowClockwiseRegular /> },
  sent: { color: 'success', icon: <CheckmarkCircleRegular /> },
  failed: { color: 'danger', icon: <ErrorCircleRegular /> },
  missed: { color: 'warning', icon: <WarningRegular /> },
  skipped: { color: 'subtle', icon: <DismissCircleRegular /> },
};

/** Deliveries under way: not tried yet, sending, or waiting to be tried again. */
const underWay: ReadonlySet<DeliveryView['status']> = new Set(['queued', 'sending', 'retrying']);

/** Deliveries under way and past ones, with their state, the reason in words when one failed, is retried or was missed, and counts. */
export function DeliveriesPanel(props: { readonly deliveries: readonly DeliveryView[] }) {
  const t = useT();
  const page = usePageStyles();
  const upcoming = props.deliveries.filter((delivery) => underWay.has(delivery.status)).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const past = props.deliveries.filter((delivery) => !underWay.has(delivery.status)).sort((a, b) => b.dueAt.localeCompare(a.dueAt));
  return (
    <>
      <h3 id="deliveries-upcoming" className={page.h3}>
        {t('tab.deliveries.upcoming')}
      </h3>
      {upcoming.length === 0 ? <p className={page.paragraph}>{t('tab.deliveries.noneUpcoming')}</p> : <DeliveryTable deliveries={upcoming} labelledBy="deliveries-upcoming" name="upcoming" />}
      <h3 id="deliveries-past" className={page.h3}>
        {t('tab.deliveries.past')}
      </h3>
      {past.length === 0 ? <p className={page.paragraph}>{t('tab.deliveries.nonePast')}</p> : <DeliveryTable deliveries={past} labelledBy="deliveries-past" name="past" />}
    </>
  );
}

function DeliveryTable(props: { readonly deliveries: readonly DeliveryView[]; readonly labelledBy: string; readonly name: string }) {
  const t = useT();
  const { fmt } = useApp();
  const table = useTableStyles();
  return (
    <TableScroll labelledBy={props.labelledBy}>
      <table className={table.table} aria-labelledby={props.labelledBy} data-table={`deliveries-${props.name}`}>
        <thead>
          <tr>
            <th scope="col" className={table.th}>
              {t('tab.deliveries.col.when')}
            </th>
            <th scope="col" className={table.th}>
              {t('tab.deliveries.col.what')}
            </th>
            <th scope="col" className={table.th}>
              {t('tab.deliveries.col.status')}
            </th>
            <th scope="col" className={table.th}>
              {t('tab.deliveries.col.recipients')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.deliveries.map((delivery) => {
            const look = statusLook[delivery.status];
            return (
              <tr key={delivery.id} data-delivery={delivery.status}>
                <td className={table.td}>{fmt.dateTime(delivery.dueAt)}</td>
                <td className={table.td}>{t(`tab.deliveries.kind.${delivery.kind}`)}</td>
                <td className={table.td}>
                  <Badge appearance="tint" color={look.color} icon={look.icon}>
                    {t(`tab.deliveries.status.${delivery.status}`)}
                  </Badge>
                  {delivery.reason && <span className={table.note}>{t('tab.deliveries.reason', { reason: delivery.reason })}</span>}
                </td>
                <td className={`${table.td} ${table.number}`}>
                  {t('tab.deliveries.recipients', { sent: delivery.sent, targets: delivery.targets })}
                  {delivery.failed > 0 && <span className={table.note}>{t('tab.deliveries.failedCount', { failed: delivery.failed })}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
