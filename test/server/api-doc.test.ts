import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { testDb } from '../store/dialects.js';
import { as, login, useDemoApp } from './setup.js';

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>
  >;
};

describe('the OpenAPI document', () => {
  const ctx = useDemoApp();

  it('is valid for an independent validator', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });

  it('gives every route a success answer and the shared error body', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Doc;
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const codes = Object.keys(op.responses);
        if (!codes.some((c) => c.startsWith('2'))) missing.push(`${method} ${path}: 2xx`);
        if (!codes.includes('401') && path !== '/api/health')
          missing.push(`${method} ${path}: 401`);
      }
    expect(missing).toEqual([]);
  });

  it('describes the plan PUT body by the plan schema', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Doc;
    const body = doc.paths['/api/plans/{id}']!.put!.requestBody as {
      content: Record<
        string,
        { schema: { properties: Record<string, unknown>; required: string[] } }
      >;
    };
    const schema = body.content['application/json']!.schema;
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'title', 'targets']));
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['countyScope', 'settings']),
    );
  });
});

describe('headers and error bodies', () => {
  const ctx = useDemoApp();

  it('sends no-store on authenticated answers, DENY with frame-ancestors none, no HSTS on plain HTTP', async () => {
    const s = await login(ctx.app, 'province');
    const r = await ctx.app.inject({ method: 'GET', url: '/api/session', headers: as(s) });
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['strict-transport-security']).toBeUndefined();
    const denied = await ctx.app.inject({ method: 'GET', url: '/api/session' });
    expect(denied.headers['cache-control']).toBe('no-store');
  });

  it('answers unknown routes, malformed JSON and unsupported content types with {code, message, details} in Chinese', async () => {
    const s = await login(ctx.app, 'province');
    const cases = [
      await ctx.app.inject({ method: 'GET', url: '/api/nothing-here' }),
      await ctx.app.inject({ method: 'GET', url: '/elsewhere' }),
      await ctx.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": ',
      }),
      await ctx.app.inject({
        method: 'POST',
        url: '/api/publications',
        headers: { ...as(s), 'content-type': 'application/xml' },
        payload: '<period>2026-01</period>',
      }),
    ];
    expect(cases.map((r) => r.statusCode)).toEqual([404, 404, 400, 415]);
    for (const r of cases) {
      const body = r.json() as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message']);
      expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('sends HSTS and upgrade-insecure-requests only behind HTTPS (--secure-cookies)', async () => {
    const t = testDb('sqlite');
    const store = await t.open();
    const app = await buildApp({ store, secureCookies: true });
    try {
      const r = await app.inject({ method: 'GET', url: '/api/health' });
      expect(r.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(r.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await app.close();
      await store.close();
      await t.drop();
    }
  });
});
