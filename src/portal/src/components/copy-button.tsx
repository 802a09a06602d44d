/** A copy-to-clipboard button that says it copied (and what), for IDs and secret values. */
import { Button, Tooltip } from '@fluentui/react-components';
import { CheckmarkRegular, CopyRegular, ErrorCircleRegular } from '@fluentui/react-icons';
import { useState } from 'react';

const TIPS = { idle: 'Copy to clipboard', copied: 'Copied', failed: 'The browser refused the clipboard: select the text and copy it' };

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<keyof typeof TIPS>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // No clipboard permission (an embedded or insecure page): say so, selecting the text still works.
      setState('failed');
    }
    window.setTimeout(() => setState('idle'), 2500);
  };
  const icon = state === 'copied' ? <CheckmarkRegular /> : state === 'failed' ? <ErrorCircleRegular /> : <CopyRegular />;
  return (
    <Tooltip content={TIPS[state]} relationship="description" withArrow>
      <Button appearance="transparent" size="small" icon={icon} aria-label={`Copy ${label}`} onClick={copy} />
    </Tooltip>
  );
}
