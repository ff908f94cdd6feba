import { Controls } from './Controls';
import { ErrorBanner } from './ErrorBanner';
import { LoadingBar } from './LoadingBar';
import { Notices } from './Notices';
import { ScatterPanel } from './ScatterPanel';
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
      <Controls />
      <StatusBar />
      <ScatterPanel />
    </main>
  );
}
