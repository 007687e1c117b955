/** A Revor Connect account, as `GET /connect/accounts` lists it. */
export interface RevorAccount {
  readonly account_id: string;
  readonly channel: RevorChannel;
  readonly name: string;
  readonly account_identifier: string | null;
  readonly status: 'ok' | 'credentials' | 'error';
  readonly lifecycle_status: string;
  readonly can_send: boolean;
  readonly can_receive: boolean;
}

/** Revor's outreach channels. */
export type RevorChannel = 'email' | 'linkedin' | 'whatsapp';

/** The channels, for validation. */
export const REVOR_CHANNELS: readonly RevorChannel[] = ['email', 'linkedin', 'whatsapp'];

/**
 * The accounts of the `number`-th Revor key: one usable account per channel and a LinkedIn account that needs a
 * reconnect (a dispatch through it fails with `connect_account_reconnect_required`, as in the vendor's example).
 */
export function defaultRevorAccounts(number: number): RevorAccount[] {
  const prefix = `connect_account_k${number}`;
  const usable = { status: 'ok', lifecycle_status: 'active', can_send: true, can_receive: true } as const;
  return [
    {
      account_id: `${prefix}_email`,
      channel: 'email',
      name: `Sales ${number}`,
      account_identifier: `sales${number}@sim.example.com`,
      ...usable,
    },
    {
      account_id: `${prefix}_linkedin`,
      channel: 'linkedin',
      name: `Founder ${number}`,
      account_identifier: `https://www.linkedin.com/in/sim-founder-${number}`,
      ...usable,
    },
    {
      account_id: `${prefix}_whatsapp`,
      channel: 'whatsapp',
      name: `Support ${number}`,
      account_identifier: `+1555010${String(number).padStart(4, '0')}`,
      ...usable,
    },
    {
      account_id: `${prefix}_linkedin_stale`,
      channel: 'linkedin',
      name: `Former SDR ${number}`,
      account_identifier: `https://www.linkedin.com/in/sim-former-sdr-${number}`,
      status: 'credentials',
      lifecycle_status: 'reconnect_required',
      can_send: false,
      can_receive: false,
    },
  ];
}

/** A parsed `GET /connect/accounts` query, or the documented 400 code. */
export type AccountFilterResult =
  | { readonly ok: true; readonly channel?: RevorChannel; readonly canSend?: boolean }
  | { readonly ok: false; readonly code: 'invalid_channel' | 'invalid_can_send' };

const CAN_SEND_VALUES: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
};

/** Reads the `channel` and `can_send` filters. */
export function parseAccountFilter(query: URLSearchParams): AccountFilterResult {
  const channel = query.get('channel');
  const canSend = query.get('can_send');
  if (channel !== null && !(REVOR_CHANNELS as readonly string[]).includes(channel)) {
    return { ok: false, code: 'invalid_channel' };
  }
  if (canSend !== null && !(canSend in CAN_SEND_VALUES)) return { ok: false, code: 'invalid_can_send' };
  return {
    ok: true,
    ...(channel !== null ? { channel: channel as RevorChannel } : {}),
    ...(canSend !== null ? { canSend: CAN_SEND_VALUES[canSend] } : {}),
  };
}

/** The accounts that pass a filter. */
export function filterAccounts(
  accounts: readonly RevorAccount[],
  filter: { readonly channel?: RevorChannel; readonly canSend?: boolean },
): RevorAccount[] {
  return accounts.filter(
    (account) =>
      (filter.channel === undefined || account.channel === filter.channel) &&
      (filter.canSend === undefined || account.can_send === filter.canSend),
  );
}

/** The account a post-like runs on, or why there is none (404 `account_not_found` or 400 `invalid_request`). */
export type PostLikeAccountResult =
  | { readonly ok: true; readonly account: RevorAccount }
  | {
      readonly ok: false;
      readonly status: 404 | 400;
      readonly code: 'account_not_found' | 'invalid_request';
    };

/**
 * Picks a post-like's LinkedIn account: the one named, or, when `account_id` is left out, the only LinkedIn account
 * that can send (Revor's skill reference: required when there are several).
 */
export function pickPostLikeAccount(
  accounts: readonly RevorAccount[],
  accountId: string | undefined,
): PostLikeAccountResult {
  const linkedin = accounts.filter((account) => account.channel === 'linkedin');
  if (accountId !== undefined) {
    const named = linkedin.find((account) => account.account_id === accountId);
    return named ? { ok: true, account: named } : { ok: false, status: 404, code: 'account_not_found' };
  }
  const usable = linkedin.filter((account) => account.can_send);
  if (usable.length === 1) return { ok: true, account: usable[0] as RevorAccount };
  return usable.length === 0
    ? { ok: false, status: 404, code: 'account_not_found' }
    : { ok: false, status: 400, code: 'invalid_request' };
}
