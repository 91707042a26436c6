// WCAG 2.x contrast: https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio

const HEX_COLOUR = /^#[0-9a-f]{6}$/i

/** Relative luminance of a #rrggbb colour (WCAG's sRGB formula). */
export function relativeLuminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/** Contrast ratio between two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/** WCAG AA for normal text: white button text and links on white need this much. */
export const MIN_BRAND_CONTRAST = 4.5

/**
 * A brand colour as stored (#rrggbb, lower case), or why not. The colour is
 * the background of white button text and the colour of links on white, so
 * it must contrast with white at AA. The ratio is floored to one decimal in
 * the message so a refused colour never reads "4.5:1".
 */
export function checkBrandColour(input: string): { ok: true; colour: string; ratio: number } | { ok: false; message: string } {
  const colour = input.trim().toLowerCase()
  if (!HEX_COLOUR.test(colour)) return { ok: false, message: 'Enter the colour as # and six hexadecimal digits, for example #1d4ed8.' }
  const ratio = contrastRatio(colour, '#ffffff')
  if (ratio < MIN_BRAND_CONTRAST) {
    const shown = Math.floor(ratio * 10) / 10
    return { ok: false, message: `${colour} has a contrast of ${shown.toFixed(1)}:1 against white; choose a darker colour (at least ${MIN_BRAND_CONTRAST}:1).` }
  }
  return { ok: true, colour, ratio }
}
