import type { FluentIcon } from '@fluentui/react-icons';

/** One entry of a left menu (global navigation, a blade's menu). */
export interface MenuEntry {
  key: string;
  label: string;
  icon: FluentIcon;
  /** The portal path the entry opens. */
  route: string;
}
