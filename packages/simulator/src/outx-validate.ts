import type { Validation } from './revor-validate';

/** The `task_type` OutX writes into `task_input` (only the first two are documented; the rest follow suit). */
export type OutxTaskType =
  | 'agent_profile_fetch'
  | 'agent_fetch_connections'
  | 'agent_send_connection_request'
  | 'agent_send_message'
  | 'agent_like_post'
  | 'agent_search_profiles';

/** One create endpoint: its task type, its success message, and its body check (messages from the docs). */
export interface OutxEndpoint {
  readonly taskType: OutxTaskType;
  /** An action on LinkedIn (reports `{ sent }`), as opposed to a data fetch. */
  readonly action: boolean;
  readonly message: string;
  readonly validate: (body: Record<string, unknown>) => Validation<Record<string, unknown>>;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function invalid(message: string): Validation<Record<string, unknown>> {
  return { ok: false, message };
}

function valid(value: Record<string, unknown>): Validation<Record<string, unknown>> {
  return { ok: true, value };
}

const NOTE_MAX = 300;
const MESSAGE_MAX = 10_000;
const SEARCH_FILTERS = ['keywords', 'title', 'company', 'first_name', 'last_name'] as const;

function optionalNumber(value: unknown, name: string, min: number, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return `Invalid '${name}': must be an integer from ${min} to ${max}`;
  }
  return undefined;
}

/** The create endpoints by path (https://docs.outx.ai/linkedin-api). */
export const OUTX_ENDPOINTS: Readonly<Record<string, OutxEndpoint>> = {
  '/fetch-profile': {
    taskType: 'agent_profile_fetch',
    action: false,
    message: 'Profile fetch task created successfully',
    validate: (body) =>
      isText(body.profile_slug)
        ? valid({ profile_slug: body.profile_slug })
        : invalid("Missing or invalid 'profile_slug'"),
  },
  '/fetch-connections': {
    taskType: 'agent_fetch_connections',
    action: false,
    message: 'Fetch connections task created successfully',
    validate: (body) => {
      if (body.keyword !== undefined && typeof body.keyword !== 'string')
        return invalid("Invalid 'keyword': must be a string");
      if (body.sort_type !== undefined && body.sort_type !== 'RECENTLY_ADDED') {
        return invalid("Invalid 'sort_type': must be 'RECENTLY_ADDED'");
      }
      const problem =
        optionalNumber(body.start, 'start', 0, Number.MAX_SAFE_INTEGER) ??
        optionalNumber(body.count, 'count', 1, 100);
      if (problem) return invalid(problem);
      return valid({
        ...(body.keyword !== undefined ? { keyword: body.keyword } : {}),
        sort_type: body.sort_type ?? 'RECENTLY_ADDED',
        start: body.start ?? 0,
        count: body.count ?? 40,
      });
    },
  },
  '/send-connection-request': {
    taskType: 'agent_send_connection_request',
    action: true,
    message: 'Connection request task created successfully',
    validate: (body) => {
      if (!isText(body.profile_urn)) return invalid("Missing or invalid 'profile_urn'");
      if (body.note === undefined || body.note === null) return valid({ profile_urn: body.profile_urn });
      if (typeof body.note !== 'string') return invalid("Invalid 'note': must be a string");
      const note = body.note.trim();
      if (note.length > NOTE_MAX) return invalid("Invalid 'note': must be 300 characters or fewer");
      return valid({ profile_urn: body.profile_urn, note });
    },
  },
  '/send-message': {
    taskType: 'agent_send_message',
    action: true,
    message: 'Message task created successfully',
    validate: (body) => {
      if (!isText(body.recipient_urn)) return invalid("Missing or invalid 'recipient_urn'");
      if (!isText(body.message)) return invalid("Missing or invalid 'message'");
      if (body.message.length > MESSAGE_MAX)
        return invalid('Message text is too long (max 10000 characters)');
      return valid({ recipient_urn: body.recipient_urn, message: body.message });
    },
  },
  '/like-post': {
    taskType: 'agent_like_post',
    action: true,
    message: 'Like post task created successfully',
    validate: (body) =>
      isText(body.social_urn)
        ? valid({ social_urn: body.social_urn })
        : invalid("Missing or invalid 'social_urn'"),
  },
  '/search-profiles': {
    taskType: 'agent_search_profiles',
    action: false,
    message: 'Search profiles task created successfully',
    validate: (body) => {
      const input: Record<string, unknown> = {};
      for (const name of SEARCH_FILTERS) {
        if (body[name] === undefined) continue;
        if (typeof body[name] !== 'string') return invalid(`Invalid '${name}': must be a string`);
        if (isText(body[name])) input[name] = body[name];
      }
      if (body.geo_urn !== undefined) {
        if (!Array.isArray(body.geo_urn) || !body.geo_urn.every((urn) => typeof urn === 'string')) {
          return invalid("Invalid 'geo_urn': must be an array of strings");
        }
        if (body.geo_urn.length > 0) input.geo_urn = body.geo_urn;
      }
      if (Object.keys(input).length === 0) {
        return invalid(
          'At least one search filter is required (keywords, title, company, first_name, last_name, geo_urn)',
        );
      }
      return valid(input);
    },
  },
};
