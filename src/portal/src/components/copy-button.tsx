/** A copy-to-clipboard button that says it copied (and what), for IDs and secret values. */
import { Button, Tooltip } from '@fluentui/react-components';
import { CheckmarkRegular, CopyRegular } from '@fluentui/react-icons';
import { useState } from 'react';

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      // No clipboard permission (an embedded or insecure page): select-and-copy by hand still works.
      setCopied(false);
    }
  };
  return (
    <Tooltip content={copied ? 'Copied' : 'Copy to clipboard'} relationship="description" withArrow>
      <Button
        appearance="transparent" size="small" icon={copied ? <CheckmarkRegular /> : <CopyRegular />}
        aria-label={`Copy ${label}`} onClick={copy}
      />
    </Tooltip>
  );
}
