/**
 * Entry of the Sources-list render benchmark (tests/bench/webSourcesRender.bench.ts),
 * built apart from the app: mounts the real SourceList with N sources and
 * times it up to a forced layout, so style and layout are counted, not just DOM.
 */
import { flushSync, mount, unmount } from 'svelte';
import SourceList from '../routes/sources/SourceList.svelte';
import { sampleSources } from './sampleSources';
import '../app.css';

function renderSources(count: number): number {
  const target = document.createElement('main');
  document.body.append(target);
  const sources = sampleSources(count);
  const started = performance.now();
  const app = mount(SourceList, { target, props: { sources, now: Date.now() } });
  flushSync();
  // Script and DOM alone, read by the benchmark next to the total.
  Object.assign(window, { mountMs: performance.now() - started });
  // Reading layout forces style and layout of everything just added.
  void target.getBoundingClientRect().height;
  const took = performance.now() - started;
  if (target.querySelectorAll('[data-testid="source"]').length !== count) throw new Error('not every source rendered');
  void unmount(app);
  target.remove();
  return took;
}

Object.assign(window, { renderSources });
