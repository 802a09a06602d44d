/** One configured platform (Web, Single-page application, Mobile and desktop applications) as a card. */
import { Button, Card, CardHeader, makeStyles, Text, tokens } from '@fluentui/react-components';
import { DeleteRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  card: { maxWidth: '820px' },
  body: { display: 'flex', flexDirection: 'column', gap: '12px', padding: '0 4px 4px' },
  hint: { color: tokens.colorNeutralForeground2 },
});

export function PlatformCard({ title, description, onRemove, children }: { title: string; description: string; onRemove(): void; children: ReactNode }) {
  const styles = useStyles();
  return (
    <Card className={styles.card} role="region" aria-label={title}>
      <CardHeader
        header={<Text weight="semibold" size={400} as="h3">{title}</Text>}
        action={<Button appearance="subtle" icon={<DeleteRegular />} aria-label={`Remove the ${title} platform`} onClick={onRemove} />}
      />
      <div className={styles.body}>
        <Text size={200} className={styles.hint}>{description}</Text>
        {children}
      </div>
    </Card>
  );
}
