import type { Logger } from 'pino';
import { intentBus } from '../cluster/intent-bus.js';
import { permissionBus } from '../cluster/permission-bus.js';
import type { SessionManager } from '../realtime/sessions.js';
import type { LiveServer } from '../sockets/types.js';
import type { ApplicationService } from './applications.js';
import type { IntentService } from './intents.js';
import type { PermissionService } from './permissions.js';

type LivePermissions = Awaited<ReturnType<PermissionService['live']>>;

/**
 * A permission's new status reaches the running live sessions at once, here and (a cluster, issue 15) on every
 * other node, whose checks read the shared store afresh; operational intents likewise, so every node deconflicts
 * against the intents any node accepted. Returns what an application's transition calls with the new permissions.
 */
export function relayChanges(deps: {
  io: LiveServer;
  clustered: boolean;
  intents: IntentService;
  permissions: PermissionService;
  sessions: SessionManager | undefined;
  logger: Logger;
}): (live: LivePermissions) => void {
  const { io, intents, permissions, sessions, logger } = deps;
  const bus = deps.clustered ? permissionBus(io) : undefined;
  const intentChanges = deps.clustered ? intentBus(io) : undefined;
  intentChanges?.listen((id) =>
    intents.refresh(id).catch((err: unknown) => logger.error({ err, id }, 'intent could not be read again')),
  );
  intents.onChanged = (id) => intentChanges?.announce(id);
  const relayPermissions = () =>
    permissions.live().then(
      (live) => sessions?.setPermissions(live.known, live.withdrawn, live.holders),
      (err: unknown) => logger.error({ err }, 'permissions could not be read again'),
    );
  bus?.listen(() => {
    permissions.invalidate();
    void relayPermissions();
  });
  permissions.onChange = () => {
    void relayPermissions();
    bus?.announce();
  };
  return (live) => {
    sessions?.setPermissions(live.known, live.withdrawn, live.holders);
    bus?.announce();
  };
}

/**
 * A permission whose validity has ended expires without anyone pressing a button: at start, then every `everyMs`
 * (0: never). Returns the timer to clear on close.
 */
export function sweepExpiredPermissions(
  applications: ApplicationService,
  everyMs: number,
  logger: Logger,
): NodeJS.Timeout | undefined {
  if (everyMs <= 0) return undefined;
  const sweep = () =>
    applications.expireEnded().then(
      (ids) => ids.length > 0 && logger.info({ applications: ids }, 'permissions expired: validity ended'),
      (err: unknown) => logger.error({ err }, 'permission expiry sweep failed'),
    );
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  void sweep();
  return timer;
}
