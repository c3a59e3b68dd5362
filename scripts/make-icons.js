#!/usr/bin/env node
/**
 * Draws the add-in's ribbon and store icons as PNG files in assets/ (no image library: shapes are
 * rasterised with 4×4 supersampling and written with zlib). Run `node scripts/make-icons.js` after
 * changing a glyph and commit the PNGs.
 *
 * Glyphs (drawn on a unit square, so every size is the same picture):
 *   table   – "Öppna panelen": a table with a green header row and grid lines
 *   sum     – "Skapa driftsammandrag": a sheet with a folded corner and a Σ
 *   traffic – "Kontrollera indikatorer": a traffic light (red, amber, green)
 *   icon    – the add-in itself: rising bars on a green tile
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const OUT = path.resolve(__dirname, "..", "assets");
const SS = 4; // supersampling per axis

// ---------- PNG encoding ----------
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** rgba: Uint8ClampedArray of size*size*4 → PNG bytes (colour type 6, 8 bit). */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------- shapes on the unit square ----------
const rect =
  (x0, y0, x1, y1, r = 0) =>
  (x, y) => {
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    return r === 0 || (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
};
const polyline = (pts, w) => {
  const segs = pts.slice(1).map((p, i) => segment(pts[i][0], pts[i][1], p[0], p[1], w));
  return (x, y) => segs.some((s) => s(x, y));
};
const polygon = (pts) => (x, y) => {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

/** Paint layers ([shape, colour]) in order onto a transparent square. */
function render(size, layers) {
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (px + (sx + 0.5) / SS) / size;
          const y = (py + (sy + 0.5) / SS) / size;
          let col = null;
          for (const [shape, colour] of layers) if (shape(x, y)) col = colour;
          if (col) {
            r += col[0];
            g += col[1];
            b += col[2];
            a += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = r / a;
        rgba[i + 1] = g / a;
        rgba[i + 2] = b / a;
        rgba[i + 3] = Math.round((255 * a) / (SS * SS));
      }
    }
  }
  return rgba;
}

const GREEN = hex("#217346"); // Excel green
const DARK = hex("#3b3b3b");
const GREY = hex("#8a8a8a");
const WHITE = hex("#ffffff");

/** Stroke width that stays at least ~1 px at 16 px. */
const stroke = (size, unit) => Math.max(unit, 1.1 / size);

const GLYPHS = {
  table(size) {
    const w = stroke(size, 0.06);
    const x0 = 0.08;
    const x1 = 0.92;
    const y0 = 0.14;
    const y1 = 0.86;
    const header = 0.34;
    const layers = [
      [rect(x0, y0, x1, y1, 0.04), DARK],
      [rect(x0 + w, header, x1 - w, y1 - w), WHITE],
      [rect(x0, y0, x1, header, 0.04), GREEN],
    ];
    // two inner row lines and two column lines in the body
    for (const y of [header + (y1 - header) / 3, header + (2 * (y1 - header)) / 3])
      layers.push([rect(x0 + w, y - w / 2, x1 - w, y + w / 2), GREY]);
    for (const x of [x0 + (x1 - x0) / 3, x0 + (2 * (x1 - x0)) / 3])
      layers.push([rect(x - w / 2, header, x + w / 2, y1 - w), GREY]);
    return layers;
  },
  sum(size) {
    const w = stroke(size, 0.06);
    const fold = 0.22;
    const page = polygon([
      [0.16, 0.06],
      [0.84 - fold, 0.06],
      [0.84, 0.06 + fold],
      [0.84, 0.94],
      [0.16, 0.94],
    ]);
    const inner = polygon([
      [0.16 + w, 0.06 + w],
      [0.84 - fold - w / 2, 0.06 + w],
      [0.84 - w, 0.06 + fold + w / 2],
      [0.84 - w, 0.94 - w],
      [0.16 + w, 0.94 - w],
    ]);
    const corner = polygon([
      [0.84 - fold, 0.06],
      [0.84 - fold, 0.06 + fold],
      [0.84, 0.06 + fold],
    ]);
    const sigma = polyline(
      [
        [0.68, 0.36],
        [0.68, 0.3],
        [0.32, 0.3],
        [0.52, 0.56],
        [0.32, 0.82],
        [0.68, 0.82],
        [0.68, 0.76],
      ],
      stroke(size, 0.1),
    );
    return [
      [page, DARK],
      [minus(inner, corner), WHITE],
      [corner, GREY],
      [sigma, GREEN],
    ];
  },
  traffic(size) {
    const w = stroke(size, 0.05);
    return [
      [rect(0.28, 0.03, 0.72, 0.97, 0.12), DARK],
      [rect(0.28 + w, 0.03 + w, 0.72 - w, 0.97 - w, 0.1), hex("#2b2b2b")],
      [circle(0.5, 0.2, 0.13), hex("#d13438")],
      [circle(0.5, 0.5, 0.13), hex("#ffb900")],
      [circle(0.5, 0.8, 0.13), hex("#107c10")],
    ];
  },
  icon(size) {
    const w = stroke(size, 0.05);
    return [
      [rect(0.04, 0.04, 0.96, 0.96, 0.16), GREEN],
      [rect(0.2, 0.56, 0.34, 0.8), WHITE],
      [rect(0.43, 0.42, 0.57, 0.8), WHITE],
      [rect(0.66, 0.26, 0.8, 0.8), WHITE],
      [rect(0.16, 0.8, 0.84, 0.8 + w), WHITE],
    ];
  },
};

const SIZES = { table: [16, 32, 80], sum: [16, 32, 80], traffic: [16, 32, 80], icon: [16, 32, 64, 80] };

function main() {
  fs.mkdirSync(OUT, { recursive: true });
  for (const [name, sizes] of Object.entries(SIZES)) {
    for (const size of sizes) {
      const file = path.join(OUT, `${name}-${size}.png`);
      fs.writeFileSync(file, encodePng(size, render(size, GLYPHS[name](size))));
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  }
}

if (require.main === module) main();

module.exports = { encodePng };
