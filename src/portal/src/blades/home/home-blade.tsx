/** Home: the Azure services this portal offers, as tiles. */
import { makeStyles, shorthands, Text, tokens } from '@fluentui/react-components';
import { AppsListDetailRegular, AppsRegular, HeartPulseRegular, PersonRegular, ShieldKeyholeRegular, type FluentIcon } from '@fluentui/react-icons';
import { usePortal } from '../../shell/context';
import { href, navigate } from '../../shell/router';

/** Home's service tiles; add yours here. */
export const HOME_TILES: { label: string; caption: string; route: string; icon: FluentIcon }[] = [
  { label: 'Microsoft Entra ID', caption: 'Azure Active Directory', route: '/entra', icon: ShieldKeyholeRegular },
  { label: 'App registrations', caption: 'Applications that sign in and call APIs', route: '/entra/app-registrations', icon: AppsListDetailRegular },
  { label: 'Enterprise applications', caption: 'Service principals', route: '/entra/enterprise-apps', icon: AppsRegular },
  { label: 'Users', caption: 'People in the directory', route: '/entra/users', icon: PersonRegular },
  { label: 'Healthcare APIs', caption: 'Workspaces and FHIR services', route: '/healthcare', icon: HeartPulseRegular },
];

const useStyles = makeStyles({
  welcome: { margin: '8px 0 4px', fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold },
  section: { margin: '24px 0 12px', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  tiles: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: '12px', maxWidth: '900px' },
  tile: {
    display: 'flex', flexDirection: 'column', alignItems: 'center', gap: '8px', padding: '18px 10px', textAlign: 'center',
    border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusLarge, textDecoration: 'none',
    color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorNeutralBackground1, boxShadow: tokens.shadow2,
    ':hover': { boxShadow: tokens.shadow8, ...shorthands.borderColor(tokens.colorBrandStroke2) },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  icon: { fontSize: '40px', color: tokens.colorBrandForeground1, display: 'flex' },
  caption: { color: tokens.colorNeutralForeground3 },
});

export function HomeBlade() {
  const styles = useStyles();
  const { organization, session } = usePortal();
  return (
    <>
      <h1 className={styles.welcome}>Welcome to Entrada</h1>
      <Text>Signed in as {session.account.username} in {organization.displayName}.</Text>
      <h2 className={styles.section}>Azure services</h2>
      <div className={styles.tiles}>
        {HOME_TILES.map((tile) => {
          const Icon = tile.icon;
          return (
            <a
              key={tile.route} className={styles.tile} href={href(tile.route)}
              onClick={(event) => {
                event.preventDefault();
                navigate(tile.route);
              }}
            >
              <span className={styles.icon} aria-hidden><Icon /></span>
              <Text weight="semibold">{tile.label}</Text>
              <Text size={200} className={styles.caption}>{tile.caption}</Text>
            </a>
          );
        })}
      </div>
    </>
  );
}
