// What a step name may be: it is used in `${{ steps.<name> }}` and as a file name. Kept apart from the zod schemas so
// the renderer's first chunk can use it without loading zod.
export const STEP_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
