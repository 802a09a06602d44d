/** An app registration's App roles: the roles it defines for users, groups and applications, with Create app role. */
import {
  Button, Link, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, ToolbarButton,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { asApiApplication } from '../../../api/directory-types';
import { CommandBar } from '../../../components/command-bar';
import { ErrorBar } from '../../../components/error-bar';
import { EmptyState } from '../../../components/loading';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';
import type { AppSectionProps } from '../app-section-props';
import { removePermission, setEnabled } from '../expose-api/permissions';
import { CreateAppRolePanel, memberTypesLabel } from './create-app-role-panel';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto', marginTop: '12px' },
  table: { minWidth: '720px' },
  mono: { fontFamily: 'Consolas, "Courier New", monospace', fontSize: '13px' },
  actions: { display: 'flex', gap: '4px' },
});

export function AppRolesSection({ app: raw, reload }: AppSectionProps) {
  const styles = useStyles();
  const { graph } = usePortal();
  const app = asApiApplication(raw);
  const [creating, setCreating] = useState(false);
  const { error, run } = useAction();
  const roles = app.appRoles;
  const act = (work: () => Promise<void>) => run(async () => {
    await work();
    await reload();
  });
  return (
    <>
      <CommandBar label="App roles commands">
        <ToolbarButton appearance="subtle" icon={<AddRegular />} onClick={() => setCreating(true)}>Create app role</ToolbarButton>
      </CommandBar>
      <ErrorBar error={error} action="The app role could not be changed" />
      <Text>App roles are custom roles to assign permissions to users or apps. The application defines and publishes them, and they appear in the roles claim of tokens.</Text>
      {roles.length === 0 ? (
        <EmptyState title="No app roles have been defined">Select <strong>Create app role</strong> to define one.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="App roles" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Display name</TableHeaderCell>
                <TableHeaderCell>Description</TableHeaderCell>
                <TableHeaderCell>Allowed member types</TableHeaderCell>
                <TableHeaderCell>Value</TableHeaderCell>
                <TableHeaderCell>ID</TableHeaderCell>
                <TableHeaderCell>State</TableHeaderCell>
                <TableHeaderCell aria-label="Actions" />
              </TableRow>
            </TableHeader>
            <TableBody>
              {roles.map((r) => (
                <TableRow key={r.id} data-testid={`app-role-${r.value ?? r.id}`}>
                  <TableCell>{r.displayName}</TableCell>
                  <TableCell>{r.description}</TableCell>
                  <TableCell>{memberTypesLabel(r.allowedMemberTypes)}</TableCell>
                  <TableCell>{r.value ?? ''}</TableCell>
                  <TableCell className={styles.mono}>{r.id}</TableCell>
                  <TableCell>{r.isEnabled ? 'Enabled' : 'Disabled'}</TableCell>
                  <TableCell>
                    <div className={styles.actions}>
                      <Link as="button" onClick={() => void act(() => setEnabled(graph, app.id, 'appRoles', roles, r.id, !r.isEnabled))}>{r.isEnabled ? 'Disable' : 'Enable'}</Link>
                      <Button size="small" appearance="subtle" icon={<DeleteRegular />} aria-label={`Delete app role ${r.displayName}`}
                        onClick={() => void act(() => removePermission(graph, app.id, 'appRoles', roles, r.id))} />
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <CreateAppRolePanel app={app} open={creating} onClose={() => setCreating(false)} onSaved={reload} />
    </>
  );
}
