/** Entry point: settings from the server, sign-in (MSAL redirect), then the portal shell. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './global.css';
import { Root } from './shell/root';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FluentProvider theme={webLightTheme} style={{ height: '100%' }}>
      <Root />
    </FluentProvider>
  </StrictMode>,
);
