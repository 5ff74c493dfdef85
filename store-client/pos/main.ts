// Entry point: registers the service worker (the app shell offline), defines the elements and
// opens the till from what this browser remembers.

import './elements/pos-app.js';
import { till } from './services/till.js';

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }).catch((err: unknown) => {
    console.warn('service worker not registered: the POS will not open offline after a reload', err);
  });
}

void till.boot();
