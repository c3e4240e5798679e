import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

const WIDTH = 640;
const HEIGHT = 480;
const FRAMES = 10;

/**
 * Turns a PNG (e.g. a screenshot of the card's barcode) into a Y4M clip that Chromium plays as its
 * camera (--use-file-for-fake-video-capture): the image centred on white, in greyscale 4:2:0.
 * The browser page does the PNG decoding, so no image library is needed.
 */
export async function writeBarcodeClip(page: Page, png: Buffer, file: string): Promise<void> {
  const luma = await page.evaluate(
    async ({ dataUrl, width, height }) => {
      const image = new Image();
      image.src = dataUrl;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, width, height);
      const scale = Math.min((width * 0.9) / image.width, (height * 0.9) / image.height, 1);
      const w = Math.round(image.width * scale);
      const h = Math.round(image.height * scale);
      context.imageSmoothingEnabled = false;
      context.drawImage(image, Math.round((width - w) / 2), Math.round((height - h) / 2), w, h);
      const { data } = context.getImageData(0, 0, width, height);
      const y: number[] = new Array(width * height);
      for (let i = 0; i < width * height; i++) y[i] = Math.round(0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!);
      return y;
    },
    { dataUrl: `data:image/png;base64,${png.toString('base64')}`, width: WIDTH, height: HEIGHT },
  );
  const yPlane = Buffer.from(luma);
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), yPlane, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]));
}
