/** An editable list of redirect URIs on a platform card: each URI with a delete button, and "Add URI". */
import { Button, Input, makeStyles } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';

const useStyles = makeStyles({ list: { display: 'flex', flexDirection: 'column', gap: '6px' }, row: { display: 'flex', gap: '4px' } });

export function RedirectUriList({ uris, onChange, label }: { uris: string[]; onChange(uris: string[]): void; label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.list}>
      {uris.map((uri, i) => (
        <div key={i} className={styles.row}>
          <Input
            aria-label={`${label} redirect URI ${i + 1}`} value={uri} style={{ flex: 1 }}
            onChange={(_, d) => onChange(uris.map((u, j) => (j === i ? d.value : u)))}
          />
          <Button appearance="subtle" icon={<DeleteRegular />} aria-label={`Delete ${uri || 'empty URI'}`} onClick={() => onChange(uris.filter((_, j) => j !== i))} />
        </div>
      ))}
      <div><Button appearance="transparent" icon={<AddRegular />} onClick={() => onChange([...uris, ''])}>Add URI</Button></div>
    </div>
  );
}
