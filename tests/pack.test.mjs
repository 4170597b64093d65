// The npm package (make pack): `npm pack --dry-run --json` on the assembled package lists exactly the widget's
// files, its manifest, README and LICENSE; the manifest's exports name files of the package, and its version is
// the loader's and the crate's. Needs dist/ (make build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { assemble, npmPack, DIST_FILES } from '../scripts/pack.mjs';

test('npm pack --dry-run lists exactly the dist/ files, package.json, README.md and LICENSE', async () => {
  const { out, manifest } = await assemble();
  const report = npmPack(out, { dryRun: true });
  const files = report.files.map((f) => f.path).sort();
  assert.deepEqual(files, [...DIST_FILES, 'LICENSE', 'README.md', 'package.json'].sort());
  assert.equal(report.name, 'news-widget');
  assert.equal(report.filename, `news-widget-${manifest.version}.tgz`);
});

test('the manifest is a browser ES module package whose entry points are files of the package', async () => {
  const { out, manifest } = await assemble();
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.license, 'MIT');
  assert.notEqual(manifest.private, true);
  assert.equal(manifest.exports['.'], './news-widget.js');
  for (const field of ['browser', 'module', 'main']) assert.equal(manifest[field], './news-widget.js', field);
  // Importing the package registers the element: bundlers must keep it.
  assert.notEqual(manifest.sideEffects, false);
  for (const target of Object.values(manifest.exports)) assert.ok(existsSync(resolve(out, target)), target);
  for (const f of DIST_FILES) assert.ok(manifest.exports['./' + f], `exports names ${f}`);
  assert.deepEqual([...manifest.files].sort(), [...DIST_FILES].sort());
});
