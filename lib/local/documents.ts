/** JSON documents the local server serves beside the API. */
export function localDocuments(): Record<string, () => unknown> {
  return {};
}
