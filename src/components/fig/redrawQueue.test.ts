import { describe, expect, it } from 'vitest';
import { RedrawQueue, type PostTask, type Redrawable } from './redrawQueue';

/** Tasks posted but not run yet, run one at a time by the test. */
function tasks() {
  const posted: (() => void)[] = [];
  const post: PostTask = (run) => {
    posted.push(run);
  };
  return { post, posted, runOne: () => posted.shift()!() };
}

/** A panel whose redraw takes `steps` steps, logging each into `log`. */
function panel(name: string, steps: number, log: string[]): Redrawable & { left: number } {
  return {
    left: steps,
    redraw() {
      log.push(name);
      this.left -= 1;
      return this.left > 0;
    },
  };
}

describe('RedrawQueue', () => {
  it('runs one redraw step per task, panels taking turns, until every panel is done', () => {
    const t = tasks(),
      log: string[] = [],
      q = new RedrawQueue(t.post);
    const panels = ['a', 'b', 'c'].map((n) => panel(n, 2, log));
    panels.forEach((p) => q.request(p));
    expect(t.posted).toHaveLength(1); // one task waits, not one per request
    const perTask: number[] = [];
    while (t.posted.length) {
      const before = log.length;
      t.runOne();
      perTask.push(log.length - before);
    }
    expect(perTask).toEqual([1, 1, 1, 1, 1, 1]);
    expect(log).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('redraws a panel asked twice while it waits once, and none after cancel', () => {
    const t = tasks(),
      log: string[] = [],
      q = new RedrawQueue(t.post);
    const a = panel('a', 1, log),
      b = panel('b', 1, log);
    q.request(a);
    q.request(b);
    q.request(a);
    q.cancel(b);
    while (t.posted.length) t.runOne();
    expect(log).toEqual(['a']);
  });

  it('takes a request made after it went idle', () => {
    const t = tasks(),
      log: string[] = [],
      q = new RedrawQueue(t.post);
    q.request(panel('a', 1, log));
    t.runOne();
    expect(t.posted).toHaveLength(0);
    q.request(panel('b', 1, log));
    t.runOne();
    expect(log).toEqual(['a', 'b']);
  });
});
