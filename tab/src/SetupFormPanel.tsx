import { Button, Checkbox, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { SetupChoice, SetupForm, SetupSaved } from '../../bot/http/contracts';
import { api, ApiFailure } from './api-client';
import { useApp } from './app-context';
import { useT } from './i18n';
import { ErrorMessage, Loading } from './PageState';
import { usePageStyles, useFitSelectStyles } from './styles';
import { useAsync } from './use-async';

const useStyles = makeStyles({
  form: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(14em, 1fr))', gap: tokens.spacingHorizontalM, alignItems: 'start' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, gridColumn: '1 / -1' },
});

/** The inputs of the form, by field name (the same names as the setup card's inputs). */
const selects = [
  ['courseId', 'tab.setup.course', 'courses'],
  ['channelId', 'tab.setup.channel', 'channels'],
  ['language', 'tab.setup.language', 'languages'],
  ['lessonWeekday', 'tab.setup.lessonWeekday', 'weekdays'],
  ['intervalWeeks', 'tab.setup.interval', 'intervals'],
  ['reflectionDaysAfter', 'tab.setup.reflectionDays', 'reflectionDays'],
] as const;

const inputs = [
  ['startDate', 'tab.setup.startDate', 'date'],
  ['lessonTime', 'tab.setup.lessonTime', 'time'],
  ['reflectionTime', 'tab.setup.reflectionTime', 'time'],
  ['dueDate', 'tab.setup.dueDate', 'date'],
] as const;

/**
 * The tab's setup form for course coordinators: the course (the organisation's courses; one the team does not run yet
 * is added beside those it runs), channel, language, start, weekday and time, rhythm, reflection round, mandatory and due date.
 */
export function SetupFormPanel(props: { readonly teamId: string; readonly courseId?: string | undefined; readonly onSaved: (saved: SetupSaved) => void; readonly onCancel: () => void }) {
  const t = useT();
  const page = usePageStyles();
  const { client } = useApp();
  const { state, reload } = useAsync(() => api.setupForm(client, props.teamId, props.courseId), [client, props.teamId, props.courseId]);
  return (
    <section className={page.section} aria-labelledby="setup-title" data-section="setup">
      <h2 id="setup-title" className={page.h2}>
        {t('tab.setup.title')}
      </h2>
      <p className={page.muted}>{t('tab.setup.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage failure={state.failure} onRetry={reload} />}
      {state.status === 'ready' && <SetupFields form={state.data} teamId={props.teamId} onSaved={props.onSaved} onCancel={props.onCancel} />}
    </section>
  );
}

function SetupFields(props: { readonly form: SetupForm; readonly teamId: string; readonly onSaved: (saved: SetupSaved) => void; readonly onCancel: () => void }) {
  const fit = useFitSelectStyles();
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client } = useApp();
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...props.form.values }));
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Error | undefined>();
  const problem = (field: string): string | undefined => (failure instanceof ApiFailure ? failure.error.problems?.find((p) => p.field === field)?.message : undefined);
  const choices = (list: 'courses' | 'channels' | 'languages' | 'weekdays' | 'intervals' | 'reflectionDays'): readonly SetupChoice[] =>
    list === 'courses' ? props.form.courses.map((course) => ({ value: course.id, label: course.title })) : props.form[list];
  const set = (field: string, value: string): void => setValues((current) => ({ ...current, [field]: value }));

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSaving(true);
    setStatus('');
    setFailure(undefined);
    try {
      const saved = await api.saveSetup(client, props.teamId, values);
      const title = props.form.courses.find((course) => course.id === saved.courseId)?.title ?? saved.courseId;
      setStatus(t(saved.created ? 'tab.setup.saved' : 'tab.setup.updated', { course: title }));
      props.onSaved(saved);
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} data-form="setup" noValidate>
      {selects.map(([field, label, list]) => (
        <Field key={field} label={t(label)} validationMessage={problem(field)} required>
          <Select className={fit.root} select={{ className: fit.select }} value={values[field] ?? ''} onChange={(_event, data) => set(field, data.value)} data-field={field}>
            {choices(list).map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </Select>
        </Field>
      ))}
      {inputs.map(([field, label, type]) => (
        <Field key={field} label={t(label)} validationMessage={problem(field)} required={field !== 'dueDate'}>
          <Input type={type} value={values[field] ?? ''} onChange={(_event, data) => set(field, data.value)} data-field={field} />
        </Field>
      ))}
      <Checkbox checked={values.mandatory === 'true'} onChange={(_event, data) => set('mandatory', data.checked === true ? 'true' : 'false')} label={t('tab.setup.mandatory')} data-field="mandatory" />
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={saving} data-action="save-setup">
          {t('tab.setup.save')}
        </Button>
        <Button type="button" onClick={props.onCancel} data-action="cancel-setup">
          {t('tab.setup.cancel')}
        </Button>
      </div>
      <p role="status" className={page.muted} data-status="setup">
        {status}
      </p>
      {failure && !(failure instanceof ApiFailure && failure.error.code === 'validation') && <ErrorMessage failure={failure} />}
    </form>
  );
}
