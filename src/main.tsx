import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { LabContext } from './app/labContext';
import { configFromUrl, configToUrl } from './app/urlConfig';
import { createLabStore } from './store/store';
import { FrameBus } from './trainer/client/frameBus';
import { TrainerClient } from './trainer/client/trainerClient';
import './styles.css';

const { config, notices } = configFromUrl(window.location.search);
const useStore = createLabStore(config);
useStore.getState().setNotices(notices);
const frames = new FrameBus();
// The data URL must be absolute: a module worker resolves relative URLs against its own script.
const dataUrl = new URL(`${import.meta.env.BASE_URL}data/`, window.location.href).href;
const client = new TrainerClient(useStore.getState(), frames, dataUrl);
client.start(config);
// The URL always holds the current setup, so a link reproduces the experiment.
useStore.subscribe((s, prev) => {
  if (s.config !== prev.config) window.history.replaceState(null, '', `${window.location.pathname}${configToUrl(s.config)}`);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabContext.Provider value={{ useStore, client, frames }}>
      <App />
    </LabContext.Provider>
  </StrictMode>,
);
