import { Inflate } from 'fflate';

/**
 * Just enough ZIP reading for KMZ: list the entries from the central directory, then inflate one entry in
 * small steps, stopping as soon as its output passes a byte limit (a 200 KB archive can hold gigabytes of
 * KML; the size an entry declares is not trusted). Offsets and lengths are checked against the buffer.
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate */
  method: number;
  compressedSize: number;
  /** as declared by the archive (checked again while inflating) */
  declaredSize: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

export class ZipError extends Error {
  override readonly name = 'ZipError';
}

/** The output passed `limit` bytes; inflation stopped there. */
export class ZipLimitError extends Error {
  override readonly name = 'ZipLimitError';
  constructor(
    readonly entry: string,
    readonly limit: number,
  ) {
    super(`${entry} inflates to more than ${limit} bytes`);
  }
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
/** compressed bytes per inflate step: at most ~1,032× that in output before the limit is checked */
const STEP_BYTES = 4096;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function need(bytes: Uint8Array, at: number, len: number, what: string): void {
  if (at < 0 || at + len > bytes.length) throw new ZipError(`truncated archive: ${what} runs past the end`);
}

function findEndOfCentralDirectory(bytes: Uint8Array, dv: DataView): number {
  // the record is 22 bytes plus a comment of at most 65,535 bytes, at the very end
  const lowest = Math.max(0, bytes.length - 22 - 65_535);
  for (let i = bytes.length - 22; i >= lowest; i--) if (dv.getUint32(i, true) === EOCD_SIG) return i;
  throw new ZipError('no end-of-central-directory record (not a complete ZIP archive)');
}

/** The archive's entries, from its central directory. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const dv = view(bytes);
  const eocd = findEndOfCentralDirectory(bytes, dv);
  const count = dv.getUint16(eocd + 10, true);
  const cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('ZIP64 archives are not supported');
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    need(bytes, at, 46, `central directory entry ${n}`);
    if (dv.getUint32(at, true) !== CDH_SIG) throw new ZipError(`central directory entry ${n} has a bad signature`);
    const flags = dv.getUint16(at + 8, true);
    const nameLen = dv.getUint16(at + 28, true);
    const extraLen = dv.getUint16(at + 30, true);
    const commentLen = dv.getUint16(at + 32, true);
    need(bytes, at + 46, nameLen, `the name of entry ${n}`);
    const rawName = bytes.subarray(at + 46, at + 46 + nameLen);
    const entry: ZipEntry = {
      name: new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(rawName),
      method: dv.getUint16(at + 10, true),
      compressedSize: dv.getUint32(at + 20, true),
      declaredSize: dv.getUint32(at + 24, true),
      localHeaderOffset: dv.getUint32(at + 42, true),
      encrypted: (flags & 1) === 1,
    };
    if (entry.compressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff)
      throw new ZipError(`${entry.name}: ZIP64 entries are not supported`);
    entries.push(entry);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function compressedData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const dv = view(bytes);
  const at = entry.localHeaderOffset;
  need(bytes, at, 30, `the local header of ${entry.name}`);
  if (dv.getUint32(at, true) !== LFH_SIG) throw new ZipError(`${entry.name}: bad local header signature`);
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  need(bytes, start, entry.compressedSize, `the data of ${entry.name}`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * The entry's bytes, inflated step by step; throws ZipLimitError as soon as the output passes `limit`
 * (memory stays near `limit` plus one step's output), ZipError for anything unreadable.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, limit: number): Uint8Array {
  if (entry.encrypted) throw new ZipError(`${entry.name}: encrypted entries are not supported`);
  if (entry.declaredSize > limit) throw new ZipLimitError(entry.name, limit);
  const data = compressedData(bytes, entry);
  if (entry.method === 0) {
    if (data.length > limit) throw new ZipLimitError(entry.name, limit);
    return data;
  }
  if (entry.method !== 8) throw new ZipError(`${entry.name}: compression method ${entry.method} is not supported`);
  const parts: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) throw new ZipLimitError(entry.name, limit);
    parts.push(chunk);
  });
  try {
    for (let at = 0; at < data.length; at += STEP_BYTES) {
      const end = Math.min(at + STEP_BYTES, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof ZipLimitError) throw err;
    throw new ZipError(`${entry.name}: cannot inflate: ${err instanceof Error ? err.message : String(err)}`);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
