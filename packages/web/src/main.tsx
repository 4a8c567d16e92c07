import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import 'vazirmatn/Vazirmatn-Variable-font-face.css';
import './styles.css';
import { App } from './App.js';
import { applyLang, i18n } from './language.js';
import { SessionProvider } from './session.js';

applyLang(i18n.language === 'en' ? 'en' : 'fa');
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nextProvider>
  </StrictMode>,
);
