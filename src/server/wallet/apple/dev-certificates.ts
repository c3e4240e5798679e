import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';

/** The stand-ins development and tests sign with: a local CA in Apple's WWDR role, a pass signer, an APNs key. */
export type DevelopmentCredentials = {
  passTypeId: string;
  teamId: string;
  /** The local CA's certificate: the "WWDR" a pass carries, and what tests verify signatures against. */
  caCert: string;
  signerCert: string;
  signerKey: string;
  apns: { keyId: string; key: string };
};

export const DEV_PASS_TYPE_ID = 'pass.dev.membercard';
export const DEV_TEAM_ID = 'DEVTEAM001';
export const DEV_APNS_KEY_ID = 'DEVAPNSKEY';

/**
 * A CA certificate and a pass-signing certificate it issues, shaped like Apple's (the signer's
 * UID is the pass type id, its OU the team id). Keys come from node:crypto (native, fast); node-forge
 * builds and signs the certificates.
 */
export function createDevelopmentCredentials(now: Date = new Date()): DevelopmentCredentials {
  const rsa = () =>
    generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
  const ca = rsa();
  const signer = rsa();
  const caKey = forge.pki.privateKeyFromPem(ca.privateKey);
  const caSubject = [
    { name: 'commonName', value: 'Member Card Development WWDR CA (not Apple)' },
    { name: 'organizationName', value: 'Member Card development' },
  ];
  const caCert = certificate({ publicKeyPem: ca.publicKey, subject: caSubject, issuer: caSubject, signingKey: caKey, now, ca: true });
  const signerCert = certificate({
    publicKeyPem: signer.publicKey,
    subject: [
      { name: 'commonName', value: `Pass Type ID: ${DEV_PASS_TYPE_ID}` },
      { type: '0.9.2342.19200300.100.1.1', value: DEV_PASS_TYPE_ID },
      { name: 'organizationalUnitName', value: DEV_TEAM_ID },
      { name: 'organizationName', value: 'Member Card development' },
    ],
    issuer: caSubject,
    signingKey: caKey,
    now,
    ca: false,
  });
  const apns = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  return {
    passTypeId: DEV_PASS_TYPE_ID,
    teamId: DEV_TEAM_ID,
    caCert: forge.pki.certificateToPem(caCert),
    signerCert: forge.pki.certificateToPem(signerCert),
    signerKey: signer.privateKey,
    apns: { keyId: DEV_APNS_KEY_ID, key: apns.privateKey },
  };
}

function certificate(input: {
  publicKeyPem: string;
  subject: forge.pki.CertificateField[];
  issuer: forge.pki.CertificateField[];
  signingKey: forge.pki.rsa.PrivateKey;
  now: Date;
  ca: boolean;
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(input.publicKeyPem);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(input.now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(input.now.getTime() + 5 * 365 * 24 * 3600_000);
  cert.setSubject(input.subject);
  cert.setIssuer(input.issuer);
  cert.setExtensions(
    input.ca
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, critical: true },
        ],
  );
  cert.sign(input.signingKey, forge.md.sha256.create());
  return cert;
}

const CREDENTIALS_FILE = 'credentials.json';

/**
 * Development's credentials, made on the first start and kept in `dir` (under .data/), so passes
 * already added to a simulator keep verifying after a restart. Created with link(2), which fails
 * when the file exists: a BFF and a job runner starting together end with the same set. The mock
 * APNs reads the APNs key from the same file to check the BFF's tokens.
 */
export async function loadDevelopmentCredentials(dir: string): Promise<DevelopmentCredentials> {
  const file = developmentCredentialsFile(dir);
  if (!existsSync(file)) {
    await mkdir(dir, { recursive: true });
    const draft = join(dir, `${CREDENTIALS_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
    await writeFile(draft, JSON.stringify(createDevelopmentCredentials(), null, 2), { mode: 0o600 });
    await link(draft, file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    await unlink(draft);
  }
  return JSON.parse(await readFile(file, 'utf8')) as DevelopmentCredentials;
}

export const developmentCredentialsFile = (dir: string) => join(dir, CREDENTIALS_FILE);
