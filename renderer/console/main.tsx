import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { startConsole } from './session.js';
import { createConsoleClient } from './client.js';
import { applyTheme, initialTheme } from './theme.js';
import { useConsole } from './store.js';
import { initialCompact } from './actions.js';
import { initialPositionChoice } from './position-choice.js';
import './console.css';

applyTheme(initialTheme());
useConsole.setState({ compact: initialCompact(), positionChoice: initialPositionChoice() });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void startConsole({
  createClient: createConsoleClient,
  desktop: window.pileupDesktop ?? null,
  pageOrigin: window.location.origin,
});
