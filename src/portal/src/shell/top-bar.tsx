/** The dark bar across the top: product name, and the signed-in account with Sign out. */
import {
  Avatar, Button, makeStyles, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, Text, tokens,
} from '@fluentui/react-components';
import { NavigationRegular, SignOutRegular } from '@fluentui/react-icons';
import { usePortal } from './context';
import { href, navigate } from './router';

const useStyles = makeStyles({
  bar: {
    height: '48px', display: 'flex', alignItems: 'center', gap: '8px', padding: '0 8px 0 4px',
    backgroundColor: '#0f548c', color: tokens.colorNeutralForegroundOnBrand, flex: '0 0 auto',
  },
  menuButton: { color: 'inherit', minWidth: '40px' },
  brand: {
    color: 'inherit', textDecoration: 'none', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold,
    padding: '4px 8px', borderRadius: tokens.borderRadiusMedium, ':focus-visible': { outline: '2px solid white' },
  },
  spacer: { flex: '1 1 auto' },
  account: { color: 'inherit', display: 'flex', alignItems: 'center', gap: '8px', maxWidth: '60vw' },
  who: {
    display: 'flex', flexDirection: 'column', alignItems: 'flex-end', lineHeight: '1.15', overflow: 'hidden',
    '@media (max-width: 600px)': { display: 'none' },
  },
  small: { fontSize: tokens.fontSizeBase100, opacity: 0.85, textTransform: 'uppercase' },
});

export function TopBar({ onToggleNav }: { onToggleNav(): void }) {
  const styles = useStyles();
  const { session, organization } = usePortal();
  const name = session.account.name || session.account.username;
  return (
    <header className={styles.bar}>
      <Button appearance="transparent" className={styles.menuButton} icon={<NavigationRegular />} aria-label="Show or hide the portal menu" onClick={onToggleNav} />
      <a
        className={styles.brand} href={href('/')}
        onClick={(event) => {
          event.preventDefault();
          navigate('/');
        }}
      >
        Entrada
      </a>
      <span className={styles.spacer} />
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button appearance="transparent" className={styles.account} aria-label={`Account: ${session.account.username}`}>
            <span className={styles.who}>
              <Text size={200} weight="semibold" truncate wrap={false}>{session.account.username}</Text>
              <span className={styles.small}>{organization.displayName}</span>
            </span>
            <Avatar name={name} size={32} color="colorful" />
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem disabled>{name}</MenuItem>
            <MenuItem icon={<SignOutRegular />} onClick={() => void session.signOut()}>Sign out</MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
    </header>
  );
}
