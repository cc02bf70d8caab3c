#!/usr/bin/env node
// The `flow` bin (`npx flow <command>`). Plain JavaScript on purpose: it must run on any Node.js
// to say clearly that Flow needs 24 (older Node can neither strip TypeScript types nor offer
// node:sqlite, which the embedded broker persists with), then it loads the TypeScript entry.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `flow needs Node.js 24 or newer; this is ${process.version}. Run it as \`npx flow\` from the repository ` +
      '(npm puts its Node.js 24 first on the PATH) or put Node.js 24 on your PATH.\n',
  );
  process.exit(2);
}
await import('../src/main.ts');
