/**
 * Result files are committed: they must not carry this machine's absolute paths. The repository root becomes
 * `<repo>`, the home directory `~`, and any other absolute path keeps only its last part (`…/java`).
 */
export function sanitizeText(text: string, repoRoot: string, home: string): string {
  let out = text.split(repoRoot).join('<repo>');
  if (home && home !== '/') out = out.split(home).join('~');
  // An absolute path not inside a URL (no "//" or word character before its first slash).
  return out.replace(/(^|[\s=:,;"'(])\/(?:[^\s/:,;"'()]+\/)+([^\s/:,;"'()]*)/g, '$1…/$2');
}

/** The same for every string in a JSON-like value. */
export function sanitize<T>(value: T, repoRoot: string, home: string): T {
  if (typeof value === 'string') return sanitizeText(value, repoRoot, home) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => sanitize(v, repoRoot, home)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, sanitize(v as unknown, repoRoot, home)]),
    ) as T;
  }
  return value;
}
