// Trunk post_build hook: minifies the two JS files of the bundle in Trunk's staging directory with esbuild.
// Why esbuild: Trunk's built-in minifier fails on the wasm-bindgen glue and silently leaves it unminified.
// Only whitespace/identifier/syntax minification: no bundling (the loader imports the glue by relative URL
// at run time), no syntax lowering (the output targets the same browsers as the glue itself).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (this script runs as a Trunk post_build hook)');
  process.exit(1);
}

for (const name of ['news-widget.js', 'news-widget-core.js']) {
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
