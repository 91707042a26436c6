import jsQR from 'jsqr'
import { describe, expect, it } from 'vitest'
import { buildKeyUri, generateOtpSecret } from '@/lib/otp'
import { renderQrSvg } from './render-qr-svg'

/** Paints the SVG's unit squares into pixels and reads them back as a phone camera would. */
function decodeSvg(svg: string): string | null {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1])
  const scale = 6
  const width = size * scale
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255)
  for (const [, x, y] of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const i = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0
      }
    }
  }
  return jsQR(pixels, width, width)?.data ?? null
}

describe('renderQrSvg', () => {
  it('decodes to exactly the key URI used for the deep link', () => {
    const keyUri = buildKeyUri({ type: 'TOTP', secret: generateOtpSecret(), issuer: 'Acme & Co: VPN', accountName: 'jane.doe@acme.example' })
    const svg = renderQrSvg({ text: keyUri, title: 'QR code for your token' })
    expect(decodeSvg(svg)).toBe(keyUri)
  })

  it('escapes its title and carries no script', () => {
    const svg = renderQrSvg({ text: 'otpauth://totp/x:y?secret=AAAA', title: '"><script>alert(1)</script>' })
    expect(svg).not.toContain('<script')
    expect(svg).toContain('aria-label="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"')
  })
})
