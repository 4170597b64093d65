// Writes the Subresource Integrity hashes of the module files into the built loader (dist/news-widget.js),
// after both modules are built: the loader then checks each glue and WASM file it loads against them, so a
// webmaster's one `integrity` attribute on the loader's script tag covers every file the widget runs.
// Prints the loader's own hash for that attribute. Run by `make build`; idempotent on an unsealed loader only.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dist = process.argv[2] || 'dist';
const MODULES = ['news-widget-core.js', 'news-widget-core_bg.wasm', 'news-widget-latest.js', 'news-widget-latest_bg.wasm'];
const MARKER = /(["'])__NEWS_WIDGET_INTEGRITY__\1/g;

const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const hashes = {};
for (const name of MODULES) hashes[name] = sri(await readFile(join(dist, name)));

const loaderPath = join(dist, 'news-widget.js');
const loader = await readFile(loaderPath, 'utf8');
if (!MARKER.test(loader)) {
  console.error('seal: no integrity marker in ' + loaderPath + ' (already sealed, or the loader changed)');
  process.exit(1);
}
const sealed = loader.replace(MARKER, JSON.stringify(hashes));
await writeFile(loaderPath, sealed);
console.log('seal: module hashes written into ' + loaderPath);
console.log('seal: <script type="module" src=".../news-widget.js" integrity="' + sri(sealed) + '" crossorigin="anonymous">');
