import { asyncJobError, type RequestError } from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import type {
  RevorAccountsQuery,
  RevorAttachmentBody,
  RevorDispatchBody,
  RevorPostLikeBody,
} from './revor-api';

// Caller input is validated here, before any request: a bad field is an `invalid_request` naming it, not a
// round trip to Revor (whose validation error codes for these bodies are not documented).
// Objects are strict so that a misspelt optional field (`postlimit`) is reported instead of silently dropped.

/** Revor raises smaller values to 60 on its side; we refuse them so the caller sees what will happen. */
const intervalSchema = z.number().int().min(60).max(86_400);
const nonEmpty = z.string().trim().min(1);
const httpUrl = z.url({ protocol: /^https?$/ });

const attachmentSchema = z.strictObject({
  filename: nonEmpty,
  /** The file's bytes, base64-encoded. */
  contentBase64: nonEmpty,
});

const commonDispatchShape = {
  /** The Connect account that sends (see `listAccounts`); its channel must match `channel`. */
  accountId: nonEmpty,
  /** Free-form context, sent as is. */
  metadata: z.record(z.string(), z.unknown()).optional(),
  /** The least gap in seconds between tasks on this channel for the same Revor account: 60 to 86400. @default 60 */
  minChannelTaskIntervalSeconds: intervalSchema.optional(),
};

const hasTextOrAttachment = (content: { text?: string; attachments?: readonly unknown[] }) =>
  content.text !== undefined || (content.attachments?.length ?? 0) > 0;

const messageContentSchema = z
  .strictObject({ text: nonEmpty.optional(), attachments: z.array(attachmentSchema).readonly().optional() })
  .refine(hasTextOrAttachment, { message: 'text or at least one attachment is required', path: ['text'] });

const emailDispatchSchema = z.strictObject({
  channel: z.literal('email'),
  ...commonDispatchShape,
  recipient: z.strictObject({ address: z.email(), name: nonEmpty.optional() }),
  content: z
    .strictObject({
      subject: nonEmpty,
      text: nonEmpty.optional(),
      html: nonEmpty.optional(),
      attachments: z.array(attachmentSchema).readonly().optional(),
    })
    .refine((content) => content.text !== undefined || content.html !== undefined, {
      message: 'text or html is required',
      path: ['text'],
    }),
});

const linkedinDispatchSchema = z.strictObject({
  channel: z.literal('linkedin'),
  ...commonDispatchShape,
  /** A personal profile URL, not a search or company page. */
  recipient: z.strictObject({ profileUrl: httpUrl }),
  content: messageContentSchema,
});

const whatsappDispatchSchema = z.strictObject({
  channel: z.literal('whatsapp'),
  ...commonDispatchShape,
  /** A phone number or contact identifier. */
  recipient: z.strictObject({ phone: nonEmpty }),
  content: messageContentSchema,
});

/** The input of `dispatch`, discriminated by channel. */
export const revorDispatchInputSchema = z.discriminatedUnion(
  'channel',
  [emailDispatchSchema, linkedinDispatchSchema, whatsappDispatchSchema],
  {
    error: (issue) =>
      typeof issue.input === 'object' && issue.input !== null
        ? 'must be "email", "linkedin" or "whatsapp"'
        : 'expected an object',
  },
);

/** An email dispatch: `recipient.address`, a `subject` and `text` and/or `html`. */
export type RevorEmailDispatchInput = z.input<typeof emailDispatchSchema>;
/** A LinkedIn dispatch: `recipient.profileUrl` and `text` or at least one attachment. */
export type RevorLinkedinDispatchInput = z.input<typeof linkedinDispatchSchema>;
/** A WhatsApp dispatch: `recipient.phone` and `text` or at least one attachment. */
export type RevorWhatsappDispatchInput = z.input<typeof whatsappDispatchSchema>;
/** One outreach task to create with `dispatch`, by channel. */
export type RevorDispatchInput =
  | RevorEmailDispatchInput
  | RevorLinkedinDispatchInput
  | RevorWhatsappDispatchInput;
/** A file attached to a dispatch. */
export type RevorAttachment = z.input<typeof attachmentSchema>;

/** The input of `likePost`: like at most one relevant recent post of a LinkedIn profile. */
export const revorPostLikeInputSchema = z
  .strictObject({
    /** The target person's LinkedIn profile. */
    profileUrl: httpUrl,
    /** What counts as relevant: give at least one of `content`, `topic` and `intent`. */
    content: nonEmpty.optional(),
    topic: nonEmpty.optional(),
    intent: nonEmpty.optional(),
    /** May be left out when the user has exactly one usable LinkedIn account. */
    accountId: nonEmpty.optional(),
    /** How many recent posts to consider, up to 50. @default 20 */
    postLimit: z.number().int().min(1).max(50).optional(),
    locale: z.enum(['en', 'zh']).optional(),
    /** As for dispatches: 60 to 86400 seconds. @default 60 */
    minChannelTaskIntervalSeconds: intervalSchema.optional(),
  })
  .refine((input) => Boolean(input.content ?? input.topic ?? input.intent), {
    message: 'one of content, topic or intent is required',
    path: ['content'],
  });

/** One LinkedIn post-like task to create with `likePost`. */
export type RevorPostLikeInput = z.input<typeof revorPostLikeInputSchema>;

const accountsFilterSchema = z.strictObject({
  /** Only accounts of this channel; Revor answers `invalid_channel` for one it does not support. */
  channel: nonEmpty.optional(),
  /** Only accounts that can (or cannot) send. */
  canSend: z.boolean().optional(),
});

/** The filter of `listAccounts`. */
export type RevorAccountsFilter = z.input<typeof accountsFilterSchema>;

/** Validates a dispatch input and builds its snake_case body. */
export function convertToRevorDispatchRequest(input: unknown): Result<RevorDispatchBody, RequestError> {
  const parsed = revorDispatchInputSchema.safeParse(input);
  if (!parsed.success) return err(invalidInput('dispatch', parsed.error));
  const { channel, accountId, recipient, content, metadata, minChannelTaskIntervalSeconds } = parsed.data;
  const wireRecipient: RevorDispatchBody['recipient'] =
    'address' in recipient
      ? { address: recipient.address, ...optional('name', recipient.name) }
      : 'profileUrl' in recipient
        ? { profile_url: recipient.profileUrl }
        : { phone: recipient.phone };
  return ok({
    account_id: accountId,
    channel,
    action: 'outreach',
    recipient: wireRecipient,
    content: {
      ...('subject' in content ? { subject: content.subject } : {}),
      ...optional('text', content.text),
      ...('html' in content ? optional('html', content.html) : {}),
      ...optional('attachments', content.attachments?.map(toAttachmentBody)),
    },
    ...optional('metadata', metadata),
    ...optional('min_channel_task_interval_seconds', minChannelTaskIntervalSeconds),
  });
}

/** Validates a post-like input and builds its snake_case body. */
export function convertToRevorPostLikeRequest(input: unknown): Result<RevorPostLikeBody, RequestError> {
  const parsed = revorPostLikeInputSchema.safeParse(input);
  if (!parsed.success) return err(invalidInput('post-like', parsed.error));
  const data = parsed.data;
  return ok({
    profile_url: data.profileUrl,
    ...optional('content', data.content),
    ...optional('topic', data.topic),
    ...optional('intent', data.intent),
    ...optional('account_id', data.accountId),
    ...optional('post_limit', data.postLimit),
    ...optional('locale', data.locale),
    ...optional('min_channel_task_interval_seconds', data.minChannelTaskIntervalSeconds),
  });
}

/** Validates the `listAccounts` filter and builds its query. */
export function convertToRevorAccountsQuery(filter: unknown): Result<RevorAccountsQuery, RequestError> {
  const parsed = accountsFilterSchema.safeParse(filter ?? {});
  if (!parsed.success) return err(invalidInput('listAccounts', parsed.error));
  const { channel, canSend } = parsed.data;
  const query: { channel?: string; can_send?: 'true' | 'false' } = {};
  if (channel !== undefined) query.channel = channel;
  if (canSend !== undefined) query.can_send = canSend ? 'true' : 'false';
  return ok(query);
}

/** Checks the caller's idempotency key, or makes one: a header value must be printable ASCII. */
export function toIdempotencyKey(key: string | undefined): Result<string, RequestError> {
  if (key === undefined) return ok(globalThis.crypto.randomUUID());
  if (/^[\x21-\x7e]{1,255}$/.test(key)) return ok(key);
  return err(
    asyncJobError('invalid_request', 'idempotencyKey must be 1 to 255 printable ASCII characters.', {
      provider: 'revor',
      field: 'idempotencyKey',
    }),
  );
}

function toAttachmentBody(attachment: z.output<typeof attachmentSchema>): RevorAttachmentBody {
  return { filename: attachment.filename, contentBase64: attachment.contentBase64 };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function invalidInput(operation: string, error: z.ZodError): RequestError {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.') || '(input)';
    return { path, message: issue.message };
  });
  const field = issues[0]?.path ?? '(input)';
  const detail = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return asyncJobError('invalid_request', `Invalid ${operation} input: ${detail}.`, {
    provider: 'revor',
    field,
  });
}
