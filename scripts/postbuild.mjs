// Trunk post_build hook: removes the exports no block uses from the module (strip-exports.mjs), gives the
// names only the module and its glue use short names (short-names.mjs), then minifies the JS files of a
// build (the loader and the glue of the full module, or the glue of the lean module) in Trunk's staging
// directory with esbuild.
// Why esbuild: Trunk's built-in minifier fails on the wasm-bindgen glue and silently leaves it unminified.
// Only whitespace/identifier/syntax minification: no bundling (the loader imports the glue by relative URL
// at run time), no syntax lowering (the output targets the same browsers as the glue itself).
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { shortenNames } from './short-names.mjs';
import { stripUnusedExports } from './strip-exports.mjs';

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (this script runs as a Trunk post_build hook)');
  process.exit(1);
}

// Every build writes its glue (`<bin>.js`); the full one also copies the loader.
const names = (await readdir(stage)).filter((n) => n.endsWith('.js'));
if (names.length === 0) {
  console.error('postbuild: no .js file in the Trunk output; check the manifest and the bin name');
  process.exit(1);
}
// First the exports no block uses (see strip-exports.mjs), while the glue is still wasm-bindgen's own text.
for (const name of names) {
  const wasm = join(stage, name.replace(/\.js$/, '_bg.wasm'));
  if (!(await readdir(stage)).includes(name.replace(/\.js$/, '_bg.wasm'))) continue;
  console.log(`postbuild: ${name}: ${await stripUnusedExports(wasm, join(stage, name))}`);
  console.log(`postbuild: ${name}: ${await shortenNames(wasm, join(stage, name))}`);
}
for (const name of names) {
  const file = join(stage, name);
  let source;
  try {
    source = await readFile(file, 'utf8');
  } catch (err) {
    console.error(`postbuild: ${name} is missing from the Trunk output (${err.code}); check index.html and the bin name`);
    process.exit(1);
  }
  const out = await transform(source, {
    loader: 'js',
    format: 'esm',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
  });
  for (const w of out.warnings) console.warn(`postbuild: ${name}: ${w.text}`);
  await writeFile(file, out.code);
  console.log(`postbuild: minified ${name}: ${source.length} -> ${out.code.length} bytes`);
}
