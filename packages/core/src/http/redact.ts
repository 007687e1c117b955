/** Replaces every occurrence of each secret in a text with `[redacted]`. Secrets shorter than 4 chars are ignored. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    result = result.split(secret).join('[redacted]');
  }
  return result;
}
