// Monitor shard thread bootstrap: register tsx in this thread (the server runs TypeScript sources), then start
// the shard. Kept as .mjs so it loads before any TypeScript loader exists (as workers/entry.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
