// The npm package of the widget: assembles target/pkg/ (the five files of dist/, pkg/package.json,
// pkg/README.md, LICENSE) and runs `npm pack` there. The repository's own package.json is the private
// tooling package; the published manifest lives in pkg/ so that the package holds nothing but the widget.
//
// CLI:    node scripts/pack.mjs [--dry-run]     (make pack: writes target/news-widget-<version>.tgz)
// Module: import { assemble, npmPack, DIST_FILES } from './scripts/pack.mjs'
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const OUT = resolve(ROOT, 'target/pkg');
export const DIST_FILES = ['news-widget.js', 'news-widget-core.js', 'news-widget-core_bg.wasm', 'news-widget-latest.js',
  'news-widget-latest_bg.wasm'];

/** Writes the package directory afresh; fails when dist/ is incomplete or the versions disagree. */
export async function assemble(out = OUT) {
  const manifest = JSON.parse(await readFile(resolve(ROOT, 'pkg/package.json'), 'utf8'));
  const cargo = (await readFile(resolve(ROOT, 'Cargo.toml'), 'utf8')).match(/^version = "([^"]+)"/m)[1];
  const loader = (await readFile(resolve(ROOT, 'js/news-widget.js'), 'utf8')).match(/const VERSION = '([^']+)'/)[1];
  if (manifest.version !== cargo || manifest.version !== loader) {
    throw new Error(`versions disagree: pkg/package.json ${manifest.version}, Cargo.toml ${cargo}, loader ${loader}`);
  }
  for (const f of DIST_FILES) {
    if (!existsSync(resolve(ROOT, 'dist', f))) throw new Error(`dist/${f} is missing: run make build`);
  }
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  for (const f of DIST_FILES) await copyFile(resolve(ROOT, 'dist', f), resolve(out, f));
  await copyFile(resolve(ROOT, 'pkg/package.json'), resolve(out, 'package.json'));
  await copyFile(resolve(ROOT, 'pkg/README.md'), resolve(out, 'README.md'));
  await copyFile(resolve(ROOT, 'LICENSE'), resolve(out, 'LICENSE'));
  return { out, manifest };
}

/** `npm pack --json` in the package directory; returns npm's report (files, size, tarball name). */
export function npmPack(out = OUT, { dryRun = false } = {}) {
  const args = ['pack', '--json', '--pack-destination', resolve(out, '..')];
  if (dryRun) args.push('--dry-run');
  // --ignore-scripts: packing runs nothing of the package; the cache stays inside target/.
  args.push('--ignore-scripts');
  const stdout = execFileSync('npm', args, {
    cwd: out,
    encoding: 'utf8',
    env: { ...process.env, npm_config_cache: resolve(out, '..', '.npm-cache'), npm_config_update_notifier: 'false' },
  });
  return JSON.parse(stdout)[0];
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const dryRun = process.argv.includes('--dry-run');
  const { out } = await assemble();
  const report = npmPack(out, { dryRun });
  for (const f of report.files) console.log(`pack: ${String(f.size).padStart(9)}  ${f.path}`);
  console.log(`pack: ${dryRun ? 'would write' : 'wrote'} target/${report.filename} (${report.size} bytes packed)`);
}
