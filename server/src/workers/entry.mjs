// Worker thread bootstrap: register tsx in this thread (the server runs TypeScript sources), then hand
// piscina the task handler. Kept as .mjs so it loads before any TypeScript loader exists.
import { register } from 'tsx/esm/api';

register();
const { default: handle } = await import('./worker-entry.ts');
export default handle;
