// Entry of the `flow` bin: configuration enters here (process.env), the exit status leaves.
import { runFlow } from './program.ts';

const exitCode = await runFlow(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr });
// Exit once stdout is flushed: PGlite's WebAssembly compile and idle SDK sockets must not keep a
// finished command alive, and a piped report must not be cut.
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
process.exit(exitCode);
