/**
 * A module's messages: Indonesian first (the source), English with exactly the same keys
 * (the type checker refuses a missing or extra English key).
 */
export function defineMessages<const T extends Record<string, string>>(m: {
  id: T;
  en: { [K in keyof T]: string };
}): { id: T; en: { [K in keyof T]: string } } {
  return m;
}
