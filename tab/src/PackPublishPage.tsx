import { Button, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Switch, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PackCheckResponse, PackListResponse, PackPreviewLanguage, PackUploadRequest, PackVersionView } from '../../bot/http/contracts';
import { ApiFailure } from './api-client';
import { useApp } from './app-context';
import { loadAdaptiveCards, renderCard } from './card-preview';
import { ConfirmDialog } from './ConfirmDialog';
import { useT } from './i18n';
import { packsApi } from './packs-api';
import { ErrorMessage, Loading } from './PageState';
import { usePageStyles, useTableStyles } from './styles';
import { TableScroll } from './TableScroll';
import type { ThemeName } from './theme';
import { useAsync } from './use-async';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  fileField: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  label: { fontWeight: tokens.fontWeightSemibold },
  controls: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXL, alignItems: 'flex-start' },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { padding: 0, fontWeight: tokens.fontWeightSemibold },
  cards: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL, margin: 0, padding: 0, listStyle: 'none' },
  frame: { boxSizing: 'border-box', width: '100%', maxWidth: '560px', padding: tokens.spacingHorizontalM, borderRadius: tokens.borderRadiusLarge },
  phone: { maxWidth: '340px' },
  cardTitle: { margin: 0, marginBlockEnd: tokens.spacingVerticalS, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  path: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

/** The backgrounds around the previewed cards, as in Teams' chat in each theme. */
const frameColors: Readonly<Record<ThemeName, { readonly background: string; readonly color: string }>> = {
  default: { background: '#F5F5F5', color: '#242424' },
  dark: { background: '#1F1F1F', color: '#FFFFFF' },
  contrast: { background: '#000000', color: '#FFFFFF' },
};

const themeKeys = { default: 'tab.packs.theme.light', dark: 'tab.packs.theme.dark', contrast: 'tab.packs.theme.contrast' } as const;

function base64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The page "Publiser egne kurs": upload a pack with its images, see every problem or every card, publish, withdraw. */
export function PackPublishPage() {
  const t = useT();
  const page = usePageStyles();
  const { client, me } = useApp();
  const allowed = me.roles.includes('courseOwner') || me.roles.includes('administrator');
  const list = useAsync(() => (allowed ? packsApi.list(client) : Promise.resolve(undefined)), [client, allowed]);

  let content;
  if (!allowed) {
    content = (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>{t('tab.packs.noRole')}</MessageBarBody>
      </MessageBar>
    );
  } else if (list.state.status === 'loading') content = <Loading />;
  else if (list.state.status === 'error') content = <ErrorMessage failure={list.state.failure} onRetry={list.reload} />;
  else if (list.state.data) {
    content = (
      <>
        <p className={page.paragraph}>{t('tab.packs.intro')}</p>
        <UploadSection maxImageBytes={list.state.data.maxImageBytes} onPublished={list.reload} />
        <VersionsSection view={list.state.data} onChanged={list.reload} />
      </>
    );
  }
  return (
    <main className={page.main} aria-busy={allowed && list.state.status === 'loading'} data-page="org-packs">
      <h1 tabIndex={-1} className={page.h1}>
        {t('tab.packs.title')}
      </h1>
      {content}
    </main>
  );
}

type Outcome = { readonly upload: PackUploadRequest; readonly result: PackCheckResponse; readonly imageProblems: readonly string[] };

function UploadSection(props: { readonly maxImageBytes: number; readonly onPublished: () => void }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client } = useApp();
  const titleId = useId();
  const packId = useId();
  const imagesId = useId();
  const hintId = useId();
  const packInput = useRef<HTMLInputElement>(null);
  const imagesInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'checking' | 'publishing' | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [failure, setFailure] = useState<Error | undefined>();
  const [status, setStatus] = useState('');

  async function check(event: FormEvent): Promise<void> {
    event.preventDefault();
    const file = packInput.current?.files?.[0];
    setOutcome(undefined);
    setFailure(undefined);
    if (!file) {
      setStatus(t('tab.packs.chooseFile'));
      return;
    }
    setBusy('checking');
    setStatus(t('tab.packs.checking'));
    try {
      const images: Record<string, string> = {};
      const imageProblems: string[] = [];
      for (const image of [...(imagesInput.current?.files ?? [])]) {
        try {
          const uploaded = await packsApi.uploadImage(client, { fileName: image.name, data: base64(await image.arrayBuffer()) });
          images[image.name] = uploaded.id;
        } catch (error) {
          if (error instanceof ApiFailure && error.status === 400) imageProblems.push(error.error.message);
          else throw error;
        }
      }
      const upload: PackUploadRequest = { fileName: file.name, source: await file.text(), images };
      const result = await packsApi.check(client, upload);
      setOutcome({ upload, result, imageProblems });
      setStatus(result.ok && imageProblems.length === 0 ? t('tab.packs.valid', { title: result.title ?? '', version: result.version ?? '' }) : t('tab.packs.problems', { count: result.problems.length + imageProblems.length }));
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
      setStatus('');
    } finally {
      setBusy(undefined);
    }
  }

  async function publish(): Promise<void> {
    if (!outcome) return;
    setBusy('publishing');
    setStatus(t('tab.packs.publishing'));
    try {
      const result = await packsApi.publish(client, outcome.upload);
      setOutcome({ ...outcome, result });
      setStatus(result.published ? t('tab.packs.published', { title: result.title ?? '', version: result.version ?? '' }) : t('tab.packs.problems', { count: result.problems.length }));
      if (result.published) props.onPublished();
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
      setStatus('');
    } finally {
      setBusy(undefined);
    }
  }

  const result = outcome?.result;
  const problemCount = (result?.problems.length ?? 0) + (outcome?.imageProblems.length ?? 0);
  return (
    <>
      <section className={page.section} aria-labelledby={titleId}>
        <h2 id={titleId} className={page.h2}>
          {t('tab.packs.upload')}
        </h2>
        <form className={styles.form} onSubmit={(event) => void check(event)}>
          <div className={styles.fileField}>
            <label htmlFor={packId} className={styles.label}>
              {t('tab.packs.packFile')}
            </label>
            <input id={packId} ref={packInput} type="file" name="pack" accept=".json,.yaml,.yml,application/json" />
          </div>
          <div className={styles.fileField}>
            <label htmlFor={imagesId} className={styles.label}>
              {t('tab.packs.imageFiles', { limit: Math.round(props.maxImageBytes / 1024) })}
            </label>
            <input id={imagesId} ref={imagesInput} type="file" name="images" multiple accept="image/png,image/jpeg,image/webp" aria-describedby={hintId} />
            <span id={hintId} className={page.muted}>
              {t('tab.packs.imageHint')}
            </span>
          </div>
          <div>
            <Button type="submit" appearance="primary" disabled={busy !== undefined}>
              {t('tab.packs.check')}
            </Button>
          </div>
        </form>
        <p role="status" className={page.paragraph} data-pack-status="">
          {status}
        </p>
        {failure && <ErrorMessage failure={failure} />}
        {result && problemCount > 0 && <ProblemList problems={result.problems} imageProblems={outcome?.imageProblems ?? []} />}
        {result?.ok && problemCount === 0 && !result.published && (
          <div>
            <Button appearance="primary" disabled={busy !== undefined} onClick={() => void publish()}>
              {t('tab.packs.publish', { version: result.version ?? '' })}
            </Button>
          </div>
        )}
      </section>
      {result?.ok && result.preview.length > 0 && <PreviewSection preview={result.preview} />}
    </>
  );
}

function ProblemList(props: { readonly problems: PackCheckResponse['problems']; readonly imageProblems: readonly string[] }) {
  const t = useT();
  const styles = useStyles();
  const table = useTableStyles();
  const titleId = useId();
  return (
    <div data-pack-problems="">
      <p id={titleId} className={styles.label}>
        {t('tab.packs.problems', { count: props.problems.length + props.imageProblems.length })}
      </p>
      {props.imageProblems.length > 0 && (
        <ul>
          {props.imageProblems.map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      )}
      {props.problems.length > 0 && (
        <TableScroll labelledBy={titleId}>
          <table className={table.table} aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col" className={table.th}>
                  {t('tab.packs.col.path')}
                </th>
                <th scope="col" className={table.th}>
                  {t('tab.packs.col.language')}
                </th>
                <th scope="col" className={table.th}>
                  {t('tab.packs.col.message')}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.problems.map((problem, index) => (
                <tr key={index}>
                  <td className={`${table.td} ${styles.path}`}>{problem.line === null ? problem.path : `${problem.line}:${problem.column ?? 1} ${problem.path}`}</td>
                  <td className={table.td}>{problem.language ?? '–'}</td>
                  <td className={table.td}>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}

function PreviewSection(props: { readonly preview: readonly PackPreviewLanguage[] }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const titleId = useId();
  const [language, setLanguage] = useState<PackPreviewLanguage['language']>('nb');
  const [theme, setTheme] = useState<ThemeName>('default');
  const [phone, setPhone] = useState(false);
  const [library, setLibrary] = useState<Awaited<ReturnType<typeof loadAdaptiveCards>> | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    loadAdaptiveCards().then(setLibrary, () => setFailed(true));
  }, []);
  const shown = props.preview.find((entry) => entry.language === language) ?? props.preview[0]!;
  return (
    <section className={page.section} aria-labelledby={titleId} data-pack-preview="">
      <h2 id={titleId} className={page.h2}>
        {t('tab.packs.preview')}
      </h2>
      <p className={page.muted}>{t('tab.packs.previewIntro')}</p>
      <div className={styles.controls}>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('tab.packs.language')}</legend>
          <RadioGroup layout="horizontal" value={language} onChange={(_event, data) => setLanguage(data.value as PackPreviewLanguage['language'])}>
            {props.preview.map((entry) => (
              <Radio key={entry.language} value={entry.language} label={t(`tab.language.${entry.language}`)} />
            ))}
          </RadioGroup>
        </fieldset>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('tab.packs.theme')}</legend>
          <RadioGroup layout="horizontal" value={theme} onChange={(_event, data) => setTheme(data.value as ThemeName)}>
            {(['default', 'dark', 'contrast'] as const).map((name) => (
              <Radio key={name} value={name} label={t(themeKeys[name])} />
            ))}
          </RadioGroup>
        </fieldset>
        <Switch checked={phone} onChange={(_event, data) => setPhone(data.checked)} label={t('tab.packs.phone')} />
      </div>
      {failed && <ErrorMessage failure={new Error('preview')} />}
      {!library && !failed && <Loading />}
      {library && (
        <ol className={styles.cards} lang={shown.language} data-preview-language={shown.language} data-preview-theme={theme}>
          {shown.lessons.map((lesson, index) => (
            <li key={`${shown.language}:${lesson.id}`}>
              <article
                aria-label={t('tab.packs.lesson', { index: index + 1, title: lesson.title })}
                className={`${styles.frame} ${phone ? styles.phone : ''}`}
                style={{ backgroundColor: frameColors[theme].background, color: frameColors[theme].color }}
                data-lesson-id={lesson.id}
              >
                <CardView library={library} card={lesson.card} theme={theme} />
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function CardView(props: { readonly library: Awaited<ReturnType<typeof loadAdaptiveCards>>; readonly card: unknown; readonly theme: ThemeName }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const rendered = renderCard(props.library, props.card, props.theme);
    element.replaceChildren(...(rendered ? [rendered] : []));
  }, [props.library, props.card, props.theme]);
  return <div ref={ref} data-adaptive-card="" />;
}

function VersionsSection(props: { readonly view: PackListResponse; readonly onChanged: () => void }) {
  const t = useT();
  const page = usePageStyles();
  const table = useTableStyles();
  const { client, fmt } = useApp();
  const titleId = useId();
  const [asked, setAsked] = useState<PackVersionView | undefined>();
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Error | undefined>();

  async function withdraw(version: PackVersionView): Promise<void> {
    setAsked(undefined);
    setFailure(undefined);
    try {
      await packsApi.withdraw(client, version.courseId, version.version);
      setStatus(t('tab.packs.withdrawn', { version: version.version }));
      props.onChanged();
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    }
  }

  return (
    <section className={page.section} aria-labelledby={titleId}>
      <h2 id={titleId} className={page.h2}>
        {t('tab.packs.versions')}
      </h2>
      <p role="status" className={page.paragraph}>
        {status}
      </p>
      {failure && <ErrorMessage failure={failure} />}
      {props.view.versions.length === 0 ? (
        <p className={page.muted}>{t('tab.packs.none')}</p>
      ) : (
        <TableScroll labelledBy={titleId}>
          <table className={table.table} aria-labelledby={titleId} data-pack-versions="">
            <thead>
              <tr>
                <th scope="col" className={table.th}>
                  {t('tab.packs.col.course')}
                </th>
                <th scope="col" className={table.th}>
                  {t('tab.packs.col.version')}
                </th>
                <th scope="col" className={table.th}>
                  {t('tab.packs.col.published')}
                </th>
                <th scope="col" className={table.th}>
                  {t('tab.packs.col.status')}
                </th>
                <th scope="col" className={table.th}>
                  {t('tab.packs.col.teams')}
                </th>
                <th scope="col" className={table.th}>
                  <span className={page.visuallyHidden}>{t('tab.packs.withdrawConfirm')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.view.versions.map((version) => (
                <tr key={`${version.courseId}@${version.version}`} data-version={`${version.courseId}@${version.version}`}>
                  <th scope="row" className={`${table.td} ${table.rowHeader}`}>
                    {version.title}
                  </th>
                  <td className={table.td}>{version.version}</td>
                  <td className={table.td}>{fmt.date(version.publishedAt.slice(0, 10))}</td>
                  <td className={table.td}>
                    {version.withdrawnAt
                      ? t('tab.packs.status.withdrawn', { date: fmt.date(version.withdrawnAt.slice(0, 10)) })
                      : version.current
                        ? t('tab.packs.status.current')
                        : t('tab.packs.status.older')}
                  </td>
                  <td className={`${table.td} ${table.number}`}>{version.teams}</td>
                  <td className={table.td}>
                    {!version.withdrawnAt && (
                      <Button size="small" onClick={() => setAsked(version)}>
                        {t('tab.packs.withdraw', { version: version.version })}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ConfirmDialog
        open={asked !== undefined}
        title={asked ? t('tab.packs.withdrawTitle', { title: asked.title, version: asked.version }) : ''}
        body={t('tab.packs.withdrawBody')}
        confirm={t('tab.packs.withdrawConfirm')}
        cancel={t('tab.packs.cancel')}
        onConfirm={() => asked && void withdraw(asked)}
        onCancel={() => setAsked(undefined)}
      />
    </section>
  );
}
