// In-host test runner: VS Code loads this file as `extensionTestsPath` inside the extension host and awaits
// run(). Resolving makes the workbench call codeAutomationExit(0), rejecting codeAutomationExit(1).
// The results also go to a JSON file (ATLAS_TEST_RESULTS) and to the console, because the driver trusts
// the file over the exit code: a host that crashes before mocha finishes leaves no file, which is a failure.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';

// The workbench forwards extension-host console calls to the browser console but mangles printf-style
// arguments, and mixes them with its own log lines: pre-format each reporter line and tag it so the driver
// can pick the mocha output out.
const MARK = '[mocha] ';
(Mocha.reporters.Base as unknown as { consoleLog: (...a: unknown[]) => void }).consoleLog = (...a: unknown[]) =>
  console.log(
    util
      .format(...a)
      .split('\n')
      .map((l) => MARK + l)
      .join('\n'),
  );

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  err?: string;
}

export function run(): Promise<void> {
  const resultsFile = process.env.ATLAS_TEST_RESULTS || path.join(__dirname, 'results.json');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20000, reporter: 'spec' });
  if (process.env.ATLAS_TEST_GREP) mocha.grep(process.env.ATLAS_TEST_GREP);
  // Smoke first: if activation is broken, that is the failure worth reading.
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort((a, b) => Number(b === 'smoke.test.js') - Number(a === 'smoke.test.js') || a.localeCompare(b));
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const results: TestResult[] = [];
  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        const passed = results.filter((r) => r.state === 'passed').length;
        const failed = Math.max(failures, results.filter((r) => r.state === 'failed').length);
        fs.writeFileSync(
          resultsFile,
          JSON.stringify(
            { passed, failed, pending: results.filter((r) => r.state === 'pending').length, files, results },
            null,
            2,
          ),
        );
        console.log(`[in-host] ${passed} passed, ${failed} failed`);
        if (failed) reject(new Error(`${failed} tests failed.`));
        else resolve();
      });
    } catch (e) {
      // A test file that throws at load time (bad import) lands here, not in a 'fail' event.
      fs.writeFileSync(
        resultsFile,
        JSON.stringify(
          {
            passed: 0,
            failed: 1,
            files,
            results: [{ title: 'loading test files', state: 'failed', err: String((e as Error)?.stack || e) }],
          },
          null,
          2,
        ),
      );
      console.log(`[in-host] 0 passed, 1 failed`);
      reject(e);
      return;
    }
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'pending' }));
    runner.on('fail', (t, e) =>
      results.push({ title: t.fullTitle(), state: 'failed', err: String((e as Error)?.stack || e) }),
    );
  });
}
