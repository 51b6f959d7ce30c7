/**
 * main.tsx imports this before anything else, so it runs before any module builds a schema.
 * Building its first object schema, zod probes for eval with `new Function`; the page's CSP
 * refuses, and although zod catches that, Chromium still reports a CSP violation. Jitless
 * parsing never evaluates code, so the probe is skipped.
 */
import { z } from 'zod';

z.config({ jitless: true });
