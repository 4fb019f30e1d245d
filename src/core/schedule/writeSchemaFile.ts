// Kept apart from schema.ts so that browser bundles (the schedule editor's webview) can import the schema without
// pulling in node:fs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../common/atomicWrite';
import { scheduleSchema } from './schema';

export const SCHEMA_FILE_NAME = 'backup-schedule.schema.json';

/** Writes `backup-schedule.schema.json` into `dir` (the build uses `dist/schemas`) and returns the file's path. */
export function writeSchemaFile(dir: string, schema: unknown = scheduleSchema): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, SCHEMA_FILE_NAME);
  writeFileAtomic(file, `${JSON.stringify(schema, null, 2)}\n`);
  return file;
}
