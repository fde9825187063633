/**
 * The public SKM API as the survey page uses it: the static types of the PUBLIC CONTRACT
 * schemas in src/shared/schemas/skm.ts, imported as types only so no schema code (nor
 * TypeBox) enters the survey bundle. The limits are repeated for the same reason.
 */
import type { TSkmPublicForm, TSkmSubmitBody } from '../../shared/schemas/skm.js';

export type SurveyForm = TSkmPublicForm;
export type SurveyAnswer = TSkmSubmitBody;

/** Longest suggestion the server takes (SkmSubmitBody.suggestion, SUGGESTION_MAX). */
export const SUGGESTION_MAX = 2000;
export const AGE_MIN = 15;
export const AGE_MAX = 99;
