/** Replaces what looks like a credential in a text bound for the log. */
export type Redactor = (text: string) => string;

const REDACTED = "[REDACTED]";

// Credentials that follow a known shape, whoever's they are: an Authorization scheme and its token,
// OpenAI-style keys (sk-..., sk-proj-...), and `key=value` pairs whose name says secret.
const PATTERNS: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\bsk-[\w-]{6,}/g, REDACTED],
  [/\b((?:api[_-]?key|access[_-]?token|token|password|secret)["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, `$1${REDACTED}`],
];

/**
 * A redactor for log lines: the configured secrets (API keys from the config) wherever they appear,
 * then anything key-like by shape. Used on upstream error text before it is logged.
 * @example createRedactor(["sk-abc123456"])("Bearer sk-abc123456") === "Bearer [REDACTED]"
 */
export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  // Longest first, so a key that contains another is removed whole.
  const known = [...new Set(secrets.filter((secret): secret is string => typeof secret === "string" && secret.length >= 4))].sort((a, b) => b.length - a.length);
  return (text) => {
    let redacted = text;
    for (const secret of known) redacted = redacted.split(secret).join(REDACTED);
    for (const [pattern, replacement] of PATTERNS) redacted = redacted.replace(pattern, replacement);
    return redacted;
  };
}
