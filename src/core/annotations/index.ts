// Annotations: the user's own marks on an article (a note, tags, a verdict on a claim, replies), stored in a sidecar
// file next to the article in the W3C Web Annotation Data Model (JSON-LD), and found again in the article after it
// changes (anchoring, as Hypothesis does it: position, then the exact quote in its context, then a fuzzy match).
//
// Pure: no `vscode`, no Node built-ins. Reading and writing sidecars is the caller's job (src/cli/annotations.ts for
// the CLI, vscode.workspace.fs in the extension). Offsets are UTF-16 code units, as TextDocument.offsetAt counts them.
//
// types.ts (the data model), bodies.ts (notes, tags, verdicts, replies), anchoring.ts (finding them again),
// tracking.ts (ranges across edits), sidecar.ts (reading and writing the files).
export * from './types';
export { createAnnotation, motivationOf, noteOf, reanchored, repliesOf, tagsOf, verdictOf, withNote, withoutReply, withReply, withTags, withVerdict } from './bodies';
export { anchorAll, anchorAnnotation, CONTEXT_LENGTH, FUZZY_ERROR_RATIO, MAX_FUZZY_ERRORS, selectorsFor, SHORT_QUOTE } from './anchoring';
export * from './tracking';
export { parseSidecar, serializeSidecar, sidecarNameFor } from './sidecar';
