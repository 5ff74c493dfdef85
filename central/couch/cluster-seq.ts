// Which shard copies a CouchDB cluster's sequence was read from. A clustered seq is
// `<sum>-<opaque>`, the opaque part base64url of Erlang's term_to_binary (compressed) of a list of
// `{Node, [Lo, Hi], {Seq, Uuid, EpochNode}}`, one entry a shard range
// (fabric_view_changes:pack_seqs in apache/couchdb). A single node and the embedded server give a
// number or one node's entries, where every read is from the one copy there is.
// https://www.erlang.org/doc/apps/erts/erl_ext_dist.html
import { inflateSync } from 'node:zlib';

/**
 * The copies a seq names, as sorted `<node> <lo>-<hi>` strings, or undefined when the seq is not
 * a clustered one (a number, or text that does not decode). Pure.
 */
export function seqCopies(seq: unknown): string[] | undefined {
  if (typeof seq !== 'string') return undefined;
  const opaque = /^\d+-(.+)$/.exec(seq)?.[1];
  if (opaque === undefined) return undefined;
  try {
    const entries = decodeTerm(Buffer.from(opaque, 'base64url'));
    if (!Array.isArray(entries)) return undefined;
    return entries.map((e) => {
      const [node, range] = e as [unknown, unknown];
      if (typeof node !== 'string' || !Array.isArray(range)) throw new Error('not a shard entry');
      return `${node} ${range.join('-')}`;
    }).sort();
  } catch {
    return undefined;
  }
}

/** Whether two seqs were read from the same shard copies; undefined when either is not clustered. */
export function sameCopies(a: unknown, b: unknown): boolean | undefined {
  const [x, y] = [seqCopies(a), seqCopies(b)];
  if (x === undefined || y === undefined) return undefined;
  return x.length === y.length && x.every((c, i) => c === y[i]);
}

type Term = number | bigint | string | Buffer | Term[];

/** Erlang's external term format, the tags a packed seq uses: tuples and lists as arrays, atoms as strings. */
function decodeTerm(buf: Buffer): Term {
  if (buf[0] !== 131) throw new Error('not an Erlang term');
  // 80: compressed, a 4-byte uncompressed size then zlib.
  const body = buf[1] === 80 ? inflateSync(Uint8Array.prototype.slice.call(buf, 6)) : buf.subarray(1);
  let at = 0;
  const u8 = () => body.readUInt8(at++);
  const u16 = () => { const v = body.readUInt16BE(at); at += 2; return v; };
  const u32 = () => { const v = body.readUInt32BE(at); at += 4; return v; };
  const bytes = (n: number) => { const v = body.subarray(at, at + n); if (v.length < n) throw new Error('truncated'); at += n; return v; };
  const many = (n: number) => Array.from({ length: n }, () => next());
  const big = (n: number) => {
    const sign = u8();
    let v = 0n;
    for (const [i, b] of [...bytes(n)].entries()) v += BigInt(b) << BigInt(8 * i);
    return sign === 0 ? v : -v;
  };
  function next(): Term {
    const tag = u8();
    switch (tag) {
      case 97: return u8(); // SMALL_INTEGER
      case 98: { const v = body.readInt32BE(at); at += 4; return v; } // INTEGER
      case 110: return big(u8()); // SMALL_BIG
      case 111: return big(u32()); // LARGE_BIG
      case 100: case 118: return bytes(u16()).toString('utf8'); // ATOM, ATOM_UTF8
      case 115: case 119: return bytes(u8()).toString('utf8'); // SMALL_ATOM, SMALL_ATOM_UTF8
      case 109: return Buffer.from(bytes(u32())); // BINARY
      case 104: return many(u8()); // SMALL_TUPLE
      case 105: return many(u32()); // LARGE_TUPLE
      case 106: return []; // NIL
      case 107: return [...bytes(u16())]; // STRING: a list of bytes
      case 108: { const items = many(u32()); next(); return items; } // LIST, then its tail (NIL)
      default: throw new Error(`term tag ${tag}`);
    }
  }
  return next();
}
