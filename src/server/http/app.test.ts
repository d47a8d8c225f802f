import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/db.js';
import { migrations } from '../db/migrations/index.js';

describe.each(testDialects())('HTTP shell on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { ABITARE_BODY_LIMIT_BYTES: '20000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports health with the dialect and the migration version, without a session', async () => {
    const res = await t.app.fastify.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', dialect, migration: Object.keys(migrations).at(-1) });
  });

  it('serves the OpenAPI document generated from the zod schemas, and its browsable reference', async () => {
    const doc = await t.app.fastify.inject({ method: 'GET', url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    const spec = doc.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(spec.openapi).toBe('3.0.3');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/households', '/api/households/{id}']),
    );
    expect(JSON.stringify(spec.paths['/api/households']?.post)).toContain('fiscalCode');
    const ui = await t.app.fastify.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('sets security headers on every response', async () => {
    const res = await t.app.fastify.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('refuses a NUL character in the query or the body at its path (PostgreSQL cannot hold it), writing nothing', async () => {
    const s = await t.login('dirigente');
    const query = await s.request('GET', '/api/households?q=Ros%00si');
    expect(query.statusCode).toBe(400);
    expect(query.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ path: 'q', code: 'nul_character' }] },
    });
    const xlsx = await s.request('GET', '/api/observatory/exports/applications.xlsx?comuneId=a%00b');
    expect(xlsx.statusCode).toBe(400);
    const before = await t.testDb.db.kysely.selectFrom('households').select('id').execute();
    const body = await s.request('POST', '/api/households', {
      comuneId: 'comune-cinisello',
      addressStreet: 'Via Roma 1',
      members: [{ firstName: 'Ma\u0000rio' }],
    });
    expect(body.statusCode).toBe(400);
    expect((body.json() as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe(
      'members.0.firstName',
    );
    expect(await t.testDb.db.kysely.selectFrom('households').select('id').execute()).toHaveLength(before.length);
    // Without a session the answer is still 401: nothing is learnt before logging in.
    const anonymous = await t.app.fastify.inject({ method: 'GET', url: '/api/households?q=a%00b' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.app.fastify.inject({ method: 'GET', url: '/api/unknown' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Risorsa non trovata.' } });
  });

  it('refuses bodies that are too large, not JSON or malformed, with stable codes', async () => {
    const s = await t.login('sportello');
    const big = await s.request('POST', '/api/households', { addressStreet: 'x'.repeat(30_000) });
    expect(big.statusCode).toBe(413);
    expect((big.json() as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await t.app.fastify.inject({
      method: 'POST',
      url: '/api/households',
      payload: '<household/>',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/xml' },
    });
    expect(text.statusCode).toBe(415);
    expect((text.json() as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const deep = await s.request(
      'POST',
      '/api/households',
      JSON.parse('{"members":' + '['.repeat(50) + ']'.repeat(50) + '}'),
    );
    expect(deep.statusCode).toBe(400);
    const wrongType = await s.request('GET', '/api/households?limit=abc');
    expect(wrongType.statusCode).toBe(400);
    expect((wrongType.json() as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe('limit');
  });
});
