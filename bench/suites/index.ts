/**
 * The benchmark suites, by name: `npm run bench -- <name>`; without a name, all run.
 * A later issue adds its suite file here (bench/suites/<name>.ts).
 */
import type { BenchSuite } from '../harness.js';
import { orgSuite } from './org.js';
import { complaintsSuite } from './complaints.js';
import { complianceSuite } from './compliance.js';
import { standardsSuite } from './standards.js';
import { routingSuite } from './routing.js';
import { skmSuite } from './skm.js';

export const suites: BenchSuite[] = [orgSuite, complaintsSuite, complianceSuite, standardsSuite, routingSuite, skmSuite];
