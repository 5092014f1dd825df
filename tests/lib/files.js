// Sample files for the upload tests (not a test file): real tiny PDFs (with computed xref),
// JPEGs, PNGs (with CRCs), ZIPs and OFDs, an executable to rename, and multipart bodies by hand.
'use strict';
const fs = require('node:fs');
const zlib = require('node:zlib');
const path = require('node:path');
const crypto = require('node:crypto');

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let k = n;
    for (let i = 0; i < 8; i += 1) k = k & 1 ? 0xedb88320 ^ (k >>> 1) : k >>> 1;
    t[n] = k >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let x = 0xffffffff;
  for (const b of buf) x = CRC_TABLE[(x ^ b) & 0xff] ^ (x >>> 8);
  return (x ^ 0xffffffff) >>> 0;
}

// A valid PDF of `pages` pages (xref offsets computed), padded with a binary stream object to
// about `size` bytes.
function makePdf(pages = 1, size = 0) {
  const parts = [];
  let len = 0;
  const off = [];
  const add = (b) => { const x = Buffer.isBuffer(b) ? b : Buffer.from(b, 'latin1'); parts.push(x); len += x.length; };
  add('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  off[1] = len; add('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ');
  off[2] = len; add(`2 0 obj\n<< /Type /Pages /Kids [${kids}] /Count ${pages} >>\nendobj\n`);
  for (let i = 0; i < pages; i += 1) {
    off[3 + i] = len;
    add(`${3 + i} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n`);
  }
  let n = 2 + pages;
  if (size > len + 400) {
    n += 1;
    const pad = crypto.randomBytes(size - len - 400);
    off[n] = len;
    add(`${n} 0 obj\n<< /Length ${pad.length} >>\nstream\n`);
    add(pad);
    add('\nendstream\nendobj\n');
  }
  const xref = len;
  let x = `xref\n0 ${n + 1}\n0000000000 65535 f \n`;
  for (let i = 1; i <= n; i += 1) x += `${String(off[i]).padStart(10, '0')} 00000 n \n`;
  add(`${x}trailer\n<< /Size ${n + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

// A baseline JPEG of one 8x8 grey block, padded with comment segments to about `size` bytes.
function makeJpeg(size = 0) {
  const head = Buffer.from('FFD8FFE000104A46494600010100000100010000', 'hex');
  const coms = [];
  let have = 200;
  while (have < size) {
    const n = Math.min(65533, size - have);
    const seg = Buffer.alloc(4 + n);
    seg.writeUInt16BE(0xfffe, 0);
    seg.writeUInt16BE(n + 2, 2);
    crypto.randomBytes(n).copy(seg, 4);
    coms.push(seg);
    have += seg.length;
  }
  const dqt = Buffer.concat([Buffer.from('FFDB004300', 'hex'), Buffer.alloc(64, 1)]);
  const rest = Buffer.from('FFC0000B080008000801011100'
    + 'FFC4001400010000000000000000000000000000000000'
    + 'FFC4001410010000000000000000000000000000000000'
    + 'FFDA000801010000' + '3F00' + '3F' + 'FFD9', 'hex');
  return Buffer.concat([head, ...coms, dqt, rest]);
}

function pngChunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
// A 1x1 PNG, padded with a private ancillary chunk to about `size` bytes.
function makePng(size = 0) {
  const ihdr = Buffer.from('00000001000000010802000000', 'hex');
  const chunks = [Buffer.from('89504E470D0A1A0A', 'hex'), pngChunk('IHDR', ihdr)];
  if (size > 100) chunks.push(pngChunk('ycBt', crypto.randomBytes(size - 100)));
  chunks.push(pngChunk('IDAT', zlib.deflateSync(Buffer.from([0, 0xff, 0, 0]))), pngChunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(chunks);
}

// A stored ZIP of { name: text } entries with its central directory.
function makeZip(entries) {
  const local = [];
  const central = [];
  let off = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nm = Buffer.from(name);
    const crc = crc32(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4);
    h.writeUInt32LE(crc, 14); h.writeUInt32LE(data.length, 18); h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(nm.length, 26);
    local.push(h, nm, data);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(data.length, 20); ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(nm.length, 28); ch.writeUInt32LE(off, 42);
    central.push(ch, nm);
    off += 30 + nm.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8); end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(off, 16);
  return Buffer.concat([...local, cd, end]);
}
const makeOfd = () => makeZip({
  'OFD.xml': '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
  'Doc_0/Document.xml': '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>',
});

// A real executable of this system (ELF), to be renamed .pdf.
function elfBytes() {
  for (const p of ['/bin/true', '/usr/bin/true', '/bin/ls']) if (fs.existsSync(p)) return fs.readFileSync(p);
  return fs.readFileSync(process.execPath).subarray(0, 256 * 1024);
}

const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');


// multipart/form-data by hand: parts [{ name, filename?, type?, data }] → { body, type }.
function multipart(parts) {
  const boundary = `----yici${crypto.randomBytes(8).toString('hex')}`;
  const bufs = [];
  for (const p of parts) {
    let h = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) h += `; filename="${p.filename}"`;
    h += '\r\n';
    if (p.type) h += `Content-Type: ${p.type}\r\n`;
    bufs.push(Buffer.from(`${h}\r\n`), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data), Buffer.from('\r\n'));
  }
  bufs.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(bufs), type: `multipart/form-data; boundary=${boundary}`, boundary };
}


// Every object of a content-addressed store under dir/objects: { sha (from its name), file }.
function objects(dir) {
  const root = path.join(dir, 'objects');
  const out = [];
  if (!fs.existsSync(root)) return out;
  for (const d of fs.readdirSync(root)) {
    for (const f of fs.readdirSync(path.join(root, d))) out.push({ sha: d + f, file: path.join(root, d, f) });
  }
  return out;
}

module.exports = { objects, crc32, makePdf, makeJpeg, makePng, makeZip, makeOfd, elfBytes, sha256, multipart };
