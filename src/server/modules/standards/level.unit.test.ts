/** The KemenPANRB availability level: each of the six cases, and how the facts are read. */
import { describe, expect, it } from 'vitest';
import { availabilityLevel, factsFromVersions, type VersionFacts } from './level.js';

const none = { exists: false, complete: false, established: false, publicInvolved: false, reviewed: false };
const v = (o: Partial<VersionFacts>): VersionFacts => ({ version: 1, status: 'draft', complete: false, consulted: false, answeredComments: 0, reviewCompleted: false, ...o });

describe('availabilityLevel', () => {
  it('0: no standard', () => expect(availabilityLevel(none)).toBe(0));
  it('1: exists but incomplete', () => expect(availabilityLevel({ ...none, exists: true })).toBe(1));
  it('2: all 14 components', () => expect(availabilityLevel({ ...none, exists: true, complete: true })).toBe(2));
  it('3: and established', () => expect(availabilityLevel({ ...none, exists: true, complete: true, established: true })).toBe(3));
  it('4: and the public was involved', () => expect(availabilityLevel({ exists: true, complete: true, established: true, publicInvolved: true, reviewed: false })).toBe(4));
  it('5: and monitored and evaluated', () => expect(availabilityLevel({ exists: true, complete: true, established: true, publicInvolved: true, reviewed: true })).toBe(5));
  it('each level needs every lower one (a review of an incomplete standard is still 1)', () => {
    expect(availabilityLevel({ exists: true, complete: false, established: true, publicInvolved: true, reviewed: true })).toBe(1);
    expect(availabilityLevel({ exists: true, complete: true, established: false, publicInvolved: true, reviewed: true })).toBe(2);
    expect(availabilityLevel({ exists: true, complete: true, established: true, publicInvolved: false, reviewed: true })).toBe(3);
  });
});

describe('factsFromVersions', () => {
  it('reads nothing from no versions', () => expect(availabilityLevel(factsFromVersions([]))).toBe(0));
  it('a draft with all components is level 2', () => expect(availabilityLevel(factsFromVersions([v({ complete: true })]))).toBe(2));
  it('a consultation without an answered comment does not count as public involvement', () => {
    expect(availabilityLevel(factsFromVersions([v({ status: 'published', complete: true, consulted: true, answeredComments: 0 })]))).toBe(3);
    expect(availabilityLevel(factsFromVersions([v({ status: 'published', complete: true, consulted: true, answeredComments: 1 })]))).toBe(4);
  });
  it('the version in force counts, not a newer draft being revised', () => {
    const facts = factsFromVersions([
      v({ version: 1, status: 'revised', complete: true, consulted: true, answeredComments: 2, reviewCompleted: true }),
      v({ version: 2, status: 'draft', complete: false }),
    ]);
    expect(availabilityLevel(facts)).toBe(5);
  });
  it('a completed review of an earlier version counts for the revision in force', () => {
    const facts = factsFromVersions([
      v({ version: 1, status: 'superseded', complete: true, reviewCompleted: true }),
      v({ version: 2, status: 'published', complete: true, consulted: true, answeredComments: 1 }),
    ]);
    expect(availabilityLevel(facts)).toBe(5);
  });
});
