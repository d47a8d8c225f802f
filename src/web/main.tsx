import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
// Latin and Latin Extended cover Italian and the names of most foreign residents; no other subsets are served.
import '@fontsource/titillium-web/latin-300.css';
import '@fontsource/titillium-web/latin-ext-300.css';
import '@fontsource/titillium-web/latin-400.css';
import '@fontsource/titillium-web/latin-ext-400.css';
import '@fontsource/titillium-web/latin-600.css';
import '@fontsource/titillium-web/latin-ext-600.css';
import '@fontsource/titillium-web/latin-700.css';
import '@fontsource/titillium-web/latin-ext-700.css';
import '@fontsource/lora/latin-400.css';
import '@fontsource/lora/latin-ext-400.css';
import '@fontsource/lora/latin-700.css';
import '@fontsource/lora/latin-ext-700.css';
import '@fontsource/roboto-mono/latin-400.css';
import '@fontsource/roboto-mono/latin-ext-400.css';
import '@fontsource/roboto-mono/latin-700.css';
import '@fontsource/roboto-mono/latin-ext-700.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';

const root = document.getElementById('root');
if (!root) throw new Error('Elemento #root mancante in index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
