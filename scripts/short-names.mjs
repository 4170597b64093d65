// Gives the names that only the module and its own glue use (the imports the glue hands in, the exports only
// the glue calls) short names. wasm-bindgen names every import after the JS it wraps plus a hash
// (`__wbg_new_with_byte_offset_and_length_3cd32055a417f095`) and every closure export after its full Rust
// signature (up to ~300 characters): in the lean module that is ~9 KB of names, written once in the WASM and
// once more in the glue, which brotli only partly folds. `memory` and the block API (`mount_block`,
// `unmount_block`) keep their names: code outside the glue reads them.
//
// A name is renamed only where the glue uses it in the shapes wasm-bindgen writes (an import as a key of the
// imports object, an export as `wasm.<name>`, beside the glue's local wrapper function of the same name) and
// nowhere else; any other use leaves that name as it is. The import module (`./<bin>_bg.js`) becomes `a` when the glue names it exactly once. The
// custom sections go too: only tools read them.
import { readFile, writeFile } from 'node:fs/promises';
import { leb, nameBytes, readName, rewriteSections, toLeb } from './wasm-binary.mjs';

const KEEP = new Set(['memory', 'mount_block', 'unmount_block']);

/** The n-th short name: a, b, …, z, A, …, Z, aa, ab, … */
function shortName(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name = letters[n % letters.length] + name;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return name;
}

/** The offset after an import's descriptor (kind byte at `at`). */
function afterDescriptor(bytes, at) {
  const kind = bytes[at];
  let p = at + 1;
  const limits = () => {
    const flags = bytes[p++];
    [, p] = leb(bytes, p);
    if (flags & 1) [, p] = leb(bytes, p);
  };
  if (kind === 0) [, p] = leb(bytes, p); // function: type index
  else if (kind === 1) {
    p++; // table: element type, then limits
    limits();
  } else if (kind === 2) limits(); // memory
  else if (kind === 3) p += 2; // global: value type, mutability
  else if (kind === 4) [, p] = leb(bytes, p + 1); // tag: attribute, type index
  else throw new Error(`import kind ${kind} is not known`);
  return p;
}

function escape(name) {
  return name.replace(/[$]/g, '\\$');
}

/** The glue with every use of the import `name` renamed, or null when it is used in another shape too. */
function renameImport(glue, name, short) {
  const key = new RegExp(`(?<=[{,\\s])${escape(name)}(?=\\s*:)`, 'g');
  const out = glue.replace(key, short);
  if (out === glue || new RegExp(`(?<![\\w$])${escape(name)}(?![\\w$])`).test(out)) return null;
  return out;
}

/**
 * The glue with every use of the export `name` renamed, or null when it is used in another shape too. The
 * glue's own JS wrapper of a closure shim has the export's name (a local function, which esbuild renames):
 * a bare identifier is allowed, never a property, a key or a string.
 */
function renameExport(glue, name, short) {
  const call = new RegExp(`(?<![\\w$])wasm\\.${escape(name)}(?![\\w$])`, 'g');
  const out = glue.replace(call, `wasm.${short}`);
  const other = new RegExp(`((?<=[.'"\`\\[])${escape(name)}(?![\\w$]))|((?<![\\w$])${escape(name)}(?=\\s*:|['"\`]))`);
  if (out === glue || other.test(out)) return null;
  return out;
}

/**
 * Renames in `wasmPath` and its glue `gluePath` (wasm-bindgen's unminified output) the names only the two of
 * them use. Returns a line for the build log.
 */
export async function shortenNames(wasmPath, gluePath) {
  const [wasm, original] = await Promise.all([readFile(wasmPath), readFile(gluePath, 'utf8')]);
  let glue = original;
  let next = 0;
  let renamed = 0;
  const newName = (name, rename) => {
    const short = shortName(next);
    const out = name.length > short.length && !KEEP.has(name) ? rename(glue, name, short) : null;
    if (out === null) return name;
    glue = out;
    next++;
    renamed++;
    return short;
  };
  let module = null;
  const out = rewriteSections(wasm, (id, bytes, body) => {
    // Custom sections (producers, target features, the splitter's marker) are for tools, never read by
    // a browser.
    if (id === 0) return false;
    if (id !== 2 && id !== 7) return null;
    let [count, p] = leb(bytes, body);
    const entries = [Buffer.from(toLeb(count))];
    for (; count > 0; count--) {
      if (id === 2) {
        const [from, nameAt] = readName(bytes, p);
        const [name, descAt] = readName(bytes, nameAt);
        const end = afterDescriptor(bytes, descAt);
        if (module === null) module = from;
        if (from !== module) throw new Error(`imports from two modules (${module}, ${from})`);
        entries.push(nameBytes('a'), nameBytes(newName(name, renameImport)), bytes.subarray(descAt, end));
        p = end;
      } else {
        const [name, kindAt] = readName(bytes, p);
        const [, end] = leb(bytes, kindAt + 1);
        entries.push(nameBytes(newName(name, renameExport)), bytes.subarray(kindAt, end));
        p = end;
      }
    }
    return Buffer.concat(entries);
  });
  const literal = JSON.stringify(module);
  if (module !== null && glue.split(literal).length !== 2) {
    return `warning: ${gluePath} does not name the import module ${literal} exactly once; names kept`;
  }
  glue = glue.replace(literal, '"a"');
  await writeFile(wasmPath, out);
  await writeFile(gluePath, glue);
  return `${renamed} names shortened: ${wasm.length} -> ${out.length} bytes of WASM, ${original.length} -> ${glue.length} of glue`;
}
