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

const UNUSED = /^(__wbg_)?intounderlying(bytesource|sink|source)_/;
const CLASS = /^export class IntoUnderlying(ByteSource|Sink|Source) \{\n[\s\S]*?^\}\n(if \(Symbol\.dispose\) IntoUnderlying\w+\.prototype\[Symbol\.dispose\] = IntoUnderlying\w+\.prototype\.free;\n)?/gm;
const FINALIZER = /^const IntoUnderlying(ByteSource|Sink|Source)Finalization = [^;]*;\n/gm;

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

function toLeb(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** The module without the exports whose names match UNUSED, and the names removed. */
function withoutExports(wasm) {
  const parts = [wasm.subarray(0, 8)];
  const removed = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    const end = body + size;
    if (id !== 7) {
      parts.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = leb(wasm, body);
    const kept = [];
    for (; count > 0; count--) {
      const start = p;
      const [len, nameAt] = leb(wasm, p);
      const name = new TextDecoder().decode(wasm.subarray(nameAt, nameAt + len));
      [, p] = leb(wasm, nameAt + len + 1); // kind byte, then index
      if (UNUSED.test(name)) removed.push(name);
      else kept.push(wasm.subarray(start, p));
    }
    const payload = Buffer.concat([Buffer.from(toLeb(kept.length)), ...kept]);
    parts.push(Buffer.from([7, ...toLeb(payload.length)]), payload);
    at = end;
  }
  return { wasm: Buffer.concat(parts), removed };
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
