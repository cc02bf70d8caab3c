// Plain JavaScript on purpose: it must run on any Node.js to say clearly that Flow needs 24
// (older Node can neither strip TypeScript types nor offer node:sqlite, which fauxqs persists with).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `Flow needs Node.js 24 or newer; this is ${process.version}.\n` +
      'Install it with: npm install --prefix "$HOME/.cache/node24" node@24 && export PATH="$HOME/.cache/node24/node_modules/.bin:$PATH"\n',
  );
  process.exit(1);
}
// The entry script is ours; what follows it are the script's own arguments.
const [entry] = process.argv.splice(2, 1);
await import(entry);
