// Makes sure a Chromium exists for the end-to-end tests, obtaining one if needed, and says what it did.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { SYSTEM_CHROMIUM, chromiumPath } from './chromium.mjs';

const say = (msg) => console.log(`ensure-chromium: ${msg}`);

function playwrightOwn() {
  try {
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

function tryPlaywrightDownload() {
  say("no Chromium found; trying Playwright's download (npx playwright install chromium)…");
  const r = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', timeout: 300_000 });
  return r.status === 0 && playwrightOwn();
}

function tryApt() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  say("Playwright's download failed; installing Debian's chromium with apt-get (running as root)…");
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    return undefined;
  }
  return existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
}

const found = chromiumPath() ?? playwrightOwn();
if (found) {
  say(`using ${found}${process.env.CHROMIUM_PATH === found ? ' (from CHROMIUM_PATH)' : ''}`);
} else {
  const got = tryPlaywrightDownload() || tryApt();
  if (!got) {
    say('could not obtain a Chromium. Install one (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
    process.exit(1);
  }
  say(`obtained ${got}`);
}
