/*
 * Preloaded with `node --import` by test/integration/startup-footprint.test.ts: writes one
 * line to stderr the first time the process loads a package, builds an Intl service (the first
 * maps about 8 MB of ICU data) or touches a global that loads undici (about 10 MB):
 *   FOOTPRINT package zod | FOOTPRINT intl NumberFormat | FOOTPRINT undici fetch
 */
import Module from 'node:module';

const noted = new Set();
const note = (kind, name) => {
  const line = `FOOTPRINT ${kind} ${name}\n`;
  if (noted.has(line)) return;
  noted.add(line);
  process.stderr.write(line);
};

/** `…/node_modules/@scope/name/lib/x.js` → `@scope/name`; the last node_modules wins. */
const packageOf = (path) => {
  const parts = path.split('node_modules/').at(-1).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
};

// require(): packages loaded on first use go through createRequire.
const load = Module._load;
Module._load = function (request, parent, ...rest) {
  const exported = load.call(this, request, parent, ...rest);
  try {
    const path = Module._resolveFilename(request, parent);
    // The compiled host itself lives in node_modules/.cache/ (see compiled-host.ts).
    if (path.includes('node_modules/') && !path.includes('/.cache/'))
      note('package', packageOf(path));
  } catch {
    // a builtin, or a module that loaded without a file of its own
  }
  return exported;
};

// import: a loader hook, which runs on its own thread and writes its own lines.
Module.register(
  'data:text/javascript,' +
    encodeURIComponent(`
      const noted = new Set();
      export async function load(url, context, next) {
        if (url.startsWith('file:') && url.includes('/node_modules/') && !url.includes('/.cache/')) {
          const parts = url.split('node_modules/').at(-1).split('/');
          const name = parts[0].startsWith('@') ? parts[0] + '/' + parts[1] : parts[0];
          if (!noted.has(name)) {
            noted.add(name);
            process.stderr.write('FOOTPRINT package ' + name + '\\n');
          }
        }
        return next(url, context);
      }
    `),
);

for (const service of Object.getOwnPropertyNames(Intl).filter(
  (name) => typeof Intl[name] === 'function',
)) {
  const Service = Intl[service];
  const wrapped = function (...args) {
    note('intl', service);
    return new.target ? new Service(...args) : Service(...args);
  };
  wrapped.prototype = Service.prototype;
  Object.assign(wrapped, Service);
  Intl[service] = wrapped;
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
