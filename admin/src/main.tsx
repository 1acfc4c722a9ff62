import '@fontsource/material-icons/latin-400.css';
import './material-icons.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type AppInfo } from './App.tsx';
import { loadMeta } from './providers/metaStore.ts';
import { readSession } from './providers/session.ts';

// A returning user's `_meta` is fetched alongside, not after, the app's code and settings.
if (readSession()) loadMeta().catch(() => undefined);
// The app's name and languages, public so the login page can show them in the right language.
const info = (await fetch('/api/_app').then((response) => response.json())) as AppInfo;
document.title = info.name;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App info={info} />
  </StrictMode>,
);
