// Reads an Arrow IPC file (or stream) with the reference Arrow JS library and prints its schema and
// values as JSON on stdout. Exactness over convenience: floats are printed as their IEEE bit
// patterns ("0x3f800000"), 64-bit integers as decimal strings, binary and decimals as hex bytes,
// so the .NET side can compare bit for bit.
//
// usage: node read-arrow.mjs FILE
import { readFileSync } from 'node:fs';
import { tableFromIPC, Type, DataType, Precision, DateUnit, TimeUnit, IntervalUnit } from 'apache-arrow';

const path = process.argv[2];
if (!path) {
  console.error('usage: node read-arrow.mjs FILE');
  process.exit(2);
}

const table = tableFromIPC(readFileSync(path));

function typeDesc(t) {
  if (DataType.isDictionary(t)) {
    return { kind: 'dictionary', index: typeDesc(t.indices), value: typeDesc(t.dictionary), ordered: t.isOrdered };
  }
  switch (t.typeId) {
    case Type.Null: return { kind: 'null' };
    case Type.Bool: return { kind: 'bool' };
    case Type.Int: return { kind: 'int', bitWidth: t.bitWidth, signed: t.isSigned };
    case Type.Float: return { kind: 'float', precision: Precision[t.precision] };
    case Type.Utf8: return { kind: 'utf8' };
    case Type.LargeUtf8: return { kind: 'large_utf8' };
    case Type.Binary: return { kind: 'binary' };
    case Type.LargeBinary: return { kind: 'large_binary' };
    case Type.FixedSizeBinary: return { kind: 'fixed_size_binary', byteWidth: t.byteWidth };
    case Type.Decimal: return { kind: 'decimal', precision: t.precision, scale: t.scale, bitWidth: t.bitWidth };
    case Type.Date: return { kind: 'date', unit: DateUnit[t.unit] };
    case Type.Time: return { kind: 'time', unit: TimeUnit[t.unit], bitWidth: t.bitWidth };
    case Type.Timestamp: return { kind: 'timestamp', unit: TimeUnit[t.unit], timezone: t.timezone ?? null };
    case Type.Duration: return { kind: 'duration', unit: TimeUnit[t.unit] };
    case Type.Interval: return { kind: 'interval', unit: IntervalUnit[t.unit] };
    case Type.List: return { kind: 'list' };
    case Type.LargeList: return { kind: 'large_list' };
    case Type.FixedSizeList: return { kind: 'fixed_size_list', listSize: t.listSize };
    case Type.Struct: return { kind: 'struct' };
    case Type.Map: return { kind: 'map', keysSorted: t.keysSorted };
    default: return { kind: 'unsupported:' + Type[t.typeId] };
  }
}

function fieldDesc(f) {
  const t = DataType.isDictionary(f.type) ? f.type.dictionary : f.type;
  return {
    name: f.name,
    nullable: f.nullable,
    type: typeDesc(f.type),
    metadata: Object.fromEntries(f.metadata ?? new Map()),
    children: (t.children ?? []).map(fieldDesc),
  };
}

const hex = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

function rawBytes(data) {
  const v = data.values;
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

function offsetsOf(data) {
  const o = data.valueOffsets;
  return (i) => Number(o[i]);
}

function byteWidth(t) {
  switch (t.typeId) {
    case Type.Int: return t.bitWidth / 8;
    case Type.Float: return [2, 4, 8][t.precision];
    case Type.Date: return t.unit === DateUnit.DAY ? 4 : 8;
    case Type.Time: return t.bitWidth / 8;
    case Type.Timestamp: case Type.Duration: return 8;
    case Type.Interval: return [4, 8, 16][t.unit];
    case Type.Decimal: return t.bitWidth / 8;
    case Type.FixedSizeBinary: return t.byteWidth;
    default: throw new Error('no byte width for ' + t);
  }
}

function dictionaryValue(dictionary, index) {
  for (const chunk of dictionary.data) {
    if (index < chunk.length) return value(chunk, index);
    index -= chunk.length;
  }
  throw new Error('dictionary index out of range');
}

function value(data, i) {
  if (data.offset !== 0) throw new Error('unexpected sliced data');
  if (!data.getValid(i)) return null;
  const t = data.type;
  if (DataType.isDictionary(t)) {
    const idx = Number(data.values[i]);
    return dictionaryValue(data.dictionary, idx);
  }
  switch (t.typeId) {
    case Type.Null: return null;
    case Type.Bool: return ((data.values[i >> 3] >> (i & 7)) & 1) === 1;
    case Type.Utf8: case Type.LargeUtf8: {
      const o = offsetsOf(data);
      return Buffer.from(data.values.buffer, data.values.byteOffset + o(i), o(i + 1) - o(i)).toString('utf8');
    }
    case Type.Binary: case Type.LargeBinary: {
      const o = offsetsOf(data);
      return hex(data.values.subarray(o(i), o(i + 1)));
    }
    case Type.List: case Type.LargeList: case Type.Map: {
      const o = offsetsOf(data);
      const child = data.children[0];
      const out = [];
      for (let j = o(i); j < o(i + 1); j++) out.push(value(child, j));
      return out;
    }
    case Type.FixedSizeList: {
      const n = t.listSize;
      const child = data.children[0];
      const out = [];
      for (let j = i * n; j < (i + 1) * n; j++) out.push(value(child, j));
      return out;
    }
    case Type.Struct: return data.children.map((c) => value(c, i));
    default: {
      const w = byteWidth(t);
      const bytes = rawBytes(data).subarray(i * w, (i + 1) * w);
      const view = new DataView(bytes.buffer, bytes.byteOffset, w);
      switch (t.typeId) {
        case Type.Int:
          if (w === 8) return (t.isSigned ? view.getBigInt64(0, true) : view.getBigUint64(0, true)).toString();
          if (w === 4) return t.isSigned ? view.getInt32(0, true) : view.getUint32(0, true);
          if (w === 2) return t.isSigned ? view.getInt16(0, true) : view.getUint16(0, true);
          return t.isSigned ? view.getInt8(0) : view.getUint8(0);
        case Type.Float:
          // the bit pattern, so NaN payloads and -0.0 survive
          return '0x' + [...bytes].reverse().map((b) => b.toString(16).padStart(2, '0')).join('');
        case Type.Date: case Type.Time: case Type.Timestamp: case Type.Duration:
          return w === 4 ? view.getInt32(0, true) : view.getBigInt64(0, true).toString();
        default:
          return hex(bytes); // decimal (little-endian two's complement), interval, fixed_size_binary
      }
    }
  }
}

const columns = table.schema.fields.map((f, c) => {
  const vector = table.getChildAt(c);
  const values = [];
  for (const data of vector.data) {
    for (let i = 0; i < data.length; i++) values.push(value(data, i));
  }
  return values;
});

process.stdout.write(JSON.stringify({
  schema: {
    fields: table.schema.fields.map(fieldDesc),
    metadata: Object.fromEntries(table.schema.metadata ?? new Map()),
  },
  numRows: table.numRows,
  batches: table.batches.length,
  columns,
}));
