/** An API failure in plain words, with the Graph or AADSTS code a person can look up. */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { describeError } from '../api/errors';

export function ErrorBar({ error, action }: { error: unknown; action?: string }) {
  if (error === undefined || error === null) return null;
  const plain = describeError(error, action);
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="error-bar">
      <MessageBarBody>
        <MessageBarTitle>{plain.title}</MessageBarTitle>
        {plain.message}
        {plain.code ? <> Error code: <code>{plain.code}</code>.</> : null}
        {plain.requestId ? <> Request ID: <code>{plain.requestId}</code>.</> : null}
      </MessageBarBody>
    </MessageBar>
  );
}
