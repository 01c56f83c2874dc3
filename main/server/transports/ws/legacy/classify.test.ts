import { describe, expect, it } from 'vitest';
import { classify } from './classify.js';

describe('Protocol A classification (reference section 4, checklist 3–6, 36)', () => {
  it('answers text that is not JSON with INVALID_FORMAT and id "unknown"', () => {
    expect(classify('not json{')).toEqual({
      kind: 'reply',
      frame: {
        type: 'error',
        request_id: 'unknown',
        error_code: 'INVALID_FORMAT',
        message: 'Invalid JSON format',
        details: null,
      },
    });
  });

  it.each([
    '[1,2]',
    '"hello"',
    '5',
    'null',
    '{"type":5,"request_id":"x"}',
    '{"type":true}',
    '{"type":["a"]}',
    '{"type":{"a":1}}',
  ])('answers %s with SYSTEM_ERROR Internal server error', (text) => {
    expect(classify(text)).toMatchObject({
      kind: 'reply',
      frame: { request_id: 'unknown', error_code: 'SYSTEM_ERROR', message: 'Internal server error' },
    });
  });

  it.each([
    '{"request_id":"r1"}',
    '{"type":"","request_id":"r1"}',
    '{"type":null,"request_id":"r1"}',
    '{"type":false,"request_id":"r1"}',
    '{"type":0,"request_id":"r1"}',
    '{"type":[],"request_id":"r1"}',
    '{"type":{},"request_id":"r1"}',
  ])('answers a missing type (%s) with INVALID_FORMAT and the echoed id', (text) => {
    expect(classify(text)).toMatchObject({
      kind: 'reply',
      frame: { request_id: 'r1', error_code: 'INVALID_FORMAT', message: 'Message type is required' },
    });
  });

  it('routes auth_request, ping, admin_* and the rest', () => {
    expect(classify('{"type":"auth_request","request_id":"a","username":"u"}')).toMatchObject({
      kind: 'auth',
      requestId: 'a',
    });
    expect(classify('{"type":"ping","request_id":"p"}')).toEqual({ kind: 'ping' });
    expect(classify('{"type":"admin_ping","request_id":"b","session_token":"t"}')).toMatchObject({
      kind: 'admin',
      type: 'admin_ping',
      token: 't',
    });
    expect(classify('{"type":"admin_ping","session_token":""}')).toMatchObject({
      kind: 'admin',
      token: null,
      requestId: 'unknown',
    });
    expect(classify('{"type":"admin_ping","data":{"session_token":"t"}}')).toMatchObject({ token: null });
    expect(classify('{"type":"PING","request_id":"c"}')).toMatchObject({ kind: 'public', type: 'PING' });
  });

  it('echoes a numeric request_id as text', () => {
    expect(classify('{"type":"get_current_qso","request_id":7}')).toMatchObject({ requestId: '7' });
  });
});
