// The few pieces of the WASM binary format that the post-build steps rewrite: unsigned LEB128 numbers,
// names, and the walk over a module's sections.

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
export function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

/** The unsigned LEB128 bytes of `n`. */
export function toLeb(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** Reads a name (length, UTF-8 bytes) at `at`: [name, next offset]. */
export function readName(bytes, at) {
  const [len, start] = leb(bytes, at);
  return [new TextDecoder().decode(bytes.subarray(start, start + len)), start + len];
}

/** The bytes of a name as the binary format writes it. */
export function nameBytes(name) {
  const utf8 = Buffer.from(name, 'utf8');
  return Buffer.concat([Buffer.from(toLeb(utf8.length)), utf8]);
}

/**
 * The module with each section passed through `rewrite(id, bytes, bodyStart, bodyEnd)`, which returns the new
 * body of the section, `null` to keep it as it is, or `false` to leave it out.
 */
export function rewriteSections(wasm, rewrite) {
  const parts = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    const end = body + size;
    const payload = rewrite(id, wasm, body, end);
    if (payload === null) parts.push(wasm.subarray(at, end));
    else if (payload !== false) parts.push(Buffer.from([id, ...toLeb(payload.length)]), payload);
    at = end;
  }
  return Buffer.concat(parts);
}
