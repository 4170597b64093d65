// Removes from a built module the exports that a dependency always adds and the widget never calls, so that
// wasm-opt can drop the code behind them: wasm-streams' Rust-backed stream sources and sinks
// (`IntoUnderlyingSource`, `IntoUnderlyingByteSource`, `IntoUnderlyingSink`). Leptos always enables its
// server functions' browser client, which brings wasm-streams; the widget has no server functions, and
// nothing in the module hands such a stream to JavaScript (the glue would then import a `__wrap` for them).
//
// `#[wasm_bindgen]` exports are roots for the linker and wasm-opt whatever uses them, so only a step after
// the build can remove them: the export entries go from the WASM, `wasm-opt -Oz` runs once more, and the glue
// loses the classes and finalizers that called them. Any surprise (another glue shape, a remaining
// reference) leaves both files as they were, with a warning: the module is then only larger, never broken.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { leb, readName, rewriteSections, toLeb } from './wasm-binary.mjs';

const UNUSED = /^(__wbg_)?intounderlying(bytesource|sink|source)_/;
const CLASS = /^export class IntoUnderlying(ByteSource|Sink|Source) \{\n[\s\S]*?^\}\n(if \(Symbol\.dispose\) IntoUnderlying\w+\.prototype\[Symbol\.dispose\] = IntoUnderlying\w+\.prototype\.free;\n)?/gm;
const FINALIZER = /^const IntoUnderlying(ByteSource|Sink|Source)Finalization = [^;]*;\n/gm;

/** The module without the exports whose names match UNUSED, and the names removed. */
function withoutExports(wasm) {
  const removed = [];
  const out = rewriteSections(wasm, (id, bytes, body) => {
    if (id !== 7) return null;
    let [count, p] = leb(bytes, body);
    const kept = [];
    for (; count > 0; count--) {
      const start = p;
      const [name, kindAt] = readName(bytes, p);
      [, p] = leb(bytes, kindAt + 1); // kind byte, then index
      if (UNUSED.test(name)) removed.push(name);
      else kept.push(bytes.subarray(start, p));
    }
    return Buffer.concat([Buffer.from(toLeb(kept.length)), ...kept]);
  });
  return { wasm: out, removed };
}

/**
 * Strips the unused exports from `wasmPath` and the glue `gluePath` (the unminified wasm-bindgen output).
 * Returns a line for the build log.
 */
export async function stripUnusedExports(wasmPath, gluePath) {
  const [wasm, glue] = await Promise.all([readFile(wasmPath), readFile(gluePath, 'utf8')]);
  const { wasm: stripped, removed } = withoutExports(wasm);
  if (removed.length === 0) return `no unused exports in ${wasmPath}`;
  const newGlue = glue.replace(CLASS, '').replace(FINALIZER, '');
  const left = removed.filter((name) => newGlue.includes(`wasm.${name}(`));
  if (left.length > 0 || /IntoUnderlying/.test(newGlue)) {
    return `warning: ${gluePath} still refers to ${left[0] ?? 'IntoUnderlying*'}; exports kept`;
  }
  await writeFile(wasmPath, stripped);
  try {
    execFileSync('wasm-opt', ['-Oz', wasmPath, '-o', wasmPath], { stdio: 'inherit' });
  } catch (err) {
    await writeFile(wasmPath, wasm);
    return `warning: wasm-opt failed after removing the exports (${err.message}); exports kept`;
  }
  await writeFile(gluePath, newGlue);
  const after = (await readFile(wasmPath)).length;
  return `removed ${removed.length} unused exports: ${wasm.length} -> ${after} bytes of WASM`;
}
