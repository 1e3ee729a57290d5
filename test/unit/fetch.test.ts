import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyFetchError, dailyPapersUrl, dateProblem, isoDay, lastDays, parseIsoDay } from '../../src/core';

const NOW = Date.UTC(2026, 7, 14, 23, 30);

describe('days to fetch', () => {
  it('reads real calendar days only', () => {
    expect(parseIsoDay('2026-08-14')).toBe('2026-08-14');
    expect(parseIsoDay(' 2024-02-29 ')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2026-13-01', '2026-00-10', '2026-8-14', '14-08-2026', '2026-08-14T00:00', '../2026-08-14', '']) {
      expect(parseIsoDay(bad), bad).toBeUndefined();
    }
  });

  it('refuses days to come and days before the Daily Papers', () => {
    expect(dateProblem('2026-08-14', NOW)).toBeUndefined();
    expect(dateProblem('2026-08-15', NOW)).toMatch(/not come yet/);
    expect(dateProblem('2022-01-01', NOW)).toMatch(/start in May 2023/);
    expect(dateProblem('yesterday', NOW)).toMatch(/YYYY-MM-DD/);
  });

  it('lists the last days newest first, across months and years', () => {
    expect(lastDays(NOW, 3)).toEqual(['2026-08-14', '2026-08-13', '2026-08-12']);
    expect(lastDays(Date.UTC(2026, 0, 1, 5), 2)).toEqual(['2026-01-01', '2025-12-31']);
  });

  it('every day it lists is one parseIsoDay accepts, one day apart', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2023, 4, 1), max: Date.UTC(2040, 0, 1) }), fc.integer({ min: 1, max: 40 }), (now, count) => {
      const days = lastDays(now, count);
      expect(days).toHaveLength(count);
      expect(days[0]).toBe(isoDay(now));
      for (let i = 0; i < days.length; i++) {
        expect(parseIsoDay(days[i])).toBe(days[i]);
        if (i > 0) expect(Date.parse(days[i - 1]) - Date.parse(days[i])).toBe(86_400_000);
      }
    }));
  });
});

describe('the request', () => {
  it('adds the date to the endpoint, keeping its own query', () => {
    expect(dailyPapersUrl('https://huggingface.co/api/daily_papers', '2026-08-14')).toBe('https://huggingface.co/api/daily_papers?date=2026-08-14');
    expect(dailyPapersUrl('http://127.0.0.1:8080/x?limit=50&date=old', '2026-08-14')).toBe('http://127.0.0.1:8080/x?limit=50&date=2026-08-14');
  });

  it('refuses an endpoint that is not http(s)', () => {
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'command:paperReader.card.open', 'not a url', '']) {
      expect(dailyPapersUrl(bad, '2026-08-14'), bad).toBeUndefined();
    }
  });

  it('names the cause of a network failure from the socket error behind fetch', () => {
    const wrapped = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
    expect(classifyFetchError(wrapped('ENOTFOUND'), 'huggingface.co')).toEqual({ kind: 'dns', host: 'huggingface.co' });
    expect(classifyFetchError(wrapped('ECONNREFUSED'), 'h')).toEqual({ kind: 'offline', detail: 'ECONNREFUSED' });
    expect(classifyFetchError(wrapped('UND_ERR_SOCKET'), 'h')).toEqual({ kind: 'offline', detail: 'UND_ERR_SOCKET' });
    expect(classifyFetchError(new TypeError('fetch failed'), 'h')).toEqual({ kind: 'offline', detail: 'fetch failed' });
    expect(classifyFetchError('a string', 'h')).toEqual({ kind: 'offline', detail: 'a string' });
  });
});
