import { Deflate, strToU8, zipSync } from 'fflate';

/** Byte-level helpers for decompression bombs (test data only). */

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A KML document of about `bytes` bytes: one placemark path, padded with a long description. */
export function bigKml(bytes: number): Uint8Array {
  const head =
    '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>' +
    '<LineString><coordinates>114.07,22.40,60 114.08,22.41,60</coordinates></LineString><description>';
  const tail = '</description></Placemark></Document></kml>';
  return strToU8(head + 'x'.repeat(Math.max(0, bytes - head.length - tail.length)) + tail);
}

/** A KMZ (fflate zip) holding `kml` as doc.kml. */
export function kmzOf(kml: Uint8Array): Uint8Array {
  return zipSync({ 'doc.kml': kml }, { level: 6 });
}

const SEGMENT_BYTES = 16 << 20;

/**
 * A raw DEFLATE stream inflating to `segments` × 16 MiB of spaces, built from one compressed, sync-flushed
 * segment repeated (later copies refer back to spaces only), closed by an empty final stored block. 1 GiB
 * of output costs ~1 MB and no compression time.
 */
export function deflateBomb(segments: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 6 }, (chunk) => parts.push(chunk));
  deflate.push(new Uint8Array(SEGMENT_BYTES).fill(0x20));
  deflate.flush(true);
  const segment = concat(parts);
  return concat([...Array.from({ length: segments }, () => segment), Uint8Array.of(0x01, 0, 0, 0xff, 0xff)]);
}

export const bombBytes = (segments: number) => segments * SEGMENT_BYTES;

/** A one-entry ZIP (deflate) whose headers declare `declaredSize` whatever the data inflates to. */
export function zipEntry(name: string, deflated: Uint8Array, declaredSize: number): Uint8Array {
  const nameBytes = strToU8(name);
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true);
  local.setUint16(4, 20, true);
  local.setUint16(8, 8, true); // deflate
  local.setUint32(18, deflated.length, true);
  local.setUint32(22, declaredSize, true);
  local.setUint16(26, nameBytes.length, true);
  const central = new DataView(new ArrayBuffer(46));
  central.setUint32(0, 0x02014b50, true);
  central.setUint16(4, 20, true);
  central.setUint16(6, 20, true);
  central.setUint16(10, 8, true);
  central.setUint32(20, deflated.length, true);
  central.setUint32(24, declaredSize, true);
  central.setUint16(28, nameBytes.length, true);
  central.setUint32(42, 0, true); // local header at offset 0
  const cdOffset = 30 + nameBytes.length + deflated.length;
  const eocd = new DataView(new ArrayBuffer(22));
  eocd.setUint32(0, 0x06054b50, true);
  eocd.setUint16(8, 1, true);
  eocd.setUint16(10, 1, true);
  eocd.setUint32(12, 46 + nameBytes.length, true);
  eocd.setUint32(16, cdOffset, true);
  const bytes = (v: DataView) => new Uint8Array(v.buffer);
  return concat([bytes(local), nameBytes, deflated, bytes(central), nameBytes, bytes(eocd)]);
}
