// Bench thread bootstrap: register tsx in this thread (the bench runs TypeScript sources), then start the thread.
import { register } from 'tsx/esm/api';

register();
await import('./ceiling-thread.ts');
