import { ByteReader, DamagedFileError } from './index-integrity.js';

/** What the manifest and labels.bin say a graph file must hold. */
export interface GraphExpectation {
  dimension: number;
  /** The M the graph was built with (maxM0 = 2M). */
  m: number;
  /** This file's shard number and the shard count: label l lives in shard l % shards. */
  shard: number;
  shards: number;
  /** Slots marked deleted in this shard. */
  deleted: number;
  /** Labels in use are below this. */
  nextLabel: number;
  /** Marks of the labels of live chunks (labels.bin), indexed by label; the check counts them off. */
  liveLabels: Uint8Array;
}

const HEADER_BYTES = 96;
const DELETE_MARK = 0x01;
/** hnswlib draws levels with mult 1/ln(M): even level 20 has odds below 16^-20 per point. */
const MAX_LEVEL = 32;

/**
 * Structural check of an hnswlib graph file (hnswalg.h saveIndex layout),
 * run before hnswlib reads it: hnswlib trusts every number in the file, so a
 * damaged entry point or neighbour id is a segmentation fault and a damaged
 * capacity a giant allocation. Every count, size and offset is checked
 * against the dimension and M, every neighbour id against the element
 * count, every label against labels.bin, and the file must end exactly
 * where its link lists do. Returns the number of live points it holds.
 */
export async function checkGraphFile(reader: ByteReader, want: GraphExpectation): Promise<number> {
  const bad = (what: string) => new DamagedFileError(`vector graph ${want.shard}: ${what}`);
  const h = await reader.take(HEADER_BYTES);
  const u64 = (at: number) => {
    const v = h.readBigUInt64LE(at);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw bad('a size field is out of range');
    return Number(v);
  };
  const offsetLevel0 = u64(0);
  const maxElements = u64(8);
  const count = u64(16);
  const sizePerElement = u64(24);
  const labelOffset = u64(32);
  const offsetData = u64(40);
  const maxLevel = h.readInt32LE(48);
  const entry = h.readUInt32LE(52);
  const maxM = u64(56);
  const maxM0 = u64(64);
  const m = u64(72);

  const linksLevel0 = maxM0 * 4 + 4;
  const linksUpper = maxM * 4 + 4;
  const dataSize = want.dimension * 4;
  if (m !== want.m || maxM !== want.m || maxM0 !== 2 * want.m) throw bad('M differs from the manifest');
  if (offsetLevel0 !== 0 || offsetData !== linksLevel0 || labelOffset !== linksLevel0 + dataSize || sizePerElement !== linksLevel0 + dataSize + 8)
    throw bad('element layout does not match the dimension');
  if (sizePerElement > ByteReader.MAX_TAKE) throw bad('elements too large');
  // hnswlib allocates max_elements slots on load: bound it by what the file holds.
  if (count > maxElements || maxElements > 2 * count + 16) throw bad('capacity out of range');
  if (HEADER_BYTES + count * (sizePerElement + 4) > reader.size) throw bad('element count larger than the file');
  if (count === 0 ? maxLevel !== -1 : maxLevel < 0 || maxLevel > MAX_LEVEL || entry >= count) throw bad('entry point out of range');

  let live = 0;
  let deleted = 0;
  for (let i = 0; i < count; i++) {
    const rec = await reader.take(sizePerElement);
    const links = rec.readUInt16LE(0);
    const flags = rec[2]!;
    if (links > maxM0 || (flags & ~DELETE_MARK) !== 0 || rec[3] !== 0) throw bad(`element ${i} has a bad link header`);
    for (let j = 0; j < links; j++) if (rec.readUInt32LE(4 + 4 * j) >= count) throw bad(`element ${i} links outside the graph`);
    const label = Number(rec.readBigUInt64LE(labelOffset));
    if (!(label < want.nextLabel) || label % want.shards !== want.shard) throw bad(`element ${i} has a label out of range`);
    if (flags & DELETE_MARK) deleted++;
    else {
      if (want.liveLabels[label] !== 1) throw bad(`element ${i} has a label that is not live or is repeated`);
      want.liveLabels[label] = 2;
      live++;
    }
  }
  if (deleted !== want.deleted) throw bad(`${deleted} deleted slots, the manifest says ${want.deleted}`);

  for (let i = 0; i < count; i++) {
    const size = (await reader.take(4)).readUInt32LE(0);
    if (size % linksUpper !== 0 || size / linksUpper > maxLevel) throw bad(`element ${i} has a bad upper-level size`);
    const levels = size / linksUpper;
    if (i === entry && levels !== maxLevel) throw bad('entry point is not on the top level');
    if (size === 0) continue;
    const lists = await reader.take(size);
    for (let l = 0; l < levels; l++) {
      const at = l * linksUpper;
      const links = lists.readUInt16LE(at);
      if (links > maxM || lists.readUInt16LE(at + 2) !== 0) throw bad(`element ${i} has a bad link header on level ${l + 1}`);
      for (let j = 0; j < links; j++) if (lists.readUInt32LE(at + 4 + 4 * j) >= count) throw bad(`element ${i} links outside the graph`);
    }
  }
  if (reader.remaining !== 0) throw bad('trailing bytes after the link lists');
  return live;
}
