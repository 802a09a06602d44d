/**
 * A side panel from the right (Add a client secret, Create app role, …): a title with a Close button, the body, and
 * an optional footer; dismissing it (Escape, the backdrop) is the same as Close.
 */
import {
  Button, DrawerBody, DrawerFooter, DrawerHeader, DrawerHeaderTitle, OverlayDrawer,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

export interface SidePanelProps {
  open: boolean;
  title: ReactNode;
  onClose(): void;
  size?: 'medium' | 'large';
  /** Under the title, e.g. the steps of a wizard. */
  header?: ReactNode;
  /** The buttons at the bottom; no footer when absent. */
  footer?: ReactNode;
  children: ReactNode;
}

export function SidePanel({ open, title, onClose, size = 'medium', header, footer, children }: SidePanelProps) {
  return (
    <OverlayDrawer position="end" size={size} open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DrawerHeader>
        <DrawerHeaderTitle heading={{ as: 'h2' }} action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={onClose} />}>
          {title}
        </DrawerHeaderTitle>
        {header}
      </DrawerHeader>
      <DrawerBody>{children}</DrawerBody>
      {footer ? <DrawerFooter>{footer}</DrawerFooter> : null}
    </OverlayDrawer>
  );
}
