/** The look the three credential tabs share: the hint above the list, a sideways-scrolling table, monospace ids. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useCredentialTableStyles = makeStyles({
  hint: { color: tokens.colorNeutralForeground2, display: 'block', marginBottom: '8px' },
  scroll: { overflowX: 'auto' },
  mono: { fontFamily: 'Consolas, "Courier New", monospace', fontSize: '13px', overflowWrap: 'anywhere', minWidth: 0 },
  cell: { display: 'flex', alignItems: 'center', gap: '4px' },
  dates: { display: 'flex', alignItems: 'center', gap: '4px', flexWrap: 'wrap' },
});
