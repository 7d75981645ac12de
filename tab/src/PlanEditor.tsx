import { Badge, Button, Field, Input, makeStyles, Select, Textarea, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowDownloadRegular, CheckmarkCircleRegular, CircleRegular, DeleteRegular, EditRegular, HourglassHalfRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { NextStepsView, PlanItemInput, PlanItemView } from '../../bot/http/contracts';
import { ApiFailure } from './api-client';
import { useApp } from './app-context';
import { ConfirmDialog } from './ConfirmDialog';
import { intlLocale, useT, type Translate } from './i18n';
import { nextStepsApi, type PlanExportFormat } from './next-steps-api';
import { ErrorMessage } from './PageState';
import { saveDownload } from './save-download';
import { usePageStyles } from './styles';

/** The longest item text the API accepts, in characters. */
const MAX_TEXT = 500;

type Status = PlanItemView['status'];
const statuses: readonly Status[] = ['planned', 'inProgress', 'done'];
const statusLook = {
  planned: { color: 'informative', icon: <CircleRegular /> },
  inProgress: { color: 'warning', icon: <HourglassHalfRegular /> },
  done: { color: 'success', icon: <CheckmarkCircleRegular /> },
} as const;
const exportFormats: readonly PlanExportFormat[] = ['md', 'csv'];
/** The fields the API reports problems for, in the order the form shows them. */
const fieldNames = ['text', 'owner', 'dueDate', 'status'] as const;
type FieldName = (typeof fieldNames)[number];
type Member = { readonly userId: string; readonly name: string };

const useStyles = makeStyles({
  items: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
    paddingBlockEnd: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':focus': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  itemText: { margin: 0, fontWeight: tokens.fontWeightSemibold, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  facts: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 8em), 1fr))', gap: tokens.spacingHorizontalM, margin: 0 },
  fact: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, alignItems: 'flex-start', minWidth: 0 },
  factLabel: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  factValue: { margin: 0, overflowWrap: 'anywhere' },
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  fields: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 12em), 1fr))', alignItems: 'start', gap: tokens.spacingHorizontalL },
  status: { margin: 0, fontWeight: tokens.fontWeightSemibold, ':empty': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden' } },
});

/** An item's text, shortened for a button's or a dialog's label. */
function short(text: string): string {
  const chars = [...text];
  return chars.length > 60 ? `${chars.slice(0, 57).join('').trimEnd()}…` : text;
}

function statusName(t: Translate, status: Status): string {
  return t(`tab.plan.status.${status}`);
}

/** An item's status as a badge: an icon and a word, never colour alone. */
function StatusBadge(props: { readonly status: Status }) {
  const t = useT();
  const look = statusLook[props.status];
  return (
    <Badge appearance="tint" color={look.color} icon={look.icon} data-plan-status={props.status}>
      {statusName(t, props.status)}
    </Badge>
  );
}

/** The team's plan: its items, Markdown and CSV downloads, and (for leaders) adding, editing and deleting items. */
export function PlanEditor(props: { readonly teamId: string; readonly view: NextStepsView; readonly onItems: (items: readonly PlanItemView[]) => void }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client } = useApp();
  const { view } = props;
  const editable = view.canEdit && view.members !== null;
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Error | undefined>();
  const [deleting, setDeleting] = useState<PlanItemView | undefined>();
  const [focusTarget, setFocusTarget] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  const itemElements = useRef(new Map<string, HTMLLIElement>());

  // Focus moves once the list shows the change: to the added or saved item, or to the heading after a delete.
  useEffect(() => {
    if (focusTarget === undefined) return;
    if (focusTarget === '') heading.current?.focus();
    else itemElements.current.get(focusTarget)?.focus();
    setFocusTarget(undefined);
  }, [focusTarget, view.items]);

  async function exportPlan(format: PlanExportFormat): Promise<void> {
    setStatus('');
    setFailure(undefined);
    try {
      const download = await nextStepsApi.exportPlan(client, props.teamId, format, t(`tab.plan.exportFileName.${format}`));
      saveDownload(download);
      setStatus(t('tab.plan.exportDone', { filename: download.filename }));
    } catch (error) {
      setFailure(error as Error);
    }
  }

  async function remove(item: PlanItemView): Promise<void> {
    setDeleting(undefined);
    setStatus('');
    setFailure(undefined);
    try {
      await nextStepsApi.deleteItem(client, props.teamId, item.id);
      props.onItems(view.items.filter((other) => other.id !== item.id));
      setStatus(t('tab.plan.deleted', { text: short(item.text) }));
      setFocusTarget('');
    } catch (error) {
      setFailure(error as Error);
    }
  }

  return (
    <section className={page.section} aria-labelledby="plan-title" data-section="plan">
      <h2 id="plan-title" ref={heading} tabIndex={-1} className={page.h2}>
        {t('tab.plan.title')}
      </h2>
      <p className={page.muted}>{editable ? t('tab.plan.captionLeader') : t('tab.plan.captionMember')}</p>
      {view.items.length === 0 ? (
        <p className={page.paragraph}>{t('tab.plan.empty')}</p>
      ) : (
        <ul className={styles.items} aria-labelledby="plan-title" data-list="plan">
          {view.items.map((item) => (
            <PlanItemRow
              key={item.id}
              teamId={props.teamId}
              item={item}
              members={editable ? view.members : null}
              elementRef={(element) => {
                if (element) itemElements.current.set(item.id, element);
                else itemElements.current.delete(item.id);
              }}
              onSaved={(saved) => {
                props.onItems(view.items.map((other) => (other.id === saved.id ? saved : other)));
                setStatus(t('tab.plan.saved'));
                setFocusTarget(saved.id);
              }}
              onDelete={() => setDeleting(item)}
            />
          ))}
        </ul>
      )}
      <div role="group" aria-label={t('tab.plan.exportGroup')} className={page.row}>
        {exportFormats.map((format) => (
          <Button key={format} icon={<ArrowDownloadRegular />} onClick={() => void exportPlan(format)} data-action={`export-${format}`}>
            {t(`tab.plan.export.${format}`)}
          </Button>
        ))}
      </div>
      <p role="status" className={styles.status} data-status="plan">
        {status}
      </p>
      {failure && <ErrorMessage failure={failure} />}
      {editable && view.members && (
        <PlanItemForm
          members={view.members}
          headingId="plan-add-title"
          onSubmit={async (input) => {
            setStatus('');
            const item = await nextStepsApi.addItem(client, props.teamId, input);
            props.onItems([...view.items, item]);
            setStatus(t('tab.plan.added'));
            setFocusTarget(item.id);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== undefined}
        title={t('tab.plan.confirmDelete.title')}
        body={deleting ? t('tab.plan.confirmDelete.body', { text: short(deleting.text) }) : ''}
        confirm={t('tab.plan.confirmDelete.confirm')}
        cancel={t('tab.common.cancel')}
        onConfirm={() => {
          if (deleting) void remove(deleting);
        }}
        onCancel={() => setDeleting(undefined)}
      />
    </section>
  );
}

/** One item: read-only for members; leaders can edit it in place or delete it. */
function PlanItemRow(props: {
  readonly teamId: string;
  readonly item: PlanItemView;
  readonly members: readonly Member[] | null;
  readonly elementRef: (element: HTMLLIElement | null) => void;
  readonly onSaved: (item: PlanItemView) => void;
  readonly onDelete: () => void;
}) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client, fmt } = useApp();
  const { item } = props;
  const [editing, setEditing] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const label = short(item.text);

  useEffect(() => {
    if (!editing && returnFocus) {
      editButton.current?.focus();
      setReturnFocus(false);
    }
  }, [editing, returnFocus]);

  return (
    <li ref={props.elementRef} tabIndex={-1} className={styles.item} data-item={item.id}>
      {editing && props.members ? (
        <PlanItemForm
          item={item}
          members={props.members}
          label={t('tab.plan.editLabel', { text: label })}
          onSubmit={async (input) => {
            const saved = await nextStepsApi.updateItem(client, props.teamId, item.id, input);
            setEditing(false);
            props.onSaved(saved);
          }}
          onCancel={() => {
            setEditing(false);
            setReturnFocus(true);
          }}
        />
      ) : (
        <>
          <p className={styles.itemText} data-item-text="">
            {item.text}
          </p>
          <dl className={styles.facts}>
            <div className={styles.fact}>
              <dt className={styles.factLabel}>{t('tab.plan.owner')}</dt>
              <dd className={styles.factValue} data-item-owner="">
                {item.owner?.name ?? t('tab.plan.noOwner')}
              </dd>
            </div>
            <div className={styles.fact}>
              <dt className={styles.factLabel}>{t('tab.plan.due')}</dt>
              <dd className={styles.factValue} data-item-due="">
                {item.dueDate ? fmt.date(item.dueDate) : t('tab.plan.noDue')}
              </dd>
            </div>
            <div className={styles.fact}>
              <dt className={styles.factLabel}>{t('tab.plan.status')}</dt>
              <dd className={styles.factValue}>
                <StatusBadge status={item.status} />
              </dd>
            </div>
          </dl>
          {props.members && (
            <div className={page.row}>
              <Button ref={editButton} icon={<EditRegular />} onClick={() => setEditing(true)} aria-label={t('tab.plan.editLabel', { text: label })}>
                {t('tab.plan.edit')}
              </Button>
              <Button icon={<DeleteRegular />} onClick={props.onDelete} aria-label={t('tab.plan.deleteLabel', { text: label })}>
                {t('tab.plan.delete')}
              </Button>
            </div>
          )}
        </>
      )}
    </li>
  );
}

/**
 * The form for a new item (with `headingId`) or for editing one (with `item` and `label`).
 * @remarks The API checks every rule and answers in the reader's language; its problems are shown next to their
 * fields and focus moves to the first field that needs correcting. An edit sends only what changed.
 */
function PlanItemForm(props: {
  readonly item?: PlanItemView;
  readonly members: readonly Member[];
  readonly headingId?: string;
  readonly label?: string;
  readonly onSubmit: (input: PlanItemInput) => Promise<void>;
  readonly onCancel?: () => void;
}) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { item } = props;
  const [text, setText] = useState(item?.text ?? '');
  const [owner, setOwner] = useState(item?.owner?.userId ?? '');
  const [dueDate, setDueDate] = useState(item?.dueDate ?? '');
  const [status, setStatus] = useState<Status>(item?.status ?? 'planned');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | undefined>();
  const controls = useRef<Partial<Record<FieldName, HTMLElement | null>>>({});
  const bind = (name: FieldName) => (element: HTMLElement | null) => {
    controls.current[name] = element;
  };

  const owners = [...props.members].sort((a, b) => a.name.localeCompare(b.name, intlLocale(t.language)));
  if (item?.owner && !owners.some((member) => member.userId === item.owner?.userId)) owners.push(item.owner);

  const problem = (field: FieldName): string | undefined =>
    failure instanceof ApiFailure ? failure.error.problems?.find((p) => p.field === field || p.field.endsWith(`.${field}`))?.message : undefined;
  const fieldProblems = fieldNames.some((field) => problem(field));

  // An edit form opens with its first field focused; after a refused save, focus goes to the first field to fix.
  useEffect(() => {
    if (item) controls.current.text?.focus();
  }, [item]);
  useEffect(() => {
    const first = fieldNames.find((field) => problem(field));
    if (first) controls.current[first]?.focus();
  }, [failure]);

  function input(): PlanItemInput {
    const wanted = { text: text.trim(), ownerUserId: owner || null, dueDate: dueDate || null, status };
    if (!item) return wanted;
    return {
      ...(wanted.text !== item.text ? { text: wanted.text } : {}),
      ...(wanted.ownerUserId !== (item.owner?.userId ?? null) ? { ownerUserId: wanted.ownerUserId } : {}),
      ...(wanted.dueDate !== item.dueDate ? { dueDate: wanted.dueDate } : {}),
      ...(wanted.status !== item.status ? { status: wanted.status } : {}),
    };
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      await props.onSubmit(input());
      if (!item) {
        setText('');
        setOwner('');
        setDueDate('');
        setStatus('planned');
      }
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={(event) => void submit(event)}
      {...(props.headingId ? { 'aria-labelledby': props.headingId } : { 'aria-label': props.label })}
      data-form={item ? 'plan-edit' : 'plan-add'}
    >
      {props.headingId && (
        <h3 id={props.headingId} className={page.h3}>
          {t('tab.plan.addTitle')}
        </h3>
      )}
      <Field label={t('tab.plan.text')} required hint={t('tab.plan.textHint', { count: [...text].length, max: MAX_TEXT })} validationMessage={problem('text')}>
        <Textarea ref={bind('text')} name="text" value={text} resize="vertical" onChange={(_event, data) => setText(data.value)} />
      </Field>
      <div className={styles.fields}>
        <Field label={t('tab.plan.owner')} validationMessage={problem('owner')}>
          <Select ref={bind('owner')} name="owner" value={owner} onChange={(_event, data) => setOwner(data.value)}>
            <option value="">{t('tab.plan.noOwner')}</option>
            {owners.map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tab.plan.due')} hint={t('tab.plan.optional')} validationMessage={problem('dueDate')}>
          <Input ref={bind('dueDate')} name="dueDate" type="date" value={dueDate} onChange={(_event, data) => setDueDate(data.value)} />
        </Field>
        <Field label={t('tab.plan.status')} validationMessage={problem('status')}>
          <Select ref={bind('status')} name="status" value={status} onChange={(_event, data) => setStatus(data.value as Status)}>
            {statuses.map((value) => (
              <option key={value} value={value}>
                {statusName(t, value)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {failure && !fieldProblems && <ErrorMessage failure={failure} />}
      <div className={page.row}>
        <Button type="submit" appearance="primary" icon={item ? undefined : <AddRegular />} disabled={busy}>
          {item ? t('tab.plan.save') : t('tab.plan.add')}
        </Button>
        {props.onCancel && <Button onClick={props.onCancel}>{t('tab.common.cancel')}</Button>}
      </div>
    </form>
  );
}
