import { performance } from 'node:perf_hooks';
export const timings: Record<string, number[]> = {};
export function wrap(proto: any, name: string, label: string) {
  const orig = proto[name];
  proto[name] = function (...args: any[]) {
    const t = performance.now();
    const r = orig.apply(this, args);
    const done = () => (timings[label] ??= []).push(+(performance.now() - t).toFixed(1));
    if (r && typeof r.then === 'function') r.then(done, done); else done();
    return r;
  };
}
