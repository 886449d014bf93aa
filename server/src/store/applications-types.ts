import type {
  Application,
  ApplicationContent,
  ApplicationState,
  ApplicationTransition,
  Permission,
  Report,
  RevisionCheck,
  ScenarioType,
} from '@sua-sandbox/rules/model';

/** Sandbox applications in the store (issue 12, migration 0006-applications). Timestamps are ISO UTC. */
export type StoredApplication = Application;

export interface StoredApplicationRevision {
  applicationId: string;
  number: number;
  content: ApplicationContent;
  checks: RevisionCheck[];
  /** the engine's full reports, one per plan, in plan order */
  reports: Report[];
  /** the rulebook the first plan was checked under (null when there are no checks) */
  rulebookId: string | null;
  rulebookVersion: string | null;
  createdBy: string;
  createdAt: string;
}

export type StoredApplicationTransition = ApplicationTransition;

/**
 * The status of a permission an approval created. Only `active` covers checks; `pending` is approved but not yet
 * activated. Built-in permissions have no link and are always active.
 */
export type PermissionLinkStatus = 'pending' | 'active' | 'suspended' | 'revoked' | 'expired';

export interface PermissionLink {
  permissionId: string;
  /** 1, 2, …: a changed envelope is a new version */
  version: number;
  applicationId: string;
  status: PermissionLinkStatus;
  /** the permission as approved in this version */
  permission: Permission;
  createdAt: string;
  updatedAt: string;
}

export interface ApplicationRepository {
  /** throws DuplicateKeyError when the id exists */
  create(rec: {
    id: string;
    orgId: string;
    title: string;
    scenario: ScenarioType;
    createdBy: string;
  }): Promise<StoredApplication>;
  get(id: string): Promise<StoredApplication | undefined>;
  /** newest first; `orgId` keeps one organisation's, `state` one state's; `limit`/`offset` page */
  list(opts?: {
    orgId?: string;
    state?: ApplicationState;
    limit?: number;
    offset?: number;
  }): Promise<StoredApplication[]>;
  /** the checks of each application's current revision (one query for a page of the list) */
  currentChecks(applicationIds: readonly string[]): Promise<Map<string, RevisionCheck[]>>;
  /**
   * Changes the listed fields; with `expectState`, only when the application is still in that state (a
   * concurrent transition wins once). undefined when not found or the state did not match.
   */
  update(
    id: string,
    patch: {
      state?: ApplicationState;
      title?: string;
      scenario?: ScenarioType;
      revision?: number;
      permissionId?: string | null;
    },
    expectState?: ApplicationState,
  ): Promise<StoredApplication | undefined>;
  /** throws DuplicateKeyError when that revision number exists */
  addRevision(rec: Omit<StoredApplicationRevision, 'createdAt'>): Promise<StoredApplicationRevision>;
  /** oldest first */
  revisions(applicationId: string): Promise<StoredApplicationRevision[]>;
  revision(applicationId: string, n: number): Promise<StoredApplicationRevision | undefined>;
  /** the next seq is given by the store */
  addTransition(rec: Omit<StoredApplicationTransition, 'seq'>): Promise<StoredApplicationTransition>;
  /** in seq order */
  transitions(applicationId: string): Promise<StoredApplicationTransition[]>;
  /** throws DuplicateKeyError when that version of the permission exists */
  addPermissionVersion(rec: Omit<PermissionLink, 'createdAt' | 'updatedAt'>): Promise<PermissionLink>;
  /** every version of one permission, oldest first */
  permissionVersions(permissionId: string): Promise<PermissionLink[]>;
  /** sets the status of the permission's latest version; undefined when it has none */
  setPermissionStatus(permissionId: string, status: PermissionLinkStatus): Promise<PermissionLink | undefined>;
  /** the status of each linked permission's latest version */
  permissionStatuses(): Promise<Map<string, PermissionLinkStatus>>;
  /** the organisation holding each permission an approval created (its application's organisation) */
  permissionHolders(): Promise<Map<string, string>>;
}
