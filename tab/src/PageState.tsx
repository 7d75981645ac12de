import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { ApiFailure } from './api-client';
import { useT } from './i18n';

/** A spinner with a label, for a page or section being loaded. */
export function Loading(props: { readonly label?: string }) {
  const t = useT();
  return <Spinner size="small" labelPosition="after" label={props.label ?? t('tab.common.loading')} />;
}

/** A failed load or action: the server's message (already in the viewer's language) and, optionally, a retry. */
export function ErrorMessage(props: { readonly failure: ApiFailure | Error; readonly onRetry?: () => void; readonly title?: string }) {
  const t = useT();
  const message = props.failure instanceof ApiFailure ? props.failure.error.message : t('tab.error.internal');
  const problems = props.failure instanceof ApiFailure ? (props.failure.error.problems ?? []) : [];
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{props.title ?? t('tab.error.title')}</MessageBarTitle> {message}
        {problems.length > 0 && (
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.field}:${problem.message}`}>{problem.message}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      {props.onRetry && (
        <MessageBarActions>
          <Button onClick={props.onRetry}>{t('tab.common.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** The text shown instead of a figure the server hid because the group is too small. */
export function TooFew() {
  const t = useT();
  return <span data-too-few="">{t('tab.common.tooFew')}</span>;
}
