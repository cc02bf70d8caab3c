// Which addresses are this machine's own: the embedded broker refuses other peers with it, and the
// console's OIDC issuer may be plain http only on one of them.
import { isLoopback } from './server.ts';

test.each([
  ['localhost', true], ['127.0.0.1', true], ['127.8.0.1', true], ['::1', true], ['[::1]', true], ['::ffff:127.0.0.1', true],
  ['10.0.0.1', false], ['login.bank.example', false], ['[::2]', false], ['::ffff:10.0.0.1', false], ['', false], [undefined, false],
])('%s is loopback: %s', (address, loopback) => {
  expect(isLoopback(address)).toBe(loopback);
});
