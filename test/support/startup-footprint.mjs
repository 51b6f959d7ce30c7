/*
 * Preloaded with `node --import` by test/integration/startup-footprint.test.ts: writes one
 * line to stderr the first time the process loads a package, builds an Intl service (the first
 * maps about 8 MB of ICU data), touches a global that loads undici (about 10 MB) or loads a
 * file of one of Onwatch's own source folders (electron/core/sources/<folder>/):
 *   FOOTPRINT package zod | FOOTPRINT intl NumberFormat | FOOTPRINT undici fetch
 *   FOOTPRINT source-folder pagerduty
 */
import Module from 'node:module';

const written = new Set();
const note = (kind, name) => {
  const line = `FOOTPRINT ${kind} ${name}\n`;
  if (written.has(line)) return;
  written.add(line);
  process.stderr.write(line);
};

/** `…/node_modules/@scope/name/lib/x.js` → `@scope/name`; the last node_modules wins. */
const packageOf = (path) => {
  const parts = path.split('node_modules/').at(-1).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
};

/** Notes the package a loaded file belongs to; the compiled host itself lives in node_modules/.cache/. */
const notePackageOf = (path) => {
  if (path.includes('node_modules/') && !path.includes('/.cache/'))
    note('package', packageOf(path));
  const sourceFolder = /\/electron\/core\/sources\/([^/]+)\//.exec(path)?.[1];
  if (sourceFolder) note('source-folder', sourceFolder);
};

// require(): packages loaded on first use go through createRequire.
const load = Module._load;
Module._load = function (request, parent, ...rest) {
  const exported = load.call(this, request, parent, ...rest);
  try {
    notePackageOf(Module._resolveFilename(request, parent));
  } catch {
    // a builtin, or a module that loaded without a file of its own
  }
  return exported;
};

// import: a loader hook, which runs on its own thread and sends back each file it loads.
const { port1: loads, port2: hookPort } = new MessageChannel();
loads.on('message', notePackageOf);
loads.unref();
Module.register(
  'data:text/javascript,' +
    encodeURIComponent(`
      let port;
      export function initialize(data) { port = data.port; }
      export async function load(url, context, next) {
        if (url.startsWith('file:')) port.postMessage(new URL(url).pathname);
        return next(url, context);
      }
    `),
  { data: { port: hookPort }, transferList: [hookPort] },
);

// A proxy keeps each service's statics (supportedLocalesOf) and prototype as they are.
for (const service of Object.getOwnPropertyNames(Intl)) {
  if (typeof Intl[service] !== 'function') continue;
  Intl[service] = new Proxy(Intl[service], {
    construct(target, args, newTarget) {
      note('intl', service);
      return Reflect.construct(target, args, newTarget);
    },
    apply(target, self, args) {
      note('intl', service);
      return Reflect.apply(target, self, args);
    },
  });
}
for (const [owner, method] of [
  [Number.prototype, 'toLocaleString'],
  [String.prototype, 'localeCompare'],
  [Date.prototype, 'toLocaleString'],
  [Date.prototype, 'toLocaleDateString'],
  [Date.prototype, 'toLocaleTimeString'],
]) {
  const original = owner[method];
  owner[method] = function (...args) {
    note('intl', method);
    return original.apply(this, args);
  };
}

// Node builds these from undici on first use: the classes are getters, fetch loads it when called.
for (const name of [
  'fetch',
  'Headers',
  'Request',
  'Response',
  'FormData',
  'WebSocket',
  'EventSource',
]) {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
  if (descriptor?.get) {
    Object.defineProperty(globalThis, name, {
      ...descriptor,
      get() {
        note('undici', name);
        return descriptor.get.call(this);
      },
    });
  } else if (typeof descriptor?.value === 'function') {
    const original = descriptor.value;
    globalThis[name] = function (...args) {
      note('undici', name);
      return original.apply(this, args);
    };
  }
}
