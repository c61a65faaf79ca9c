import { describe, expect, it } from 'vitest';
import { NexFitraError } from '../src/index';
import { getMet, MET_HEADINGS, MET_VALUES, MetActivity } from '../src/met/index';

describe('MET table', () => {
  it('every row is valid, codes are unique, every heading is used', () => {
    expect(MET_VALUES.length).toBeGreaterThanOrEqual(80);
    for (const r of MET_VALUES) expect(MetActivity.safeParse(r).success, r.code).toBe(true);
    expect(new Set(MET_VALUES.map((r) => r.code)).size).toBe(MET_VALUES.length);
    for (const h of MET_HEADINGS)
      expect(
        MET_VALUES.some((r) => r.heading === h),
        h,
      ).toBe(true);
    expect(Object.isFrozen(MET_VALUES) && Object.isFrozen(MET_VALUES[0])).toBe(true);
  });

  it('code prefixes match the Compendium major headings', () => {
    // Compendium code scheme: the first two digits are the major heading.
    const prefix: Record<string, string> = {
      bicycling: '01',
      conditioning: '02',
      dancing: '03',
      home: '05',
      inactivity: '07',
      'lawn-garden': '08',
      running: '12',
      sports: '15',
      walking: '17',
      water: '18',
      winter: '19',
    };
    for (const r of MET_VALUES) expect(r.code.slice(0, 2), r.code).toBe(prefix[r.heading]);
  });

  it('spot checks against the 2011 Compendium of Physical Activities (code → MET)', () => {
    // Expected values read from the 2011 Compendium tables (Ainsworth et al. 2011, MSSE 43:1575),
    // one per heading, each cited by its code.
    const expected: ReadonlyArray<readonly [string, number]> = [
      ['02054', 3.5], // resistance training, multiple exercises, 8-15 reps
      ['02050', 6.0], // resistance training, powerlifting/bodybuilding, vigorous
      ['02052', 5.0], // resistance training, squats
      ['02048', 5.0], // elliptical trainer, moderate
      ['02068', 11.0], // rope skipping, general
      ['02073', 8.5], // rowing, stationary, 150 W
      ['02013', 8.8], // stationary cycling, 101-160 W
      ['01030', 8.0], // bicycling 12-13.9 mph
      ['12050', 9.8], // running 6 mph
      ['12120', 14.5], // running 10 mph
      ['17200', 4.3], // walking 3.5 mph, brisk
      ['17211', 8.0], // walking uphill 6-15 % grade
      ['15551', 11.8], // rope jumping, moderate
      ['15675', 7.3], // tennis, general
      ['18230', 9.8], // swimming laps, freestyle, fast
      ['05043', 3.3], // vacuuming
      ['07030', 0.95], // sleeping
      ['03015', 7.3], // aerobic dance, general
      ['08095', 5.5], // mowing lawn, general
      ['19090', 9.0], // cross-country skiing, moderate
    ];
    for (const [code, met] of expected) {
      expect(getMet(code), code).toMatchObject({ code, met, edition: '2011' });
    }
  });

  it('running METs rise with speed (monotone within the 12029–12130 series)', () => {
    const series = [
      '12029',
      '12030',
      '12040',
      '12050',
      '12060',
      '12070',
      '12080',
      '12090',
      '12100',
      '12110',
      '12120',
      '12130',
    ];
    const mets = series.map((c) => getMet(c).met);
    for (let i = 1; i < mets.length; i++) expect(mets[i]!).toBeGreaterThanOrEqual(mets[i - 1]!);
  });

  it('getMet rejects bad codes with a typed error', () => {
    try {
      getMet('99999');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NexFitraError);
      expect(e).toMatchObject({ code: 'INVALID_ENUM', fn: 'getMet', path: ['code'], value: '99999' });
    }
    expect(() => getMet(2054 as unknown as string)).toThrowError(/getMet: code = 2054/);
    expect(() => getMet('2054')).toThrowError(NexFitraError);
  });
});
