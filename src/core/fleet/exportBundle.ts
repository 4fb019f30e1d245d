// The schedule-as-code exporters with the lint they run first, as one file the extension loads only when something is
// exported (esbuild.js builds it as dist/exportCode.js): the JSON language service inside the lint is about 120 KiB
// that nothing else in the extension needs. The CLI imports both directly.
export * from './codeExport';
export { lintSchedule } from '../schedule/lintSchedule';
