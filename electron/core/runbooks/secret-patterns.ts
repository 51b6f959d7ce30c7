/**
 * Secrets that must never leave in a transcript, whatever the runbook's own `redact` says.
 * A `secret` group, where a pattern has one, is the part replaced, so `password=` stays
 * readable and only the value goes.
 */
export const builtInSecretPatterns: readonly RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /aws_secret_access_key\s*[=:]\s*["']?(?<secret>[A-Za-z0-9/+=]{40})/gi,
  /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
  /\bglpat-[A-Za-z0-9_-]{20,}/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g,
  /\bAIza[0-9A-Za-z_-]{35}/g,
  /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  // JSON Web Tokens: three base64url parts, the first two JSON objects.
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  /\b(?:proxy-)?authorization\s*:\s*(?:bearer|basic|token|digest|geniekey)?\s*(?<secret>\S+)/gi,
  /\b(?:bearer|geniekey)\s+(?<secret>[A-Za-z0-9._~+/=-]{12,})/gi,
  // user:password@ in a URL.
  /:\/\/[^/\s:@]+:(?<secret>[^/\s@]+)@/g,
  /\b[\w.-]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[\w.-]*["']?\s*[=:]\s*["']?(?<secret>[^\s"',;]+)/gi,
  /--(?:password|token|secret|api-key)\s+["']?(?<secret>[^\s"']+)/gi,
];
