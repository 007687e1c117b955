import type { OutxTaskType } from './outx-validate';
import type { Random } from './prng';

const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Linus',
  'Margaret',
  'Alan',
  'Barbara',
  'Ken',
  'Frances',
  'Dennis',
  'Radia',
];
const LAST_NAMES = [
  'Lovelace',
  'Hopper',
  'Torvalds',
  'Hamilton',
  'Turing',
  'Liskov',
  'Thompson',
  'Allen',
  'Ritchie',
];
const HEADLINES = [
  'Head of Growth',
  'VP Engineering',
  'Founder & CEO',
  'Account Executive',
  'Product Manager',
];
const LOCATIONS = [
  'London, England',
  'Berlin, Germany',
  'San Francisco, California',
  'Singapore',
  'Toronto, Canada',
];

/** The failure texts an action task reports in `task_output.error` (the vendor does not document the shape). */
const ACTION_FAILURES = [
  'Recipient is not a 1st-degree connection',
  'LinkedIn session expired in the browser extension',
  'Post not found or no longer available',
];

function person(random: Random): Record<string, unknown> {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const slug = `${first}-${last}-${random.hex(6)}`.toLowerCase();
  return {
    name: `${first} ${last}`,
    headline: random.pick(HEADLINES),
    profile_url: `https://www.linkedin.com/in/${slug}`,
    profile_urn: `urn:li:fsd_profile:ACoAA${random.hex(10).toUpperCase()}`,
  };
}

/** A completed task's `task_output`: a fetched object, or `{ sent }` for an action, or a failure shape. */
export function buildOutxOutput(
  taskType: OutxTaskType,
  input: Readonly<Record<string, unknown>>,
  random: Random,
  failed: boolean,
): Record<string, unknown> {
  switch (taskType) {
    case 'agent_send_connection_request':
    case 'agent_send_message':
    case 'agent_like_post':
      return failed ? { sent: false, error: random.pick(ACTION_FAILURES) } : { sent: true };
    case 'agent_profile_fetch': {
      if (failed) return { error: 'Profile not found or not visible to the extension account' };
      const slug = String(input.profile_slug);
      return {
        ...person(random),
        profile_url: `https://www.linkedin.com/in/${slug}`,
        location: random.pick(LOCATIONS),
        connections: random.int(50, 500),
        followers: random.int(100, 20_000),
        about: 'Building things with people who care.',
        experience: [{ title: random.pick(HEADLINES), company: 'Sim Corp', start: '2021-03' }],
        education: [{ school: 'University of Simulation', degree: 'BSc' }],
        skills: ['Sales', 'Negotiation', 'SaaS'],
      };
    }
    case 'agent_fetch_connections': {
      if (failed) return { error: 'Could not load connections' };
      const total = random.int(20, 400);
      const start = Number(input.start ?? 0);
      const count = Math.max(0, Math.min(Number(input.count ?? 40), total - start));
      return { connections: Array.from({ length: count }, () => person(random)), total };
    }
    case 'agent_search_profiles': {
      if (failed) return { error: 'LinkedIn search is temporarily restricted for this account' };
      const total = random.int(0, 25);
      return { profiles: Array.from({ length: Math.min(total, 10) }, () => person(random)), total };
    }
  }
}
