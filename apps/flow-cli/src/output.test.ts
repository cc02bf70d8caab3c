// Progress shows as a bar with counts and rate on a terminal and as command_progress log lines
// (JSON, with the registry code) otherwise; --json keeps stdout for the report alone.
import { Writable } from 'node:stream';
import { createOutput } from './output.ts';

function capture(isTTY: boolean): { stream: Writable & { isTTY: boolean }; text: () => string } {
  const chunks: string[] = [];
  const stream = Object.assign(new Writable({ write(chunk, _encoding, done) {
    chunks.push(String(chunk));
    done();
  } }), { isTTY });
  return { stream, text: () => chunks.join('') };
}

describe('flow output', () => {
  test.each([
    { where: 'a terminal', isTTY: true, expected: /\rreconcile █{30} 4\/4 accounts \d+\/s\n$/ },
    { where: 'a pipe (a scheduled task)', isTTY: false, expected: /"code":"command_progress".*"done":4.*"total":4/ },
  ])('on $where', ({ isTTY, expected }) => {
    const stdout = capture(false);
    const stderr = capture(isTTY);
    const output = createOutput({ stdout: stdout.stream, stderr: stderr.stream }, { json: true, logLevel: 'info' });
    output.progress('reconcile', 0, 4, 'accounts');
    output.progress('reconcile', 4, 4, 'accounts');
    output.say('only for people');
    output.report({ clean: true }, 'clean');
    expect(stderr.text()).toMatch(expected);
    expect(JSON.parse(stdout.text())).toEqual({ clean: true });
  });
});
