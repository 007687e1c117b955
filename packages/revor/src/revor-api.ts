import { z } from 'zod';

/**
 * The wire format of Revor's outreach API, as far as this adapter reads it. Only the fields we use are declared,
 * everything the vendor may leave out is `.nullish()`, and every object is loose so that a new vendor field
 * never fails validation. Snake_case stays in this file; `convert-revor-job.ts` turns it into our model.
 *
 * @see https://revor.ai/docs/api
 */

/** The API versions whose paths this adapter knows. */
export type RevorApiVersion = 'v1' | 'v2';

/** The request paths of one API version, relative to the base URL (ids already percent-encoded). */
export interface RevorPaths {
  readonly job: (encodedId: string) => string;
  readonly dispatches: string;
  readonly postLikes: string;
  readonly accounts: string;
}

/**
 * The path table per API version. v1 is the documented REST reference; v2 comes from Revor's agent-skill
 * package, which moved the job lookup to the more general `/jobs/{id}` and kept the create paths.
 *
 * @see https://revor.ai/docs/api/outreach-jobs
 * @see https://revor.ai/download/revor-outreach/SKILL.md
 */
export const revorPaths = {
  v1: {
    job: (encodedId) => `outreach/jobs/${encodedId}`,
    dispatches: 'outreach/dispatches',
    postLikes: 'outreach/linkedin/post-likes',
    accounts: 'connect/accounts',
  },
  v2: {
    job: (encodedId) => `jobs/${encodedId}`,
    dispatches: 'outreach/dispatches',
    postLikes: 'outreach/linkedin/post-likes',
    // No v2 accounts page exists; the skill package still sends agents to the v1-style path.
    accounts: 'connect/accounts',
  },
} as const satisfies Record<RevorApiVersion, RevorPaths>;

/**
 * A failed job's reason. Only the object form is documented; a bare string is accepted too, so that a vendor
 * change in how failures are spelled degrades the failure message rather than the whole lookup.
 *
 * @see https://revor.ai/docs/api/outreach-jobs
 */
export const revorJobErrorSchema = z.union([
  z.looseObject({
    code: z.string().nullish(),
    message: z.string().nullish(),
    retryable: z.boolean().nullish(),
  }),
  z.string(),
]);
export type RevorJobError = z.infer<typeof revorJobErrorSchema>;

/**
 * `item.result` of a succeeded job. Dispatches report `resolved_action` and `message_id`; post-likes report
 * `status` (`liked` or `skipped`). The v2 example carries only `{ status, message_id }`.
 *
 * @see https://revor.ai/docs/api/outreach-jobs
 */
export const revorJobResultSchema = z.looseObject({
  account_id: z.string().nullish(),
  channel: z.string().nullish(),
  resolved_action: z.string().nullish(),
  message_id: z.string().nullish(),
  status: z.string().nullish(),
});
export type RevorJobResult = z.infer<typeof revorJobResultSchema>;

const revorJobFields = {
  id: z.string().min(1),
  status: z.string(),
  action: z.string().nullish(),
  channel: z.string().nullish(),
  scheduled_at: z.string().nullish(),
  started_at: z.string().nullish(),
  finished_at: z.string().nullish(),
  next_attempt_at: z.string().nullish(),
  attempt_count: z.number().nullish(),
  result: revorJobResultSchema.nullish(),
  error: revorJobErrorSchema.nullish(),
};

/**
 * One task, as `GET /outreach/jobs/{id}` returns it in `item`. `id` and `status` are required; a failed task
 * still arrives as HTTP 200 with `status: "failed"` and `error` set.
 *
 * @see https://revor.ai/docs/api/outreach-jobs
 */
export const revorJobItemSchema = z.looseObject(revorJobFields);
export type RevorJobItem = z.infer<typeof revorJobItemSchema>;

/** The success envelope of a job lookup: `{ ok, request_id, item }`. */
export const revorJobEnvelopeSchema = z.looseObject({ item: revorJobItemSchema });
export type RevorJobEnvelope = z.infer<typeof revorJobEnvelopeSchema>;

/**
 * `item` of a create's 202 answer. v1 guarantees only `id`; the v2 example adds `status`, `action`, `channel`
 * and `scheduled_at`, so everything but the id is optional here.
 *
 * @see https://revor.ai/docs/api/outreach-dispatches
 */
export const revorCreatedItemSchema = z.looseObject({ ...revorJobFields, status: z.string().nullish() });
export type RevorCreatedItem = z.infer<typeof revorCreatedItemSchema>;

/** The envelope of a create's answer (`POST /outreach/dispatches`, `POST /outreach/linkedin/post-likes`). */
export const revorCreatedEnvelopeSchema = z.looseObject({ item: revorCreatedItemSchema });
export type RevorCreatedEnvelope = z.infer<typeof revorCreatedEnvelopeSchema>;

/**
 * One Connect account of `GET /connect/accounts`. No JSON example is published; the fields follow the
 * documented field table.
 *
 * @see https://revor.ai/docs/api/connect-accounts
 */
export const revorAccountSchema = z.looseObject({
  account_id: z.string().min(1),
  channel: z.string(),
  name: z.string().nullish(),
  account_identifier: z.string().nullish(),
  status: z.string().nullish(),
  lifecycle_status: z.string().nullish(),
  can_send: z.boolean().nullish(),
  can_receive: z.boolean().nullish(),
});
export type RevorAccountItem = z.infer<typeof revorAccountSchema>;

/** The list envelope of `GET /connect/accounts`: `{ ok, request_id, items }`. */
export const revorAccountsEnvelopeSchema = z.looseObject({ items: z.array(revorAccountSchema) });
export type RevorAccountsEnvelope = z.infer<typeof revorAccountsEnvelopeSchema>;

/** An attachment on the wire. Revor spells `contentBase64` in camelCase even in its snake_case bodies. */
export interface RevorAttachmentBody {
  readonly filename: string;
  readonly contentBase64: string;
}

/**
 * The body of `POST /outreach/dispatches`. `recipient` and `content` keys depend on the channel.
 *
 * @see https://revor.ai/docs/api/outreach-dispatches
 */
export interface RevorDispatchBody {
  readonly account_id: string;
  readonly channel: 'email' | 'linkedin' | 'whatsapp';
  readonly action: 'outreach';
  readonly recipient:
    | { readonly address: string; readonly name?: string }
    | { readonly profile_url: string }
    | { readonly phone: string };
  readonly content: {
    readonly subject?: string;
    readonly text?: string;
    readonly html?: string;
    readonly attachments?: readonly RevorAttachmentBody[];
  };
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly min_channel_task_interval_seconds?: number;
}

/**
 * The body of `POST /outreach/linkedin/post-likes`. v1 publishes no body reference; these are the fields of
 * Revor's v2 skill package.
 *
 * @see https://revor.ai/download/revor-outreach/SKILL.md
 */
export interface RevorPostLikeBody {
  readonly profile_url: string;
  readonly content?: string;
  readonly topic?: string;
  readonly intent?: string;
  readonly account_id?: string;
  readonly post_limit?: number;
  readonly locale?: 'en' | 'zh';
  readonly min_channel_task_interval_seconds?: number;
}

/** The query of `GET /connect/accounts`. */
export type RevorAccountsQuery = {
  readonly channel?: string;
  /** Revor reads `true`, `false`, `1` or `0`. */
  readonly can_send?: 'true' | 'false';
};

const requestIdSchema = z.looseObject({
  request_id: z.string().nullish().catch(undefined),
  error: z
    .looseObject({ request_id: z.string().nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
});

/**
 * Reads the request id Revor puts in every envelope: `request_id` on success, `error.request_id` on failure.
 * Response hints carry it, so even a lookup that went well can be quoted to Revor's support.
 */
export function readRevorRequestId(body: unknown): string | undefined {
  const parsed = requestIdSchema.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.request_id || parsed.data.error?.request_id || undefined;
}
