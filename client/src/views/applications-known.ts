/** What the applications view knows of each application between fetches: the list, verdicts, permissions. */
import type { ApplicationListItem, PermissionVersion } from '@sua-sandbox/rules/api';
import type { Application, Verdict } from '@sua-sandbox/rules/model';
import type { ApplicationDetail } from '../applications/api.js';

export class KnownApplications {
  private apps: Application[] = [];
  private readonly verdictsById = new Map<string, Verdict[]>();
  /** each application's latest permission version */
  private readonly permissions = new Map<string, PermissionVersion>();

  get list(): readonly Application[] {
    return this.apps;
  }

  get verdicts(): ReadonlyMap<string, Verdict[]> {
    return this.verdictsById;
  }

  permission(id: string): PermissionVersion | undefined {
    return this.permissions.get(id);
  }

  /** The list with each application's verdicts, as the server summarises them (no detail per row). */
  setList(items: ApplicationListItem[]): void {
    this.apps = items;
    for (const a of items)
      this.verdictsById.set(
        a.id,
        a.checks.map((c) => c.verdict),
      );
  }

  /** A new application, first in the list. */
  add(app: Application): void {
    this.apps = [app, ...this.apps];
  }

  /** A fetched detail: its verdicts, its latest permission version and its row in the list. */
  remember(detail: ApplicationDetail): void {
    const id = detail.application.id;
    this.verdictsById.set(
      id,
      detail.revision.checks.map((c) => c.verdict),
    );
    const latest = detail.permission.at(-1);
    if (latest) this.permissions.set(id, latest);
    else this.permissions.delete(id);
    const i = this.apps.findIndex((a) => a.id === id);
    if (i >= 0) this.apps[i] = detail.application;
  }

  /** Forget what changed elsewhere, so the next visit fetches it again. */
  forget(id: string): void {
    this.verdictsById.delete(id);
    this.permissions.delete(id);
  }

  clear(): void {
    this.apps = [];
    this.verdictsById.clear();
    this.permissions.clear();
  }
}
