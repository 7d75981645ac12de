import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef } from 'react';
import { usePageStyles } from './styles';

const useStyles = makeStyles({
  dialog: {
    boxSizing: 'border-box',
    width: 'min(440px, calc(100vw - 32px))',
    padding: tokens.spacingHorizontalXL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow64,
    '::backdrop': { backgroundColor: 'rgba(0, 0, 0, 0.4)' },
  },
  body: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  actions: { display: 'flex', flexWrap: 'wrap', justifyContent: 'flex-end', gap: tokens.spacingHorizontalS },
});

/** Props of {@link ConfirmDialog}. */
export type ConfirmDialogProps = {
  readonly open: boolean;
  readonly title: string;
  readonly body: string;
  readonly confirm: string;
  readonly cancel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
};

/**
 * A modal question with a confirm and a cancel button, on the browser's own `<dialog>`.
 * @remarks `showModal()` makes the rest of the page inert, keeps focus inside, and closes on Escape; focus returns
 * to the control that opened it.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const styles = useStyles();
  const page = usePageStyles();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      {props.open && (
        <div className={styles.body}>
          <h2 id={titleId} className={page.h2}>
            {props.title}
          </h2>
          <p id={bodyId} className={page.paragraph}>
            {props.body}
          </p>
          <div className={styles.actions}>
            <Button appearance="primary" onClick={props.onConfirm}>
              {props.confirm}
            </Button>
            <Button onClick={props.onCancel} autoFocus>
              {props.cancel}
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}
