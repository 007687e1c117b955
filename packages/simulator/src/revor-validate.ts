import { REVOR_CHANNELS, type RevorChannel } from './revor-accounts';

/** A validated `POST /outreach/dispatches` body. */
export interface RevorDispatchRequest {
  readonly accountId: string;
  readonly channel: RevorChannel;
  readonly metadata: unknown;
  readonly intervalSeconds: number;
}

/** A validated `POST /outreach/linkedin/post-likes` body. */
export interface RevorPostLikeRequest {
  readonly accountId: string | undefined;
  readonly profileUrl: string;
  readonly metadata: unknown;
  readonly intervalSeconds: number;
}

/** A validated value, or why the body was rejected (the simulator answers 400 `invalid_request`). */
export type Validation<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

const MIN_INTERVAL_SECONDS = 60;
const MAX_INTERVAL_SECONDS = 86_400;
const PROFILE_URL = /^https?:\/\/([a-z]{2,3}\.)?linkedin\.com\/in\/[^/?#]+\/?([?#].*)?$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function invalid<T>(message: string): Validation<T> {
  return { ok: false, message };
}

/**
 * `min_channel_task_interval_seconds`: default 60, values below 60 are raised to 60, at most 86400
 * (https://revor.ai/docs/api/outreach-dispatches). The v2 alias `minChannelTaskIntervalSeconds` is read too.
 */
export function readIntervalSeconds(body: Record<string, unknown>): Validation<number> {
  const value = body.min_channel_task_interval_seconds ?? body.minChannelTaskIntervalSeconds;
  if (value === undefined || value === null) return { ok: true, value: MIN_INTERVAL_SECONDS };
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return invalid('min_channel_task_interval_seconds must be a number');
  }
  if (value > MAX_INTERVAL_SECONDS) return invalid('min_channel_task_interval_seconds must be at most 86400');
  return { ok: true, value: Math.max(MIN_INTERVAL_SECONDS, value) };
}

function validateAttachments(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return 'content.attachments must be an array';
  for (const [index, attachment] of value.entries()) {
    if (!isRecord(attachment) || !isText(attachment.filename) || !isText(attachment.contentBase64)) {
      return `content.attachments[${index}] needs filename and contentBase64`;
    }
  }
  return undefined;
}

function validateChannelFields(
  channel: RevorChannel,
  recipient: Record<string, unknown>,
  content: Record<string, unknown>,
): string | undefined {
  const hasAttachment = Array.isArray(content.attachments) && content.attachments.length > 0;
  switch (channel) {
    case 'email':
      if (!isText(recipient.address)) return 'recipient.address is required for email';
      if (!isText(content.subject)) return 'content.subject is required for email';
      if (!isText(content.text) && !isText(content.html))
        return 'content.text or content.html is required for email';
      return undefined;
    case 'linkedin':
      if (!isText(recipient.profile_url)) return 'recipient.profile_url is required for linkedin';
      if (!PROFILE_URL.test(recipient.profile_url))
        return 'recipient.profile_url must be a personal LinkedIn profile';
      if (!isText(content.text) && !hasAttachment)
        return 'content.text or an attachment is required for linkedin';
      return undefined;
    case 'whatsapp':
      if (!isText(recipient.phone) && typeof recipient.phone !== 'number') {
        return 'recipient.phone is required for whatsapp';
      }
      if (!isText(content.text) && !hasAttachment)
        return 'content.text or an attachment is required for whatsapp';
      return undefined;
  }
}

/** Checks a dispatch body per channel, as documented at https://revor.ai/docs/api/outreach-dispatches. */
export function validateDispatch(body: unknown): Validation<RevorDispatchRequest> {
  if (!isRecord(body)) return invalid('The request body must be a JSON object');
  if (!isText(body.account_id)) return invalid('account_id is required');
  if (typeof body.channel !== 'string' || !(REVOR_CHANNELS as readonly string[]).includes(body.channel)) {
    return invalid('channel must be one of email, linkedin, whatsapp');
  }
  if (body.action !== 'outreach') return invalid('action must be "outreach"');
  if (!isRecord(body.recipient)) return invalid('recipient is required');
  if (!isRecord(body.content)) return invalid('content is required');
  if (body.metadata !== undefined && body.metadata !== null && !isRecord(body.metadata)) {
    return invalid('metadata must be an object');
  }
  const channel = body.channel as RevorChannel;
  const problem =
    validateAttachments(body.content.attachments) ??
    validateChannelFields(channel, body.recipient, body.content);
  if (problem) return invalid(problem);
  const interval = readIntervalSeconds(body);
  if (!interval.ok) return interval;
  return {
    ok: true,
    value: { accountId: body.account_id, channel, metadata: body.metadata, intervalSeconds: interval.value },
  };
}

/** Checks a post-like body; field names and aliases follow Revor's v2 skill reference. */
export function validatePostLike(body: unknown): Validation<RevorPostLikeRequest> {
  if (!isRecord(body)) return invalid('The request body must be a JSON object');
  const profileUrl = body.profile_url ?? body.profileUrl;
  if (!isText(profileUrl)) return invalid('profile_url is required');
  if (!PROFILE_URL.test(profileUrl)) return invalid('profile_url must be a personal LinkedIn profile');
  if (!isText(body.content) && !isText(body.topic) && !isText(body.intent)) {
    return invalid('one of content, topic or intent is required');
  }
  const accountId = body.account_id ?? body.accountId;
  if (accountId !== undefined && !isText(accountId)) return invalid('account_id must be a string');
  const postLimit = body.post_limit ?? body.postLimit;
  if (
    postLimit !== undefined &&
    !(Number.isInteger(postLimit) && (postLimit as number) >= 1 && (postLimit as number) <= 50)
  ) {
    return invalid('post_limit must be an integer from 1 to 50');
  }
  if (body.locale !== undefined && body.locale !== 'en' && body.locale !== 'zh')
    return invalid('locale must be en or zh');
  const interval = readIntervalSeconds(body);
  if (!interval.ok) return interval;
  return {
    ok: true,
    value: {
      accountId: accountId as string | undefined,
      profileUrl,
      metadata: body.metadata,
      intervalSeconds: interval.value,
    },
  };
}
