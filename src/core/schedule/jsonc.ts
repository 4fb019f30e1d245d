// jsonc-parser, imported from its ES-module build. Its UMD build (the package's `main`) loads its own parts with a
// `require` that bundlers cannot follow, so a bundle built with esbuild's default settings fails at run time with
// "Cannot find module './impl/format'". The ES build bundles with any settings.
import { applyEdits as jsoncApplyEdits } from 'jsonc-parser/lib/esm/main.js';
import type { TextEdit } from './types';

export {
  parseTree,
  findNodeAtLocation,
  findNodeAtOffset,
  getNodeValue,
  getNodePath,
  modify,
  printParseErrorCode,
} from 'jsonc-parser/lib/esm/main.js';
export type { Node, ParseError, FormattingOptions, ModificationOptions } from 'jsonc-parser/lib/esm/main.js';

/** Applies jsonc-parser edits (as found in `Problem.fixes`) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return jsoncApplyEdits(text, edits);
}
