import { printParseErrorCode } from '../jsonc';
import type { Rule } from '../rule';

export const jsonSyntax: Rule = {
  id: 'json-syntax',
  severity: 'error',
  summary: 'The file must be a JSON (or JSONC) object; comments and trailing commas are fine.',
  check(doc, _ctx, report) {
    for (const e of doc.parseErrors) {
      const name = printParseErrorCode(e.error)
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toLowerCase();
      report({ path: [], at: { offset: e.offset, length: e.length }, message: `JSON syntax error: ${name}` });
    }
    if (doc.parseErrors.length) return;
    if (!doc.root)
      report({
        path: [],
        at: { offset: 0, length: 0 },
        message: 'The file is empty; a schedule is a JSON object with a "policies" array',
      });
    else if (doc.root.type !== 'object')
      report({
        path: [],
        at: doc.root,
        message: `The document is ${doc.root.type === 'array' ? 'an array' : `a ${doc.root.type}`}, but a schedule must be a JSON object`,
      });
  },
};
