import { App } from './components/App';
import { LabContext, NotifyContext } from './components/labContext';
import { indexedDbStore, RunKeeper, SavedRuns } from './trainer/client/runKeeper';
import { mirrorToUrl } from './url/urlMirror';
import { stateFromUrl } from './url/urlConfig';
import { createLabStore } from './store/store';
import { Timeline } from './trainer/client/timeline';
import { TrainerClient } from './trainer/client/trainerClient';

/** The lab: the store from the URL, the trainer's worker, the kept runs, the URL mirrored. */
export function startLab() {
  const { config, view, notices } = stateFromUrl(window.location.search);
  const useStore = createLabStore(config, view);
  useStore.getState().setNotices(notices);
  const frames = new Timeline();
  // The data URL must be absolute: a module worker resolves relative URLs against its own script.
  const dataUrl = new URL(`${import.meta.env.BASE_URL}data/`, window.location.href).href;
  const client = new TrainerClient(useStore.getState(), frames, dataUrl);
  const keeper = new RunKeeper(
    useStore,
    client,
    new SavedRuns(indexedDbStore()),
    new URL(`${import.meta.env.BASE_URL}trained/`, window.location.href).href,
  );
  void keeper.begin(config);
  mirrorToUrl(useStore);
  return (
    <LabContext.Provider value={{ useStore, client, frames, keeper, dataUrl }}>
      <NotifyContext.Provider value={useStore.getState().notify}>
        <App />
      </NotifyContext.Provider>
    </LabContext.Provider>
  );
}
