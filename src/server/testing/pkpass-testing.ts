import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JsBarcode from 'jsbarcode';
import forge from 'node-forge';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { encodePng } from './png';

/**
 * Reads a .pkpass as Wallet would: its zip entries, its manifest, its PKCS#7 signature. passkit-generator
 * stores entries uncompressed (do-not-zip); a deflated entry is reported, not silently misread.
 */
export function unzipStored(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let at = 0;
  while (at + 30 <= zip.length && zip.readUInt32LE(at) === 0x04034b50) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    if (method !== 0) throw new Error(`${name}: compressed (method ${method}); this reader takes stored entries only`);
    const start = at + 30 + nameLength + extraLength;
    files.set(name, zip.subarray(start, start + size));
    at = start + size;
  }
  if (files.size === 0) throw new Error('not a zip archive');
  return files;
}

export const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex');

/**
 * The detached signature over manifest.json, checked two ways: node-forge (the signer certificate is
 * issued by `caPem`; the signed attributes carry the manifest's digest; the RSA signature over
 * them verifies with the signer's key) and, where installed, `openssl smime -verify`.
 */
export function verifyManifestSignature(manifest: Buffer, signature: Buffer, caPem: string): { forge: true; openssl: boolean } {
  const message = forge.pkcs7.messageFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(signature.toString('binary')))) as forge.pkcs7.PkcsSignedData & {
    rawCapture: { authenticatedAttributes: forge.asn1.Asn1[]; signature: string; digestAlgorithm: string };
  };
  const ca = forge.pki.certificateFromPem(caPem);
  const signer = message.certificates.find((cert) => cert.issuer.hash === ca.subject.hash && cert.subject.hash !== ca.subject.hash);
  if (!signer) throw new Error('no signer certificate issued by the CA');
  if (!ca.verify(signer)) throw new Error('the signer certificate is not signed by the CA');
  const attributes = message.rawCapture.authenticatedAttributes;
  const digestAttribute = attributes.find((attr) => forge.asn1.derToOid((attr.value as forge.asn1.Asn1[])[0]!.value as string) === forge.pki.oids.messageDigest!);
  const digest = ((digestAttribute!.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[0]!.value as string;
  const algorithm = forge.asn1.derToOid(message.rawCapture.digestAlgorithm);
  const hash = algorithm === forge.pki.oids.sha256 ? forge.md.sha256.create() : forge.md.sha1.create();
  hash.update(manifest.toString('binary'));
  if (forge.util.bytesToHex(digest) !== hash.digest().toHex()) throw new Error('the signed digest is not the manifest’s');
  // The signature covers the attributes DER-encoded as a SET (RFC 5652 §5.4).
  const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attributes);
  const signed = algorithm === forge.pki.oids.sha256 ? forge.md.sha256.create() : forge.md.sha1.create();
  signed.update(forge.asn1.toDer(set).getBytes());
  if (!(signer.publicKey as forge.pki.rsa.PublicKey).verify(signed.digest().bytes(), message.rawCapture.signature)) throw new Error('the RSA signature does not verify');

  const openssl = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((path) => existsSync(path));
  if (!openssl) return { forge: true, openssl: false };
  const dir = mkdtempSync(join(tmpdir(), 'pkpass-'));
  try {
    writeFileSync(join(dir, 'manifest.json'), manifest);
    writeFileSync(join(dir, 'signature'), signature);
    writeFileSync(join(dir, 'ca.pem'), caPem);
    // Throws (non-zero exit) when the signature or the chain does not verify.
    execFileSync(openssl, ['smime', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'signature'), '-content', join(dir, 'manifest.json'), '-CAfile', join(dir, 'ca.pem'), '-purpose', 'any', '-out', '/dev/null'], { stdio: 'pipe' });
    return { forge: true, openssl: true };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let zxingReady = false;
/**
 * Draws `message` as CODE128 (JsBarcode's encoder, the one the shopper's card uses) into a PNG and
 * decodes it with ZXing, an independent decoder: what a register's scanner would read off the pass.
 */
export async function code128RoundTrip(message: string): Promise<string[]> {
  if (!zxingReady) {
    prepareZXingModule({ overrides: { wasmBinary: zxingWasm() } });
    zxingReady = true;
  }
  const target: { encodings?: Array<{ data: string }> } = {};
  JsBarcode(target, message, { format: 'CODE128' });
  const bars = target.encodings!.map((e) => e.data).join('');
  const module = 3;
  const quiet = 12;
  const width = (bars.length + 2 * quiet) * module;
  const png = encodePng(width, 80, (x) => {
    const i = Math.floor(x / module) - quiet;
    return i >= 0 && i < bars.length && bars[i] === '1' ? [0, 0, 0, 255] : [255, 255, 255, 255];
  });
  const results = await readBarcodes(new Blob([new Uint8Array(png)], { type: 'image/png' }), { formats: ['Code128'], tryHarder: true });
  return results.map((r) => r.text);
}

/** zxing-wasm fetches its wasm from a CDN by default; this loads the package's own copy. */
function zxingWasm(): ArrayBuffer {
  const bytes = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
