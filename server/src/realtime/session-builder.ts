import { ScenarioError } from '@sua-sandbox/rules/sim';
import { warmShardThreads } from '../monitor-shards/index.js';
import type { RealtimeDeps } from './deps.js';
import { Session, type SessionConfig, type SessionSink } from './session.js';
import { ShardedSession } from './sharded-session.js';

/**
 * Builds each live session: over monitor shards when the server shards (MONITOR_SHARDS above 1), the scenario has
 * at least MONITOR_SHARD_MIN_AIRCRAFT flights and fewer than MONITOR_SHARDED_SESSIONS sessions are sharded already;
 * else the single-threaded Session. Shards that fail close their session (its viewers are told why).
 */
export class SessionBuilder {
  /** sharded sessions starting their threads (they count against MONITOR_SHARDED_SESSIONS) */
  private starting = 0;

  constructor(
    private readonly deps: Pick<RealtimeDeps, 'monitorSharding' | 'logger'>,
    private readonly sinkFor: (sessionId: string) => SessionSink,
    /** sharded sessions running now */
    private readonly shardedRunning: () => number,
    private readonly close: (sessionId: string, reason: string) => void,
  ) {
    // Two sessions' worth of threads kept loaded: a node taking over after another's death restores each of its
    // sessions on new shards, the default live session and one more at least.
    const sharding = deps.monitorSharding;
    if (sharding && sharding.shards > 1 && !sharding.startShards)
      warmShardThreads(sharding.shards * Math.min(2, sharding.maxSessions));
  }

  async build(cfg: SessionConfig): Promise<Session> {
    const sharding = this.deps.monitorSharding;
    const sink = this.sinkFor(cfg.id);
    if (!sharding || sharding.shards < 2 || cfg.scenario.flights.length < sharding.minAircraft)
      return new Session(cfg, sink);
    const sharded = this.shardedRunning() + this.starting;
    if (sharded >= sharding.maxSessions) {
      this.deps.logger?.info(
        { sessionId: cfg.id, sharded, max: sharding.maxSessions },
        'monitor shards: the sharded-session budget is taken; this session is judged on one thread',
      );
      return new Session(cfg, sink);
    }
    this.starting++;
    try {
      this.deps.logger?.info(
        { sessionId: cfg.id, aircraft: cfg.scenario.flights.length },
        `monitor shards: session ${cfg.id} judged by ${sharding.shards} monitor shard ${sharding.startShards ? 'processes' : 'threads'}`,
      );
      return await ShardedSession.start(cfg, sink, {
        shards: sharding.shards,
        startShards: sharding.startShards,
        onFailure: (err) => {
          this.deps.logger?.error({ err, sessionId: cfg.id }, 'monitor shards failed; the session is closed');
          this.close(cfg.id, 'its monitor failed; open it again');
        },
      });
    } catch (err) {
      // no shards to be had (shard processes busy or gone, a thread that would not start): one thread it is
      if (err instanceof ScenarioError) throw err;
      this.deps.logger?.warn(
        { err, sessionId: cfg.id },
        'monitor shards did not start; this session runs on one thread',
      );
      return new Session(cfg, sink);
    } finally {
      this.starting--;
    }
  }
}
