import { HeadPicker } from './controls/HeadPicker';
import { RunControls } from './controls/RunControls';
import { RunSettings } from './controls/RunSettings';
import { TrainingControls } from './controls/TrainingControls';
import { Diagnostics } from './Diagnostics';
import { EmbeddingGrid } from './EmbeddingGrid';
import { ErrorBanner } from './ErrorBanner';
import { LoadingBar } from './LoadingBar';
import { Notices } from './Notices';
import { StatusBar } from './StatusBar';

/** The page: composition only. */
export function App() {
  return (
    <main className="lab">
      <header className="lab-header">
        <h1>ICU loss lab</h1>
        <p className="tagline">The paper&apos;s 2-D MNIST network, trained live in your browser.</p>
      </header>
      <Notices />
      <ErrorBanner />
      <LoadingBar />
      <div className="layout">
        <aside className="sidebar">
          <HeadPicker />
          <RunControls />
          <TrainingControls />
          <RunSettings />
        </aside>
        <div className="content">
          <StatusBar />
          <EmbeddingGrid />
          <Diagnostics />
        </div>
      </div>
    </main>
  );
}
