import { z } from 'zod';
import { defineOperation, ErrorBody, IdParams, pickErrors, Timestamp } from './operation.js';

/**
 * Identity (issue 12): sign-in, browser sessions, personal API tokens, the first-start setup, users and
 * organisations. Secrets travel in requests only; a response shows an API token once (at creation) and never
 * a password or a hash.
 */

export const PASSWORD_MIN = 12;
/** bounds the hashing work one request can ask for */
export const PASSWORD_MAX = 256;

export const RoleName = z.enum(['viewer', 'applicant', 'regulator', 'admin']);
export const OrganisationKindName = z.enum(['operator', 'government', 'regulator']);
export const TokenScopeName = z.enum(['read', 'plans', 'applications', 'ingest']);
export const Email = z.email().max(254);
export const Password = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);
export const OrganisationName = z.string().trim().min(1).max(200);

export const PublicUser = z
  .object({
    id: z.string(),
    email: z.string(),
    role: RoleName,
    orgId: z.string().nullable(),
    createdAt: Timestamp,
    disabled: z.boolean(),
  })
  .meta({ id: 'User' });
export type PublicUser = z.output<typeof PublicUser>;

export const Organisation = z
  .object({ id: z.string(), name: z.string(), kind: OrganisationKindName, createdAt: Timestamp })
  .meta({ id: 'Organisation' });

export const ApiTokenInfo = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.string()),
    sourceId: z.string().nullable(),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    revokedAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiToken', description: 'an API token as listed: never its secret' });

export const WhoAmI = z.union([
  z.object({ kind: z.literal('anonymous') }),
  z.object({
    kind: z.literal('user'),
    user: PublicUser,
    via: z.enum(['session', 'token']),
    scopes: z.array(TokenScopeName),
    sourceId: z.string().optional(),
  }),
]);

export const SignInBody = z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(1024) });
export const SetupBody = z.object({ token: z.string().min(1).max(200), email: Email, password: Password });
export const NewApiToken = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(TokenScopeName).min(1).max(4),
    expiresInDays: z.number().int().min(1).max(365).describe('required: every token expires, within a year'),
    sourceId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/)
      .optional()
      .describe('the telemetry source an ingest token is bound to'),
  })
  .refine((t) => t.scopes.includes('ingest') === (t.sourceId !== undefined), {
    message: 'an ingest token names its telemetry source (sourceId), and only an ingest token does',
    path: ['sourceId'],
  });
export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: Password,
});
export const NewUserBody = z.object({
  email: Email,
  role: RoleName,
  orgId: z.string().min(1).max(200).nullable().default(null),
  password: Password,
});
export const NewOrganisationBody = z.object({ name: OrganisationName, kind: OrganisationKindName });

export const AUTH_ERRORS = {
  401: { description: 'not signed in, or credentials unknown, expired or revoked', schema: ErrorBody },
  403: { description: 'signed in, but this principal may not do this', schema: ErrorBody },
} as const;

export const authOperations = {
  signIn: defineOperation({
    method: 'post',
    path: '/api/auth/sign-in',
    operationId: 'signIn',
    summary: 'Sign in with email and password: sets the httpOnly session cookie (a new one each time)',
    description: '10 failures per address or per email in 15 minutes: 429 with Retry-After.',
    tags: ['auth'],
    request: { body: SignInBody },
    responses: {
      200: { description: 'signed in', schema: z.object({ user: PublicUser }) },
      ...pickErrors(400, 415),
      401: AUTH_ERRORS[401],
      429: { description: 'too many failures; see Retry-After', schema: ErrorBody },
    },
  }),
  signOut: defineOperation({
    method: 'post',
    path: '/api/auth/sign-out',
    operationId: 'signOut',
    summary: 'Revoke this browser session and clear its cookie',
    tags: ['auth'],
    request: {},
    responses: { 204: { description: 'signed out (also when there was no session)' } },
  }),
  whoAmI: defineOperation({
    method: 'get',
    path: '/api/auth/me',
    operationId: 'whoAmI',
    summary: 'The principal of this request: anonymous, or the user and how they authenticated',
    tags: ['auth'],
    request: {},
    responses: { 200: { description: 'principal', schema: WhoAmI }, ...AUTH_ERRORS },
  }),
  setupFirstAdmin: defineOperation({
    method: 'post',
    path: '/api/auth/setup',
    operationId: 'setupFirstAdmin',
    summary: 'First start: spend the one-time setup token the server logged to create the first admin',
    tags: ['auth'],
    request: { body: SetupBody },
    responses: {
      201: { description: 'admin created; sign in next', schema: z.object({ user: PublicUser }) },
      ...pickErrors(400, 409, 415),
      401: AUTH_ERRORS[401],
    },
  }),
  changePassword: defineOperation({
    method: 'post',
    path: '/api/auth/password',
    operationId: 'changePassword',
    summary: 'Change your password (browser session): every session ends, this browser gets a new one',
    tags: ['auth'],
    request: { body: ChangePasswordBody },
    responses: {
      204: { description: 'changed' },
      ...pickErrors(400, 415),
      ...AUTH_ERRORS,
      429: { description: 'too many failures; see Retry-After', schema: ErrorBody },
    },
  }),
  listApiTokens: defineOperation({
    method: 'get',
    path: '/api/auth/tokens',
    operationId: 'listApiTokens',
    summary: 'Your personal API tokens (never the secrets)',
    tags: ['auth'],
    request: {},
    responses: { 200: { description: 'tokens', schema: z.array(ApiTokenInfo) }, ...AUTH_ERRORS },
  }),
  createApiToken: defineOperation({
    method: 'post',
    path: '/api/auth/tokens',
    operationId: 'createApiToken',
    summary: 'Create a personal API token (browser session only): the secret is in this response only',
    description: 'Send it as `Authorization: Bearer sua_pat_…`. Scopes: read, plans, applications, ingest.',
    tags: ['auth'],
    request: { body: NewApiToken },
    responses: {
      201: { description: 'created', schema: z.object({ token: z.string(), record: ApiTokenInfo }) },
      ...pickErrors(400, 415),
      ...AUTH_ERRORS,
    },
  }),
  revokeApiToken: defineOperation({
    method: 'delete',
    path: '/api/auth/tokens/:id',
    operationId: 'revokeApiToken',
    summary: 'Revoke one of your API tokens (browser session only)',
    tags: ['auth'],
    request: { params: IdParams },
    responses: { 204: { description: 'revoked' }, ...pickErrors(404), ...AUTH_ERRORS },
  }),
  listUsers: defineOperation({
    method: 'get',
    path: '/api/users',
    operationId: 'listUsers',
    summary: 'Every account (admin)',
    tags: ['accounts'],
    request: {},
    responses: { 200: { description: 'users', schema: z.array(PublicUser) }, ...AUTH_ERRORS },
  }),
  createUser: defineOperation({
    method: 'post',
    path: '/api/users',
    operationId: 'createUser',
    summary: 'Create an account with its first password (admin); an applicant needs an operator organisation',
    tags: ['accounts'],
    request: { body: NewUserBody },
    responses: {
      201: { description: 'created', schema: PublicUser },
      ...pickErrors(400, 409, 415),
      ...AUTH_ERRORS,
    },
  }),
  disableUser: defineOperation({
    method: 'post',
    path: '/api/users/:id/disable',
    operationId: 'disableUser',
    summary: 'Disable an account (admin): its sessions end and its tokens stop working',
    tags: ['accounts'],
    request: { params: IdParams },
    responses: { 200: { description: 'disabled', schema: PublicUser }, ...pickErrors(404), ...AUTH_ERRORS },
  }),
  listOrganisations: defineOperation({
    method: 'get',
    path: '/api/organisations',
    operationId: 'listOrganisations',
    summary: 'Operator companies, government departments and the regulator (regulator, admin)',
    tags: ['accounts'],
    request: {},
    responses: { 200: { description: 'organisations', schema: z.array(Organisation) }, ...AUTH_ERRORS },
  }),
  createOrganisation: defineOperation({
    method: 'post',
    path: '/api/organisations',
    operationId: 'createOrganisation',
    summary: 'Register an organisation (admin)',
    tags: ['accounts'],
    request: { body: NewOrganisationBody },
    responses: {
      201: { description: 'created', schema: Organisation },
      ...pickErrors(400, 409, 415),
      ...AUTH_ERRORS,
    },
  }),
};
