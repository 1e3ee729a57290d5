import { describe, expect, it } from 'vitest';
import { parseArxivId } from '../../src/core/export/arxiv';
import { isArxivId } from '../../src/core';

describe('parseArxivId', () => {
  it('reads a version and a prefix, and dates the id by its yymm', () => {
    expect(parseArxivId('arXiv:2405.15738v2')).toEqual({ id: '2405.15738v2', base: '2405.15738', year: 2024, month: 5 });
    expect(parseArxivId('hep-th/9901001')).toEqual({ id: 'hep-th/9901001', base: 'hep-th/9901001', year: 1999, month: 1 });
    expect(parseArxivId('0704.0001')).toMatchObject({ year: 2007, month: 4 });
  });

  it('refuses what the digest package does not call an arXiv id', () => {
    for (const raw of ['2413.00001', '1412.12345', '1501.1234', '0612.0001', 'hep-th/9913001', '2405.15738v', 'x', 42, undefined]) {
      expect(parseArxivId(raw)).toBeUndefined();
    }
  });

  it('agrees with isArxivId on every id without a version', () => {
    for (const raw of ['2405.15738', '0704.0001', 'math.GT/0309136', 'hep-th/9901001', '2405.1573', '9912.12345']) {
      expect(parseArxivId(raw) !== undefined).toBe(isArxivId(raw));
    }
  });
});
