import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Switch, tokens } from '@fluentui/react-components';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { OrgAuditEntry, OrgAuditResponse, OrgSettingName, OrgSettingsResponse, OrgSettingsUpdate, OrgSettingsValues } from '../../bot/http/contracts';
import { ApiFailure } from './api-client';
import { useApp } from './app-context';
import { useT, type Translate } from './i18n';
import { orgApi } from './org-api';
import { ErrorMessage, Loading } from './PageState';
import { usePageStyles, useTableStyles } from './styles';
import { TableScroll } from './TableScroll';
import { useAsync } from './use-async';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  legend: { padding: 0, marginBlockEnd: tokens.spacingVerticalS, fontWeight: tokens.fontWeightSemibold },
  inline: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-start' },
  narrow: { maxWidth: '220px' },
  days: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM },
  status: { margin: 0, fontWeight: tokens.fontWeightSemibold, ':empty': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden' } },
  facts: { display: 'grid', gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  pair: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  pager: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** ISO weekdays, Monday first. */
const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** A setting's value as the page shows it, in the viewer's language. */
function valueText(t: Translate, setting: OrgSettingName, value: unknown, courses: OrgSettingsResponse['courses']): string {
  if (value === null || value === undefined) return '–';
  switch (setting) {
    case 'namedProgress':
    case 'remindersEnabled':
      return value ? t('tab.org.on') : t('tab.org.off');
    case 'allowedHours': {
      const hours = value as { start?: string; end?: string };
      return t('tab.org.hoursValue', { start: hours.start ?? '', end: hours.end ?? '' });
    }
    case 'weekdays':
      return Array.isArray(value) ? value.map((day) => t(`tab.org.weekday.${day}`)).join(', ') : String(value);
    case 'defaultLanguage':
      return typeof value === 'string' && ['nb', 'nn', 'en'].includes(value) ? t(`tab.language.${value}`) : String(value);
    case 'courseIds':
      return value === 'all' ? t('tab.org.courses.all') : Array.isArray(value) ? value.map((id) => courses.find((course) => course.id === id)?.title ?? String(id)).join(', ') : String(value);
    default:
      return String(value);
  }
}

/** The page "Innstillinger for virksomheten": the organisation's settings (administrators change them) and the audit log. */
export function OrgSettingsPage() {
  const t = useT();
  const page = usePageStyles();
  const { client, me } = useApp();
  const allowed = me.roles.some((role) => role !== 'courseOwner');
  const { state, set } = useAsync(() => (allowed ? orgApi.settings(client) : Promise.resolve(undefined)), [client, allowed]);
  const heading = useRef<HTMLHeadingElement>(null);
  const [auditVersion, setAuditVersion] = useState(0);

  let content;
  if (!allowed) {
    content = (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>{t('tab.org.noRole')}</MessageBarBody>
      </MessageBar>
    );
  } else if (state.status === 'loading') content = <Loading />;
  else if (state.status === 'error') content = <ErrorMessage failure={state.failure} />;
  else if (state.data) {
    const view = state.data;
    content = (
      <>
        <p className={page.paragraph}>{t('tab.org.intro')}</p>
        {view.canEdit ? (
          <SettingsForm
            view={view}
            onSaved={(settings) => {
              set({ ...view, settings });
              setAuditVersion((n) => n + 1);
            }}
          />
        ) : (
          <SettingsSummary view={view} />
        )}
        {view.canReadAudit && <AuditLog courses={view.courses} version={auditVersion} />}
      </>
    );
  }

  return (
    <main className={page.main} aria-busy={state.status === 'loading'} data-page="org-settings">
      <h1 ref={heading} tabIndex={-1} className={page.h1}>
        {t('tab.org.title')}
      </h1>
      {content}
    </main>
  );
}

/** The settings, read-only (HR and union representatives). */
function SettingsSummary(props: { readonly view: OrgSettingsResponse }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { view } = props;
  const titleId = useId();
  const names: readonly OrgSettingName[] = ['namedProgress', 'minGroupSize', 'retentionDays', 'allowedHours', 'weekdays', 'defaultLanguage', 'remindersEnabled', 'courseIds'];
  return (
    <section className={page.section} aria-labelledby={titleId}>
      <h2 id={titleId} className={page.h2}>
        {t('tab.org.current')}
      </h2>
      <p className={page.muted}>{t('tab.org.readOnly')}</p>
      <dl className={styles.facts}>
        {names.map((name) => (
          <div key={name} className={styles.pair}>
            <dt className={styles.term}>{t(`tab.org.setting.${name}`)}</dt>
            <dd className={styles.value}>{valueText(t, name, view.settings[name], view.courses)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

type Draft = {
  namedProgress: boolean;
  minGroupSize: string;
  retentionDays: string;
  start: string;
  end: string;
  weekdays: readonly number[];
  defaultLanguage: OrgSettingsValues['defaultLanguage'];
  remindersEnabled: boolean;
  allCourses: boolean;
  courseIds: readonly string[];
  reference: string;
  discussedOn: string;
};

function draftOf(settings: OrgSettingsValues): Draft {
  return {
    namedProgress: settings.namedProgress,
    minGroupSize: String(settings.minGroupSize),
    retentionDays: String(settings.retentionDays),
    start: settings.allowedHours.start,
    end: settings.allowedHours.end,
    weekdays: settings.weekdays,
    defaultLanguage: settings.defaultLanguage,
    remindersEnabled: settings.remindersEnabled,
    allCourses: settings.courseIds === 'all',
    courseIds: settings.courseIds === 'all' ? [] : settings.courseIds,
    reference: '',
    discussedOn: '',
  };
}

/** The changes a draft makes to the stored settings (only what differs), in the API's shape. */
function changesOf(settings: OrgSettingsValues, draft: Draft): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const number = (text: string): number | string => (/^\s*\d+\s*$/.test(text) ? Number(text) : text);
  if (draft.namedProgress !== settings.namedProgress) changes.namedProgress = draft.namedProgress;
  if (number(draft.minGroupSize) !== settings.minGroupSize) changes.minGroupSize = number(draft.minGroupSize);
  if (number(draft.retentionDays) !== settings.retentionDays) changes.retentionDays = number(draft.retentionDays);
  if (draft.start !== settings.allowedHours.start || draft.end !== settings.allowedHours.end) changes.allowedHours = { start: draft.start, end: draft.end };
  if ([...draft.weekdays].sort().join() !== [...settings.weekdays].sort().join()) changes.weekdays = [...draft.weekdays].sort();
  if (draft.defaultLanguage !== settings.defaultLanguage) changes.defaultLanguage = draft.defaultLanguage;
  if (draft.remindersEnabled !== settings.remindersEnabled) changes.remindersEnabled = draft.remindersEnabled;
  const courses = draft.allCourses ? 'all' : draft.courseIds;
  if (JSON.stringify(courses) !== JSON.stringify(settings.courseIds)) changes.courseIds = courses;
  return changes;
}

/** The administrators' form: every setting, what named progress implies, and the decision it needs. */
function SettingsForm(props: { readonly view: OrgSettingsResponse; readonly onSaved: (settings: OrgSettingsValues) => void }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client } = useApp();
  const { view } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(view.settings));
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<ApiFailure | Error | undefined>();
  const ids = { privacy: useId(), sending: useId(), language: useId(), named: useId() };
  const problems = useMemo(() => {
    const map = new Map<string, string>();
    if (failure instanceof ApiFailure) for (const problem of failure.error.problems ?? []) map.set(problem.field, problem.message);
    return map;
  }, [failure]);
  const update = (patch: Partial<Draft>): void => {
    setDraft((current) => ({ ...current, ...patch }));
    setStatus('');
  };
  const turningOn = draft.namedProgress && !view.settings.namedProgress;
  const fieldProps = (field: string) => (problems.has(field) ? { validationState: 'error' as const, validationMessage: problems.get(field) } : {});

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    const changes = changesOf(view.settings, draft);
    if (Object.keys(changes).length === 0) {
      setStatus(t('tab.org.nothingChanged'));
      return;
    }
    const body: OrgSettingsUpdate = { changes: changes as OrgSettingsUpdate['changes'], ...(turningOn ? { decision: { reference: draft.reference, discussedOn: draft.discussedOn } } : {}) };
    setBusy(true);
    setFailure(undefined);
    setStatus('');
    try {
      const saved = await orgApi.update(client, body);
      setDraft(draftOf(saved));
      setStatus(t('tab.org.saved'));
      props.onSaved(saved);
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={(event) => void save(event)} noValidate data-form="org-settings">
      <section className={page.section} aria-labelledby={ids.privacy}>
        <h2 id={ids.privacy} className={page.h2}>
          {t('tab.org.privacy')}
        </h2>
        <Switch
          checked={draft.namedProgress}
          onChange={(_event, data) => update({ namedProgress: data.checked })}
          label={t('tab.org.setting.namedProgress')}
          aria-describedby={ids.named}
          data-setting="namedProgress"
        />
        <div id={ids.named} className={styles.form}>
          <p className={page.paragraph}>{t('tab.org.namedImplies')}</p>
          <p className={page.paragraph}>{t('tab.named.law')}</p>
          <ul className={page.list}>
            <li>{t('tab.named.purpose')}</li>
            <li>{t('tab.named.proportionality')}</li>
            <li>{t('tab.named.unions')}</li>
            <li>{t('tab.named.inform')}</li>
            <li>{t('tab.named.dpia')}</li>
          </ul>
        </div>
        {turningOn && (
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>{t('tab.org.decision')}</legend>
            <Field label={t('tab.org.decisionReference')} hint={t('tab.org.decisionReferenceHint')} required {...fieldProps('decisionReference')}>
              <Input value={draft.reference} maxLength={view.limits.referenceMax} onChange={(_event, data) => update({ reference: data.value })} data-setting="decisionReference" />
            </Field>
            <Field className={styles.narrow} label={t('tab.org.discussedOn')} hint={t('tab.org.discussedOnHint')} required {...fieldProps('discussedOn')}>
              <Input type="date" value={draft.discussedOn} onChange={(_event, data) => update({ discussedOn: data.value })} data-setting="discussedOn" />
            </Field>
          </fieldset>
        )}
        <div className={styles.inline}>
          <Field className={styles.narrow} label={t('tab.org.setting.minGroupSize')} hint={t('tab.org.minGroupSizeHint', { floor: view.minGroupSizeFloor })} {...fieldProps('minGroupSize')}>
            <Input type="number" inputMode="numeric" min={view.minGroupSizeFloor} max={view.limits.minGroupSizeMax} value={draft.minGroupSize} onChange={(_event, data) => update({ minGroupSize: data.value })} data-setting="minGroupSize" />
          </Field>
          <Field className={styles.narrow} label={t('tab.org.setting.retentionDays')} hint={t('tab.org.retentionHint')} {...fieldProps('retentionDays')}>
            <Input type="number" inputMode="numeric" min={view.limits.retentionDaysMin} max={view.limits.retentionDaysMax} value={draft.retentionDays} onChange={(_event, data) => update({ retentionDays: data.value })} data-setting="retentionDays" />
          </Field>
        </div>
      </section>

      <section className={page.section} aria-labelledby={ids.sending}>
        <h2 id={ids.sending} className={page.h2}>
          {t('tab.org.sending')}
        </h2>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('tab.org.setting.allowedHours')}</legend>
          <div className={styles.inline}>
            <Field className={styles.narrow} label={t('tab.org.hoursStart')} {...fieldProps('allowedHours')}>
              <Input type="time" value={draft.start} onChange={(_event, data) => update({ start: data.value })} data-setting="hoursStart" />
            </Field>
            <Field className={styles.narrow} label={t('tab.org.hoursEnd')}>
              <Input type="time" value={draft.end} onChange={(_event, data) => update({ end: data.value })} data-setting="hoursEnd" />
            </Field>
          </div>
        </fieldset>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('tab.org.setting.weekdays')}</legend>
          <div className={styles.days}>
            {weekdays.map((day) => (
              <Checkbox
                key={day}
                label={t(`tab.org.weekday.${day}`)}
                checked={draft.weekdays.includes(day)}
                onChange={(_event, data) => update({ weekdays: data.checked ? [...draft.weekdays, day] : draft.weekdays.filter((d) => d !== day) })}
              />
            ))}
          </div>
          {problems.has('weekdays') && <p className={page.muted} role="alert">{problems.get('weekdays')}</p>}
          <p className={page.muted}>{t('tab.org.holidays')}</p>
        </fieldset>
        <Switch checked={draft.remindersEnabled} onChange={(_event, data) => update({ remindersEnabled: data.checked })} label={t('tab.org.setting.remindersEnabled')} data-setting="remindersEnabled" />
      </section>

      <section className={page.section} aria-labelledby={ids.language}>
        <h2 id={ids.language} className={page.h2}>
          {t('tab.org.languageAndCourses')}
        </h2>
        <Field className={styles.narrow} label={t('tab.org.setting.defaultLanguage')} hint={t('tab.org.languageHint')}>
          <Select value={draft.defaultLanguage} onChange={(_event, data) => update({ defaultLanguage: data.value as Draft['defaultLanguage'] })} data-setting="defaultLanguage">
            {(['nb', 'nn', 'en'] as const).map((language) => (
              <option key={language} value={language} lang={language}>
                {t(`tab.language.${language}`)}
              </option>
            ))}
          </Select>
        </Field>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('tab.org.setting.courseIds')}</legend>
          <Switch checked={draft.allCourses} onChange={(_event, data) => update({ allCourses: data.checked })} label={t('tab.org.courses.all')} data-setting="allCourses" />
          {problems.has('courseIds') && (
            <p className={page.muted} role="alert">
              {problems.get('courseIds')}
            </p>
          )}
        </fieldset>
        {!draft.allCourses && (
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>{t('tab.org.courses.which')}</legend>
            {view.courses.map((course) => (
              <Checkbox
                key={course.id}
                label={course.title}
                checked={draft.courseIds.includes(course.id)}
                onChange={(_event, data) => update({ courseIds: data.checked ? [...draft.courseIds, course.id] : draft.courseIds.filter((id) => id !== course.id) })}
              />
            ))}
          </fieldset>
        )}
      </section>

      {failure && <ErrorMessage failure={failure} title={t('tab.org.notSaved')} />}
      <div className={page.row}>
        <Button appearance="primary" type="submit" disabled={busy} data-action="save-settings">
          {busy ? t('tab.org.saving') : t('tab.org.save')}
        </Button>
        <p className={styles.status} role="status" aria-live="polite">
          {status}
        </p>
      </div>
    </form>
  );
}

/** The audit log of settings changes, newest first, one page at a time. */
function AuditLog(props: { readonly courses: OrgSettingsResponse['courses']; readonly version: number }) {
  const t = useT();
  const page = usePageStyles();
  const table = useTableStyles();
  const styles = useStyles();
  const { client, fmt } = useApp();
  const [pageNumber, setPageNumber] = useState(0);
  const { state, reload } = useAsync<OrgAuditResponse>(() => orgApi.audit(client, pageNumber), [client, pageNumber]);
  const titleId = useId();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else reload();
  }, [props.version]);

  let content;
  if (state.status === 'loading') content = <Loading />;
  else if (state.status === 'error') content = <ErrorMessage failure={state.failure} onRetry={reload} />;
  else {
    const log = state.data;
    const pages = Math.max(1, Math.ceil(log.total / log.pageSize));
    content = (
      <>
        <p className={page.muted}>{t('tab.org.auditKept', { days: log.retentionDays })}</p>
        {log.entries.length === 0 ? (
          <p className={page.paragraph}>{t('tab.org.auditEmpty')}</p>
        ) : (
          <TableScroll labelledBy={titleId}>
            <table className={table.table} aria-labelledby={titleId} data-table="audit">
              <thead>
                <tr>
                  <th scope="col" className={table.th}>
                    {t('tab.org.col.when')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('tab.org.col.who')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('tab.org.col.setting')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('tab.org.col.from')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('tab.org.col.to')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('tab.org.col.decision')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {log.entries.map((entry: OrgAuditEntry) => (
                  <tr key={entry.id}>
                    <td className={table.td}>{fmt.dateTime(entry.at)}</td>
                    <td className={table.td}>
                      {entry.actor.name || t('tab.org.unnamed')}
                      <br />
                      <span className={page.muted}>{entry.actor.userId}</span>
                    </td>
                    <th scope="row" className={`${table.td} ${table.rowHeader}`}>
                      {t(`tab.org.setting.${entry.setting}`)}
                    </th>
                    <td className={table.td}>{valueText(t, entry.setting, entry.oldValue, props.courses)}</td>
                    <td className={table.td}>{valueText(t, entry.setting, entry.newValue, props.courses)}</td>
                    <td className={table.td}>
                      {entry.decisionReference ? t('tab.org.decisionValue', { reference: entry.decisionReference, date: entry.discussedOn ? fmt.date(entry.discussedOn) : '–' }) : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {pages > 1 && (
          <nav className={styles.pager} aria-label={t('tab.org.pages')}>
            <Button disabled={log.page === 0} onClick={() => setPageNumber(log.page - 1)}>
              {t('tab.org.newer')}
            </Button>
            <span>{t('tab.org.pageOf', { page: log.page + 1, pages })}</span>
            <Button disabled={log.page + 1 >= pages} onClick={() => setPageNumber(log.page + 1)}>
              {t('tab.org.older')}
            </Button>
          </nav>
        )}
      </>
    );
  }
  return (
    <section className={page.section} aria-labelledby={titleId} data-section="audit">
      <h2 id={titleId} className={page.h2}>
        {t('tab.org.audit')}
      </h2>
      {content}
    </section>
  );
}
