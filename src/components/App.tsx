import { figureSpansPage } from './grid/gridLayout';
import { useLab } from './labContext';
import { Charts } from './charts/Charts';
import { ExportControls } from './controls/ExportControls';
import { FeatureModeToggle } from './controls/FeatureModeToggle';
import { HeadPicker } from './controls/HeadPicker';
import { PresetPicker } from './controls/PresetPicker';
import { RunControls } from './controls/RunControls';
import { ResumeOffer, RunFiles } from './controls/RunFiles';
import { RunSettings } from './controls/RunSettings';
import { TrainingControls } from './controls/TrainingControls';
import { ViewControls } from './controls/ViewControls';
import { Diagnostics } from './Diagnostics';
import { DrawDigit } from './DrawDigit';
import { ErrorBanner } from './ErrorBanner';
import { FigureGrid } from './grid/FigureGrid';
import { LoadingBar } from './LoadingBar';
import { Notices } from './Notices';
import { StatusBar } from './StatusBar';
import { TimelineControls } from './TimelineControls';

/** The page: composition only. */
export function App() {
  const { useStore } = useLab();
  const theme = useStore((s) => s.view.theme);
  const wide = figureSpansPage(useStore((s) => s.config.heads.length));
  return (
    <main className="lab" data-theme={theme}>
      <header className="lab-header">
        <h1>ICU loss lab</h1>
        <p className="tagline">
          The paper&apos;s 2-D MNIST network, trained live in your browser: watch a loss shape the feature space.
        </p>
      </header>
      <Notices />
      <ResumeOffer />
      <ErrorBanner />
      <LoadingBar />
      <div className={wide ? 'layout wide' : 'layout'}>
        <aside className="sidebar">
          <h2>Experiment</h2>
          <PresetPicker />
          <HeadPicker />
          <RunControls />
          <RunFiles />
          <h2>Live settings</h2>
          <TrainingControls />
          <h2>Next run</h2>
          <RunSettings />
        </aside>
        <div className="content">
          <StatusBar />
          <div className="toolbar">
            <ViewControls />
            <FeatureModeToggle />
          </div>
          <FigureGrid />
          <TimelineControls />
          <DrawDigit />
          <ExportControls />
          <Charts />
          <Diagnostics />
        </div>
      </div>
    </main>
  );
}
