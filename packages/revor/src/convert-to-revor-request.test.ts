import { describe, expect, it } from 'vitest';
import {
  convertToRevorAccountsQuery,
  convertToRevorDispatchRequest,
  convertToRevorPostLikeRequest,
  type RevorDispatchInput,
  toIdempotencyKey,
} from './convert-to-revor-request';

const email: RevorDispatchInput = {
  channel: 'email',
  accountId: 'connect_account_email',
  recipient: { address: 'grace@example.com', name: 'Grace Hopper' },
  content: {
    subject: 'Compilers',
    text: 'Hello Grace',
    html: '<p>Hello Grace</p>',
    attachments: [{ filename: 'deck.pdf', contentBase64: 'JVBERi0xLjQK' }],
  },
  metadata: { campaignId: 'spring', step: 2 },
  minChannelTaskIntervalSeconds: 240,
};

const fieldOf = (result: { isErr(): boolean; _unsafeUnwrapErr(): { kind: string; field?: string } }) => {
  const error = result._unsafeUnwrapErr();
  return `${error.kind} ${error.field}`;
};

describe('convertToRevorDispatchRequest', () => {
  it('builds the email body in snake_case, attachments and metadata as given', () => {
    expect(convertToRevorDispatchRequest(email)._unsafeUnwrap()).toEqual({
      account_id: 'connect_account_email',
      channel: 'email',
      action: 'outreach',
      recipient: { address: 'grace@example.com', name: 'Grace Hopper' },
      content: {
        subject: 'Compilers',
        text: 'Hello Grace',
        html: '<p>Hello Grace</p>',
        // Revor documents the attachment field in camelCase even on the wire.
        attachments: [{ filename: 'deck.pdf', contentBase64: 'JVBERi0xLjQK' }],
      },
      metadata: { campaignId: 'spring', step: 2 },
      min_channel_task_interval_seconds: 240,
    });
  });

  it('builds the LinkedIn and WhatsApp bodies', () => {
    expect(
      convertToRevorDispatchRequest({
        channel: 'linkedin',
        accountId: 'acc_li',
        recipient: { profileUrl: 'https://www.linkedin.com/in/grace-hopper' },
        content: { text: 'Hi Grace' },
      })._unsafeUnwrap(),
    ).toEqual({
      account_id: 'acc_li',
      channel: 'linkedin',
      action: 'outreach',
      recipient: { profile_url: 'https://www.linkedin.com/in/grace-hopper' },
      content: { text: 'Hi Grace' },
    });
    expect(
      convertToRevorDispatchRequest({
        channel: 'whatsapp',
        accountId: 'acc_wa',
        recipient: { phone: '+15551234567' },
        content: { attachments: [{ filename: 'menu.png', contentBase64: 'iVBORw0KGgo=' }] },
      })._unsafeUnwrap(),
    ).toEqual({
      account_id: 'acc_wa',
      channel: 'whatsapp',
      action: 'outreach',
      recipient: { phone: '+15551234567' },
      content: { attachments: [{ filename: 'menu.png', contentBase64: 'iVBORw0KGgo=' }] },
    });
  });

  it.each([
    ['a missing account', { ...email, accountId: undefined }, 'accountId'],
    ['an unknown channel', { ...email, channel: 'sms' }, 'channel'],
    ['a bad email address', { ...email, recipient: { address: 'not-an-address' } }, 'recipient.address'],
    ['an email without text or html', { ...email, content: { subject: 'Hi' } }, 'content.text'],
    ['an email without a subject', { ...email, content: { text: 'Hi' } }, 'content.subject'],
    [
      'an interval under 60 s',
      { ...email, minChannelTaskIntervalSeconds: 59 },
      'minChannelTaskIntervalSeconds',
    ],
    [
      'an interval over a day',
      { ...email, minChannelTaskIntervalSeconds: 86_401 },
      'minChannelTaskIntervalSeconds',
    ],
    [
      'a fractional interval',
      { ...email, minChannelTaskIntervalSeconds: 60.5 },
      'minChannelTaskIntervalSeconds',
    ],
    [
      'an attachment without content',
      { ...email, content: { ...email.content, attachments: [{ filename: 'a.pdf' }] } },
      'content.attachments.0.contentBase64',
    ],
    ['metadata that is not an object', { ...email, metadata: 'spring' }, 'metadata'],
    [
      'a LinkedIn dispatch without text or attachment',
      {
        channel: 'linkedin',
        accountId: 'a',
        recipient: { profileUrl: 'https://linkedin.com/in/x' },
        content: {},
      },
      'content.text',
    ],
    [
      'a LinkedIn recipient that is not a URL',
      { channel: 'linkedin', accountId: 'a', recipient: { profileUrl: 'grace' }, content: { text: 'Hi' } },
      'recipient.profileUrl',
    ],
    [
      'a WhatsApp recipient given as an email',
      { channel: 'whatsapp', accountId: 'a', recipient: { address: 'a@b.co' }, content: { text: 'Hi' } },
      'recipient.phone',
    ],
    ['input that is not an object', 'hello', '(input)'],
  ])('refuses %s as invalid_request naming the field', (_name, input, field) => {
    expect(fieldOf(convertToRevorDispatchRequest(input))).toBe(`invalid_request ${field}`);
  });

  it('reports a misspelt field instead of dropping it', () => {
    const error = convertToRevorDispatchRequest({ ...email, minChannelTaskInterval: 90 })._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_request', provider: 'revor', retryable: false });
    expect(error.message).toContain('minChannelTaskInterval');
  });
});

describe('convertToRevorPostLikeRequest', () => {
  it('builds the body in snake_case', () => {
    expect(
      convertToRevorPostLikeRequest({
        profileUrl: 'https://www.linkedin.com/in/grace-hopper',
        topic: 'compilers',
        intent: 'warm up before a meeting',
        accountId: 'acc_li',
        postLimit: 50,
        locale: 'zh',
        minChannelTaskIntervalSeconds: 300,
      })._unsafeUnwrap(),
    ).toEqual({
      profile_url: 'https://www.linkedin.com/in/grace-hopper',
      topic: 'compilers',
      intent: 'warm up before a meeting',
      account_id: 'acc_li',
      post_limit: 50,
      locale: 'zh',
      min_channel_task_interval_seconds: 300,
    });
  });

  it.each([
    ['no content, topic or intent', { profileUrl: 'https://linkedin.com/in/x' }, 'content'],
    [
      'a post limit over 50',
      { profileUrl: 'https://linkedin.com/in/x', topic: 't', postLimit: 51 },
      'postLimit',
    ],
    ['an unknown locale', { profileUrl: 'https://linkedin.com/in/x', topic: 't', locale: 'fr' }, 'locale'],
    ['a missing profile', { topic: 't' }, 'profileUrl'],
  ])('refuses %s', (_name, input, field) => {
    expect(fieldOf(convertToRevorPostLikeRequest(input))).toBe(`invalid_request ${field}`);
  });
});

describe('convertToRevorAccountsQuery', () => {
  it('turns the filter into Revor query parameters', () => {
    expect(convertToRevorAccountsQuery({ channel: 'linkedin', canSend: true })._unsafeUnwrap()).toEqual({
      channel: 'linkedin',
      can_send: 'true',
    });
    expect(convertToRevorAccountsQuery({ canSend: false })._unsafeUnwrap()).toEqual({ can_send: 'false' });
    expect(convertToRevorAccountsQuery(undefined)._unsafeUnwrap()).toEqual({});
    expect(fieldOf(convertToRevorAccountsQuery({ canSend: 'yes' }))).toBe('invalid_request canSend');
  });
});

describe('toIdempotencyKey', () => {
  it('keeps the caller key, generates one otherwise, and refuses one that cannot be a header', () => {
    expect(toIdempotencyKey('order-42')._unsafeUnwrap()).toBe('order-42');
    expect(toIdempotencyKey(undefined)._unsafeUnwrap()).toMatch(/^[0-9a-f-]{36}$/);
    expect(fieldOf(toIdempotencyKey(''))).toBe('invalid_request idempotencyKey');
    expect(fieldOf(toIdempotencyKey('clé 1'))).toBe('invalid_request idempotencyKey');
  });
});
