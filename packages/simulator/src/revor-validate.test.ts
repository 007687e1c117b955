import { describe, expect, it } from 'vitest';
import { readIntervalSeconds, validateDispatch, validatePostLike } from './revor-validate';

const email = {
  account_id: 'a1',
  channel: 'email',
  action: 'outreach',
  recipient: { address: 'x@y.z' },
  content: { subject: 'S', text: 'T' },
};
const linkedin = {
  account_id: 'a2',
  channel: 'linkedin',
  action: 'outreach',
  recipient: { profile_url: 'https://www.linkedin.com/in/ada-l' },
  content: { text: 'Hi' },
};
const whatsapp = {
  account_id: 'a3',
  channel: 'whatsapp',
  action: 'outreach',
  recipient: { phone: 15550100 },
  content: { text: 'Hi' },
};
const attachment = { filename: 'a.pdf', contentBase64: 'QQ==' };

describe('validateDispatch', () => {
  it.each([
    ['email with text', email],
    ['email with html only', { ...email, content: { subject: 'S', html: '<b>x</b>' } }],
    ['linkedin with an attachment only', { ...linkedin, content: { attachments: [attachment] } }],
    ['whatsapp with a numeric phone', whatsapp],
  ])('accepts %s', (_name, body) => {
    expect(validateDispatch(body).ok).toBe(true);
  });

  it.each([
    ['not an object', [], 'The request body must be a JSON object'],
    ['no account', { ...email, account_id: '' }, 'account_id is required'],
    ['a bad channel', { ...email, channel: 'sms' }, 'channel must be one of email, linkedin, whatsapp'],
    ['a bad action', { ...email, action: 'dispatch' }, 'action must be "outreach"'],
    ['no recipient', { ...email, recipient: undefined }, 'recipient is required'],
    ['no content', { ...email, content: 'hi' }, 'content is required'],
    ['email without address', { ...email, recipient: {} }, 'recipient.address is required for email'],
    ['email without subject', { ...email, content: { text: 'T' } }, 'content.subject is required for email'],
    [
      'email without text or html',
      { ...email, content: { subject: 'S' } },
      'content.text or content.html is required for email',
    ],
    [
      'linkedin without profile',
      { ...linkedin, recipient: {} },
      'recipient.profile_url is required for linkedin',
    ],
    [
      'linkedin company page',
      { ...linkedin, recipient: { profile_url: 'https://www.linkedin.com/company/acme' } },
      'recipient.profile_url must be a personal LinkedIn profile',
    ],
    [
      'linkedin without text',
      { ...linkedin, content: {} },
      'content.text or an attachment is required for linkedin',
    ],
    ['whatsapp without phone', { ...whatsapp, recipient: {} }, 'recipient.phone is required for whatsapp'],
    [
      'a bad attachment',
      { ...linkedin, content: { attachments: [{ filename: 'a' }] } },
      'content.attachments[0] needs filename and contentBase64',
    ],
    ['metadata not an object', { ...email, metadata: 'x' }, 'metadata must be an object'],
  ])('refuses %s', (_name, body, message) => {
    expect(validateDispatch(body)).toEqual({ ok: false, message });
  });
});

describe('readIntervalSeconds', () => {
  it.each([
    [{}, { ok: true, value: 60 }],
    [{ min_channel_task_interval_seconds: 10 }, { ok: true, value: 60 }],
    [{ min_channel_task_interval_seconds: 200 }, { ok: true, value: 200 }],
    [{ minChannelTaskIntervalSeconds: 300 }, { ok: true, value: 300 }],
    [
      { min_channel_task_interval_seconds: 86_401 },
      { ok: false, message: 'min_channel_task_interval_seconds must be at most 86400' },
    ],
    [
      { min_channel_task_interval_seconds: '60' },
      { ok: false, message: 'min_channel_task_interval_seconds must be a number' },
    ],
  ])('%j → %j', (body, expected) => {
    expect(readIntervalSeconds(body)).toEqual(expected);
  });
});

describe('validatePostLike', () => {
  it.each([
    [{ profile_url: 'https://linkedin.com/in/ada', topic: 'x' }, true],
    [
      {
        profileUrl: 'https://www.linkedin.com/in/ada/',
        content: 'x',
        accountId: 'a',
        postLimit: 50,
        locale: 'zh',
      },
      true,
    ],
    [{ profile_url: 'https://linkedin.com/in/ada' }, false],
    [{ profile_url: 'https://linkedin.com/in/ada', intent: 'x', post_limit: 51 }, false],
    [{ profile_url: 'https://linkedin.com/in/ada', intent: 'x', locale: 'fr' }, false],
    [{ profile_url: 'https://linkedin.com/search/results', intent: 'x' }, false],
  ])('%j → ok %s', (body, ok) => {
    expect(validatePostLike(body).ok).toBe(ok);
  });
});
