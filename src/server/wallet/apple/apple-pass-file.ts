import { readFileSync } from 'node:fs';
import { PKPass } from 'passkit-generator';
import type { ProgramConfig } from '../../loyalty/program-config';
import { applePassJson, applePassStrings, type PassCard, type PassIdentity } from './apple-pass';
import type { AppleWallet } from './apple-wallet-setup';

export const PKPASS_MEDIA_TYPE = 'application/vnd.apple.pkpass';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url));
/** Stand-in artwork (Wallet needs PNGs; the programme's logo may be SVG): a card mark in the default brand's colours. */
const ARTWORK = Object.fromEntries(['icon.png', 'icon@2x.png', 'icon@3x.png', 'logo.png', 'logo@2x.png', 'logo@3x.png'].map((name) => [name, asset(name)]));

/** The programme's logo when it is a PNG data URI (Wallet takes PNG only); otherwise the stand-in. */
function logoImages(program: ProgramConfig): Record<string, Buffer> {
  const src = program.brand.logo?.src ?? '';
  const png = /^data:image\/png;base64,(.+)$/.exec(src);
  if (!png) return {};
  const logo = Buffer.from(png[1]!, 'base64');
  return { 'logo.png': logo, 'logo@2x.png': logo, 'logo@3x.png': logo };
}

/** A signed .pkpass (a zip: pass.json, images, strings, manifest.json, signature). */
export function buildPassFile(program: ProgramConfig, wallet: AppleWallet, identity: Omit<PassIdentity, 'passTypeId' | 'teamId' | 'webServiceUrl'>, card: PassCard | null): Buffer {
  const json = applePassJson(program, { ...identity, passTypeId: wallet.passTypeId, teamId: wallet.teamId, webServiceUrl: wallet.webServiceUrl }, card);
  const pass = new PKPass({ ...ARTWORK, ...logoImages(program), 'pass.json': Buffer.from(JSON.stringify(json)) }, wallet.certificates);
  const strings = applePassStrings(program);
  pass.localize('ja', strings.ja);
  pass.localize('en', strings.en);
  return pass.getAsBuffer();
}
