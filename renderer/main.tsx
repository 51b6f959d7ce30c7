// First: it configures zod before any imported module builds a schema.
import './zod-setup.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { createHtmlAlarmAudio } from './audio/html-alarm-audio.js';
import { getOnwatchApi } from './bridge/get-onwatch-api.js';
import { createAppStore } from './store/app-store.js';
import { AppStoreProvider } from './store/store-context.js';
import './styles.css';

const store = createAppStore(getOnwatchApi(), createHtmlAlarmAudio());
// Started here rather than in an effect so StrictMode's double mount can't subscribe twice.
store.getState().start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');

createRoot(root).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <App />
    </AppStoreProvider>
  </StrictMode>,
);
