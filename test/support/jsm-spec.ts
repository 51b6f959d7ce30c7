/**
 * Atlassian's JSM Operations file puts {cloudId} in every path but declares it on only 4 of
 * its 242 operations: the parsed copy declares it on every path (the file stays as published).
 * Pass as `repair` to ApiContract.load.
 */
export function declareCloudId(spec: Record<string, unknown>): void {
  const cloudId = { name: 'cloudId', in: 'path', required: true, schema: { type: 'string' } };
  for (const item of Object.values(spec.paths as Record<string, Record<string, unknown>>)) {
    const declared = (item.parameters as { name: string }[] | undefined) ?? [];
    if (!declared.some((p) => p.name === 'cloudId')) item.parameters = [...declared, cloudId];
  }
}
