/**
 * The KemenPANRB availability level (0–5) of a service's standard, computed from the
 * record (DOMAIN.md §3), never typed in. The facts are read from the version in force
 * (established and not replaced) or, when none is, the newest version:
 *  0 no standard at all
 *  1 a standard exists but some of the 14 components are empty
 *  2 all 14 components are filled
 *  3 … and it was established by decree
 *  4 … and the public was involved: that version went through a consultation window
 *      in which at least one citizen comment was received and answered
 *  5 … and it is monitored and evaluated: a periodic review of the service's standard
 *      was completed (a review closed as still valid, or a revision started from it)
 * Each level needs every lower one.
 */
export interface LevelFacts {
  exists: boolean;
  complete: boolean;
  established: boolean;
  publicInvolved: boolean;
  reviewed: boolean;
}

export type Level = 0 | 1 | 2 | 3 | 4 | 5;

export function availabilityLevel(f: LevelFacts): Level {
  if (!f.exists) return 0;
  if (!f.complete) return 1;
  if (!f.established) return 2;
  if (!f.publicInvolved) return 3;
  if (!f.reviewed) return 4;
  return 5;
}

/** What the level needs to know of one version of a service's standard. */
export interface VersionFacts {
  version: number;
  status: string;
  complete: boolean;
  /** A consultation window was opened on this version. */
  consulted: boolean;
  /** Citizen comments on this version with a staff answer. */
  answeredComments: number;
  reviewCompleted: boolean;
}

const IN_FORCE_STATUSES = ['established', 'published', 'under_review', 'revised'];

/** The facts of a service from all its versions (see the header for the version read). */
export function factsFromVersions(versions: readonly VersionFacts[]): LevelFacts {
  if (versions.length === 0) return { exists: false, complete: false, established: false, publicInvolved: false, reviewed: false };
  const byVersion = [...versions].sort((a, b) => b.version - a.version);
  const base = byVersion.find((v) => IN_FORCE_STATUSES.includes(v.status)) ?? byVersion[0]!;
  return {
    exists: true,
    complete: base.complete,
    established: IN_FORCE_STATUSES.includes(base.status),
    publicInvolved: base.consulted && base.answeredComments > 0,
    reviewed: versions.some((v) => v.version <= base.version && v.reviewCompleted),
  };
}
