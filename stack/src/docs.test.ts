// The documentation stays inside the repository and in step with itself: every relative link and
// anchor of every Markdown file resolves to a file (and heading) of the repository, nothing cites
// the design from outside it (a migration once applied is never edited, so the .sql files are not
// scanned), and README.pt-BR.md keeps README.md's structure — the same headings
// per level, in order, and the same code blocks — so a change to one is a change to both.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');

function files(extension: string, directory = root): string[] {
  const skipped = new Set(['node_modules', '.git', '.nx', 'dist', '.flow', 'coverage']);
  return readdirSync(directory).flatMap((name) => {
    if (skipped.has(name)) return [];
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return files(extension, path);
    return name.endsWith(extension) ? [path] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens; `{#id}` wins. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of text.replace(/```[\s\S]*?```/g, '').split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading === null) continue;
    const explicit = /\{#([\w-]+)\}\s*$/.exec(heading[1]!);
    if (explicit !== null) anchors.add(explicit[1]!);
    const title = heading[1]!.replace(/\{#[\w-]+\}\s*$/, '').trim();
    anchors.add(title.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  }
  return anchors;
}

function withoutCode(text: string): string {
  return text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
}

function links(text: string): string[] {
  return [...withoutCode(text).matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
}

describe('documentation', () => {
  test('every relative link and anchor resolves inside the repository', () => {
    const broken: string[] = [];
    for (const file of files('.md')) {
      for (const target of links(readFileSync(file, 'utf8'))) {
        if (/^(https?:|mailto:)/.test(target)) continue;
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const resolved = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
        const where = `${relative(root, file)} → ${target}`;
        if (!resolved.startsWith(root) || !existsSync(resolved)) broken.push(`${where} (no such file in the repository)`);
        else if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) {
          broken.push(`${where} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  test('nothing cites a design document outside the repository', () => {
    const outside = [...files('.md'), ...files('.ts'), ...files('.yaml')]
      .filter((file) => /\.\.\/shared|DESIGN\.md|STYLE §/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file))
      .filter((file) => file !== 'stack/src/docs.test.ts');
    expect(outside).toEqual([]);
  });

  test('README.pt-BR.md has the structure of README.md: headings per level in order, and the same code blocks', () => {
    const structure = (file: string) => {
      const text = readFileSync(join(root, file), 'utf8');
      return {
        headingLevels: withoutCode(text).split('\n').filter((line) => /^#{1,6}\s/.test(line)).map((line) => /^#+/.exec(line)![0].length),
        codeBlocks: text.match(/```[\s\S]*?```/g) ?? [],
      };
    };
    expect(structure('README.pt-BR.md')).toEqual(structure('README.md'));
  });
});
