import { StrictMode, startTransition } from 'react';
import { describeError } from './data/errors';
import './styles.css';

const container = document.getElementById('root')!;
try {
  // Loading is cut into tasks that each stay short (docs/performance.md, "Loading"): the page's own
  // code (the lab, which starts its worker at once, or the sandbox), then react-dom, are separate
  // chunks evaluated in tasks of their own, and the first render is a transition, which React
  // renders in slices and so yields to the browser between components.
  const page =
    new URLSearchParams(window.location.search).get('mode') === 'sandbox'
      ? import('./sandbox/SandboxPage').then(({ startSandbox }) => startSandbox())
      : import('./lab').then(({ startLab }) => startLab());
  const [element, { createRoot }] = await Promise.all([page, import('react-dom/client')]);
  const root = createRoot(container);
  startTransition(() => root.render(<StrictMode>{element}</StrictMode>));
} catch (e) {
  // A chunk that cannot load (offline, or replaced by a newer deployment) must not leave a blank page.
  console.error(e);
  container.setAttribute('role', 'alert');
  container.textContent = `The lab could not load its code (${describeError(e)}). Reload the page to try again.`;
}
