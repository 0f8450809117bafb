// How a parameter problem reads, the same whether the engine's registry or the editor's catalogue found it.
/** One parameter problem in the user's words, worded alike by the engine's registry and the editor's catalogue. */
export function paramProblem(issue: { path: readonly PropertyKey[]; code: string; message: string }): { path: string[]; message: string } {
  // zod says "Invalid input: expected string, received undefined" for a parameter that is simply missing.
  const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
  return { path: issue.path.map(String), message: missing ? 'is required' : issue.message };
}
