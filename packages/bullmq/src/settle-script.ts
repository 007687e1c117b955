import type { Redis } from 'ioredis';

/**
 * Records an outcome exactly once: `SET NX` with the TTL, and only when that set it, one entry in the settled
 * stream (trimmed to the TTL by Redis's own clock). Both happen in one script, so no crash can leave an outcome
 * without its stream entry or the other way round. Returns 1 the first time, 0 when the ref was already settled.
 */
const SETTLE_LUA = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local time = redis.call('TIME')
  local nowMs = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  local minId = tostring(math.max(0, nowMs - tonumber(ARGV[2])))
  redis.call('XADD', KEYS[2], 'MINID', '~', minId, '*', 'ref', ARGV[3], 'outcome', ARGV[1])
  return 1
end
return 0
`;

const COMMAND = 'asyncjobFleetSettle';

type SettleCommand = (
  outcomeKey: string,
  streamKey: string,
  outcome: string,
  ttlMs: string,
  ref: string,
) => Promise<number>;

/** Defines the script on a client (ioredis sends it by hash and loads it again after a Redis restart). */
export function defineSettleScript(client: Redis): void {
  if (!(COMMAND in client)) client.defineCommand(COMMAND, { numberOfKeys: 2, lua: SETTLE_LUA });
}

/** Runs the script; true when this call recorded the outcome. */
export async function runSettleScript(
  client: Redis,
  keys: { readonly outcomeKey: string; readonly streamKey: string },
  outcome: string,
  ttlMs: number,
  ref: string,
): Promise<boolean> {
  const settle = (client as unknown as Record<string, SettleCommand>)[COMMAND];
  if (!settle) throw new Error('the settle script is not defined on this client');
  const recorded = await settle.call(client, keys.outcomeKey, keys.streamKey, outcome, String(ttlMs), ref);
  return recorded === 1;
}
