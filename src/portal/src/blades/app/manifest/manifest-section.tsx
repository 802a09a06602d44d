/**
 * An app registration's Manifest: the application JSON as Graph returns it, editable. Save sends one PATCH with the
 * writable properties that changed; Graph's errors are shown as they come. Download saves the JSON as a file.
 */
import {
  makeStyles, MessageBar, MessageBarBody, Text, tokens, ToolbarButton,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowUndoRegular, SaveRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useState } from 'react';
import { CommandBar } from '../../../components/command-bar';
import { ErrorBar } from '../../../components/error-bar';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';
import type { AppSectionProps } from '../app-section-props';
import { manifestEdit } from './manifest-diff';

const useStyles = makeStyles({
  editor: {
    width: '100%', boxSizing: 'border-box', minHeight: '520px', height: 'calc(100vh - 300px)', resize: 'vertical',
    fontFamily: 'Consolas, "Courier New", monospace', fontSize: '13px', lineHeight: '18px', padding: '8px 12px', tabSize: 2,
    border: `1px solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1, whiteSpace: 'pre', overflowWrap: 'normal', overflow: 'auto',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  bars: { display: 'flex', flexDirection: 'column', gap: '8px', marginBottom: '8px' },
  intro: { display: 'block', marginBottom: '8px' },
});

function manifestText(app: object): string {
  const { '@odata.context': _context, ...rest } = app as Record<string, unknown>;
  return JSON.stringify(rest, null, 2);
}

export function ManifestSection({ app, reload }: AppSectionProps) {
  const styles = useStyles();
  const { graph } = usePortal();
  const original = useMemo(() => manifestText(app), [app]);
  const [text, setText] = useState(original);
  const { busy, error, setError, run } = useAction();
  const [notice, setNotice] = useState<{ intent: 'success' | 'warning' | 'info'; text: string } | undefined>();
  useEffect(() => setText(original), [original]);
  const dirty = text !== original;

  const save = async () => {
    setError(undefined);
    setNotice(undefined);
    const edit = manifestEdit(app as unknown as Record<string, unknown>, text);
    if (!edit.ok) {
      setError(new Error(edit.message));
      return;
    }
    const names = Object.keys(edit.patch);
    const readOnly = edit.readOnlyChanged.length ? ` Read-only properties were not changed: ${edit.readOnlyChanged.join(', ')}.` : '';
    if (names.length === 0) {
      setNotice({ intent: edit.readOnlyChanged.length ? 'warning' : 'info', text: `There are no changes to save.${readOnly}` });
      return;
    }
    await run(async () => {
      await graph.patch(`/applications/${app.id}`, edit.patch);
      await reload();
      setNotice({ intent: readOnly ? 'warning' : 'success', text: `Manifest saved: ${names.join(', ')} updated.${readOnly}` });
    });
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${app.displayName.replace(/[^\w.-]+/g, '_') || 'application'}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <CommandBar label="Manifest commands">
        <ToolbarButton appearance="subtle" icon={<SaveRegular />} disabled={busy || !dirty} onClick={save}>{busy ? 'Saving…' : 'Save'}</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<ArrowUndoRegular />} disabled={busy || !dirty} onClick={() => { setText(original); setError(undefined); setNotice(undefined); }}>Discard</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<ArrowDownloadRegular />} onClick={download}>Download</ToolbarButton>
      </CommandBar>
      <div className={styles.bars}>
        <ErrorBar error={error} action="The manifest could not be saved" />
        {notice ? <MessageBar intent={notice.intent} role="status"><MessageBarBody>{notice.text}</MessageBarBody></MessageBar> : null}
      </div>
      <Text className={styles.intro}>
        The application object as Microsoft Graph returns it. Edit the JSON and select <strong>Save</strong>: the changed properties are sent in one update.
      </Text>
      <textarea
        className={styles.editor} value={text} spellCheck={false} aria-label="Manifest editor"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 's') {
            e.preventDefault();
            if (dirty && !busy) void save();
          }
        }}
      />
    </>
  );
}
