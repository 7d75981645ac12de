import { Badge, Button, Field, Input, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { PauseRegular, PlayRegular, SendRegular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { ScheduleView, SchedulesResponse } from '../../bot/http/contracts';
import { api, ApiFailure } from './api-client';
import { ConfirmDialog } from './ConfirmDialog';
import { useApp } from './app-context';
import { useT } from './i18n';
import { ErrorMessage } from './PageState';
import { usePageStyles } from './styles';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    paddingBlockEnd: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginBlockStart: tokens.spacingVerticalXS },
  form: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-end' },
  field: { minWidth: '180px', flexGrow: 1, maxWidth: '280px' },
  status: { margin: 0, fontWeight: tokens.fontWeightSemibold, ':empty': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden' } },
});

type Kind = 'lesson' | 'reflection';
type Action = 'pause' | 'resume' | 'send-now';

/** The leader's schedules: the rule in words, the next time, pause/resume, send now, and a form to change the times. */
export function SchedulesPanel(props: {
  readonly teamId: string;
  /** The course the schedules are of (a team may run several). */
  readonly courseId?: string;
  readonly schedules: readonly ScheduleView[];
  readonly onSchedules: (response: SchedulesResponse) => void;
  readonly onSent: () => void;
}) {
  const t = useT();
  const { client, fmt } = useApp();
  const styles = useStyles();
  const page = usePageStyles();
  const [busy, setBusy] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [warning, setWarning] = useState('');
  const [failure, setFailure] = useState<Error | undefined>();
  const [confirm, setConfirm] = useState<Kind | undefined>();

  async function run(kind: Kind, action: Action): Promise<void> {
    setBusy(`${kind}:${action}`);
    setFailure(undefined);
    setStatus('');
    setWarning('');
    try {
      const response = await api.schedule(client, props.teamId, kind, action, props.courseId);
      props.onSchedules(response);
      const channel = { known: response.channel === null ? 'no' : 'yes', channel: response.channel ?? '' };
      setStatus(t(action === 'pause' ? 'tab.schedules.pausedDone' : action === 'resume' ? 'tab.schedules.resumedDone' : 'tab.schedules.sentNowDone', { kind, ...channel }));
      // As `planlegg` says it: an earlier try that gave up may have reached the channel, so the lesson may now be there twice.
      if (response.earlierTryGaveUp) setWarning(t('tab.schedules.earlierTryGaveUp'));
      if (action === 'send-now') props.onSent();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(undefined);
    }
  }

  const kindName = (kind: ScheduleView['kind']): string => t(`tab.schedules.kind.${kind}`);

  return (
    <>
      {props.schedules.length === 0 ? (
        <p className={page.paragraph}>{t('tab.schedules.none')}</p>
      ) : (
        <ul className={styles.list}>
          {props.schedules.map((schedule) => {
            const headingId = `schedule-${schedule.kind}`;
            const actionable = schedule.kind === 'lesson' || schedule.kind === 'reflection';
            return (
              <li key={schedule.kind} className={styles.item} data-schedule={schedule.kind}>
                <div className={page.row}>
                  <h3 id={headingId} className={page.h3}>
                    {kindName(schedule.kind)}
                  </h3>
                  <Badge appearance="outline" color={schedule.paused ? 'warning' : 'brand'} icon={schedule.paused ? <PauseRegular /> : <PlayRegular />}>
                    {schedule.paused ? t('tab.schedules.paused') : t('tab.schedules.active')}
                  </Badge>
                </div>
                <p className={page.paragraph}>{schedule.description}</p>
                <p className={page.paragraph}>{schedule.nextAt ? t('tab.schedules.next', { time: fmt.dateTime(schedule.nextAt) }) : t('tab.schedules.finished')}</p>
                {actionable && (
                  <div className={styles.actions}>
                    {schedule.paused ? (
                      <Button icon={<PlayRegular />} disabled={busy !== undefined} onClick={() => void run(schedule.kind as Kind, 'resume')}>
                        {t(`tab.schedules.resume.${schedule.kind}`)}
                      </Button>
                    ) : (
                      <Button icon={<PauseRegular />} disabled={busy !== undefined || !schedule.nextAt} onClick={() => void run(schedule.kind as Kind, 'pause')}>
                        {t(`tab.schedules.pause.${schedule.kind}`)}
                      </Button>
                    )}
                    <Button icon={<SendRegular />} disabled={busy !== undefined || !schedule.nextAt} onClick={() => setConfirm(schedule.kind as Kind)}>
                      {t(`tab.schedules.sendNow.${schedule.kind}`)}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" className={styles.status} data-status="schedules">
        {status}
      </p>
      {warning && (
        <MessageBar intent="warning" layout="multiline" data-warning="earlier-try-gave-up">
          <MessageBarBody>{warning}</MessageBarBody>
        </MessageBar>
      )}
      {failure && <ErrorMessage failure={failure} />}
      <ScheduleTimesForm teamId={props.teamId} courseId={props.courseId} schedules={props.schedules} onSchedules={props.onSchedules} />
      <ConfirmDialog
        open={confirm !== undefined}
        title={t('tab.schedules.confirmSend.title')}
        body={confirm ? t('tab.schedules.confirmSend.body', { kind: confirm }) : ''}
        confirm={t('tab.schedules.confirmSend.confirm')}
        cancel={t('tab.common.cancel')}
        onConfirm={() => {
          const kind = confirm;
          setConfirm(undefined);
          if (kind) void run(kind, 'send-now');
        }}
        onCancel={() => setConfirm(undefined)}
      />
    </>
  );
}

function ScheduleTimesForm(props: { readonly teamId: string; readonly courseId?: string | undefined; readonly schedules: readonly ScheduleView[]; readonly onSchedules: (response: SchedulesResponse) => void }) {
  const t = useT();
  const { client, fmt } = useApp();
  const styles = useStyles();
  const page = usePageStyles();
  const initial = (kind: Kind): string => props.schedules.find((schedule) => schedule.kind === kind)?.time ?? '';
  const [lessonTime, setLessonTime] = useState(() => initial('lesson'));
  const [reflectionTime, setReflectionTime] = useState(() => initial('reflection'));
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Error | undefined>();
  const has = (kind: Kind): boolean => props.schedules.some((schedule) => schedule.kind === kind);
  const problem = (field: string): string | undefined =>
    failure instanceof ApiFailure ? failure.error.problems?.find((p) => p.field === field || p.field.endsWith(`.${field}`))?.message : undefined;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const body: { lessonTime?: string; reflectionTime?: string } = {};
    if (has('lesson') && lessonTime && lessonTime !== initial('lesson')) body.lessonTime = lessonTime;
    if (has('reflection') && reflectionTime && reflectionTime !== initial('reflection')) body.reflectionTime = reflectionTime;
    setFailure(undefined);
    if (Object.keys(body).length === 0) {
      setStatus(t('tab.schedules.times.unchanged'));
      return;
    }
    setSaving(true);
    setStatus('');
    try {
      props.onSchedules(await api.scheduleTimes(client, props.teamId, body, props.courseId));
      setStatus(t('tab.schedules.times.saved'));
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setSaving(false);
    }
  }

  if (!has('lesson') && !has('reflection')) return null;
  const fieldProblems = failure instanceof ApiFailure && (problem('lessonTime') || problem('reflectionTime'));
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="schedule-times-title" data-form="schedule-times">
      <h3 id="schedule-times-title" className={page.h3}>
        {t('tab.schedules.times.title')}
      </h3>
      <p className={page.muted}>{t('tab.schedules.times.intro')}</p>
      <div className={styles.form}>
        {has('lesson') && (
          <Field className={styles.field} label={t('tab.schedules.times.lesson')} validationMessage={problem('lessonTime')}>
            <Input type="time" value={lessonTime} onChange={(_event, data) => setLessonTime(data.value)} name="lessonTime" />
          </Field>
        )}
        {has('reflection') && (
          <Field className={styles.field} label={t('tab.schedules.times.reflection')} validationMessage={problem('reflectionTime')}>
            <Input type="time" value={reflectionTime} onChange={(_event, data) => setReflectionTime(data.value)} name="reflectionTime" />
          </Field>
        )}
        <Button type="submit" appearance="primary" disabled={saving}>
          {t('tab.schedules.times.save')}
        </Button>
      </div>
      <p role="status" className={styles.status} data-status="schedule-times">
        {status}
      </p>
      {failure && !fieldProblems && <ErrorMessage failure={failure} />}
    </form>
  );
}
