import { asyncJobError, type RequestError } from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';

/** Input of `fetchProfile`. @see https://docs.outx.ai/linkedin-api/fetch-profile */
export interface OutxFetchProfileInput {
  /** The part after `linkedin.com/in/`, e.g. `williamhgates`. */
  readonly profileSlug: string;
}

/** How fetch-connections sorts; `RECENTLY_ADDED` is the one value documented. */
export type OutxConnectionSortType = 'RECENTLY_ADDED' | (string & {});

/** Input of `fetchConnections`, one page. @see https://www.outx.ai/docs/linkedin-api/fetch-connections */
export interface OutxFetchConnectionsInput {
  /** Filters connections by name. */
  readonly keyword?: string;
  readonly sortType?: OutxConnectionSortType;
  /** The offset of the page. @default 0 (OutX's) */
  readonly start?: number;
  /** The page size, at most 100. @default 40 (OutX's) */
  readonly count?: number;
}

/** Input of `sendConnectionRequest`. @see https://outxai.mintlify.app/linkedin-api/send-connection-request */
export interface OutxSendConnectionRequestInput {
  /** `urn:li:fsd_profile:…`, or the id without the prefix. */
  readonly profileUrn: string;
  /** An invitation note, at most 300 characters after trimming. */
  readonly note?: string;
}

/** Input of `sendMessage`; the recipient must be a 1st-degree connection. @see https://www.outx.ai/docs/linkedin-api/send-message */
export interface OutxSendMessageInput {
  /** `urn:li:person:…` */
  readonly recipientUrn: string;
  /** Not blank, at most 10,000 characters. */
  readonly message: string;
}

/** Input of `likePost`. @see https://docs.outx.ai/linkedin-api/like-post */
export interface OutxLikePostInput {
  /** e.g. `urn:li:activity:712…` */
  readonly socialUrn: string;
}

/** Input of `searchProfiles`: at least one filter. @see https://www.outx.ai/docs/linkedin-api/search-profiles.md */
export interface OutxSearchProfilesInput {
  readonly keywords?: string;
  readonly title?: string;
  readonly company?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** LinkedIn geo URNs. */
  readonly geoUrn?: readonly string[];
}

/** The JSON body of a create, in OutX's snake_case. */
export type OutxRequestBody = Readonly<Record<string, string | number | readonly string[]>>;

const requiredText = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') });
const identifier = () => requiredText().trim().min(1, 'must not be blank');
/** Optional text; blank counts as absent, so it is not sent. */
const optionalText = () =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .optional()
    .transform((value) => value || undefined);

const integer = () =>
  z
    .number({ error: (issue) => (issue.code === 'invalid_type' ? 'must be a number' : undefined) })
    .int('must be an integer');

/** A strict object: an unknown field (`profile_slug` for `profileSlug`) is refused, not silently dropped. */
const inputObject = <TShape extends z.ZodRawShape>(shape: TShape) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'invalid_type' ? 'must be an object' : undefined),
  });

const fetchProfileSchema = inputObject({ profileSlug: identifier() }).transform((input) => ({
  profile_slug: input.profileSlug,
}));

const fetchConnectionsSchema = inputObject({
  keyword: optionalText(),
  sortType: optionalText(),
  start: integer().nonnegative('must be 0 or more').optional(),
  count: integer().min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100').optional(),
}).transform((input) => ({
  keyword: input.keyword,
  sort_type: input.sortType,
  start: input.start,
  count: input.count,
}));

const sendConnectionRequestSchema = inputObject({
  profileUrn: identifier(),
  // OutX counts the note after trimming, so the trimmed text is what is checked and sent.
  note: optionalText().refine((note) => note === undefined || note.length <= 300, {
    message: 'must be 300 characters or fewer',
  }),
}).transform((input) => ({ profile_urn: input.profileUrn, note: input.note }));

const sendMessageSchema = inputObject({
  recipientUrn: identifier(),
  // Sent as written (spacing may matter); only a blank message is refused.
  message: requiredText()
    .max(10_000, 'must be 10000 characters or fewer')
    .refine((message) => message.trim() !== '', 'must not be blank'),
}).transform((input) => ({ recipient_urn: input.recipientUrn, message: input.message }));

const likePostSchema = inputObject({ socialUrn: identifier() }).transform((input) => ({
  social_urn: input.socialUrn,
}));

const searchProfilesSchema = inputObject({
  keywords: optionalText(),
  title: optionalText(),
  company: optionalText(),
  firstName: optionalText(),
  lastName: optionalText(),
  geoUrn: z
    .array(identifier(), { error: 'must be an array of strings' })
    .optional()
    .transform((urns) => (urns && urns.length > 0 ? urns : undefined)),
})
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: 'needs at least one filter: keywords, title, company, firstName, lastName or geoUrn',
  })
  .transform((input) => ({
    keywords: input.keywords,
    title: input.title,
    company: input.company,
    first_name: input.firstName,
    last_name: input.lastName,
    geo_urn: input.geoUrn,
  }));

/** Each operation's input schema; the operation name is also the endpoint's path. */
const operationSchemas = {
  'fetch-profile': fetchProfileSchema,
  'fetch-connections': fetchConnectionsSchema,
  'send-connection-request': sendConnectionRequestSchema,
  'send-message': sendMessageSchema,
  'like-post': likePostSchema,
  'search-profiles': searchProfilesSchema,
} as const;

/** The operations `submit` accepts; each is a `POST /linkedin-agent/<operation>`. */
export type OutxOperation = keyof typeof operationSchemas;

/** Every operation name, in documentation order. */
export const OUTX_OPERATIONS = Object.freeze(Object.keys(operationSchemas) as OutxOperation[]);

/** The typed input of each operation. */
export interface OutxOperationInputs {
  readonly 'fetch-profile': OutxFetchProfileInput;
  readonly 'fetch-connections': OutxFetchConnectionsInput;
  readonly 'send-connection-request': OutxSendConnectionRequestInput;
  readonly 'send-message': OutxSendMessageInput;
  readonly 'like-post': OutxLikePostInput;
  readonly 'search-profiles': OutxSearchProfilesInput;
}

/** A create ready to send: the path under the base URL and the body. */
export interface OutxCreateRequest {
  readonly path: OutxOperation;
  readonly body: OutxRequestBody;
}

/**
 * Validates a caller's input and builds the request, before any HTTP: bad input is an `invalid_request` naming the
 * field (`field: 'note'`), so a request OutX would refuse is never sent.
 */
export function convertToOutxRequest(
  operation: string,
  input: unknown,
): Result<OutxCreateRequest, RequestError> {
  if (!Object.hasOwn(operationSchemas, operation)) {
    return err(
      asyncJobError(
        'invalid_request',
        `outx has no operation "${operation}" (operations: ${OUTX_OPERATIONS.join(', ')}).`,
        { provider: 'outx', field: 'operation' },
      ),
    );
  }
  const path = operation as OutxOperation;
  const parsed = operationSchemas[path].safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
    const field = [...(issue?.path ?? []), ...keys.slice(0, 1)].map(String).join('.');
    const problem =
      issue?.code === 'unrecognized_keys' ? 'is not a known field' : (issue?.message ?? 'is invalid');
    return err(
      asyncJobError('invalid_request', `outx ${operation}: ${field ? `${field} ` : 'input '}${problem}.`, {
        provider: 'outx',
        ...(field ? { field } : {}),
      }),
    );
  }
  return ok({ path, body: withoutUndefined(parsed.data) });
}

function withoutUndefined(body: Record<string, unknown>): OutxRequestBody {
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined),
  ) as OutxRequestBody;
}
