import QRCode from 'qrcode'

/**
 * A QR code as a small SVG, drawn on the server: crisp at any size, no
 * client JavaScript. One path of unit squares over the module grid, with
 * the four-module quiet zone scanners need. Error correction M: a phone
 * camera reads it easily off a screen.
 */
export function renderQrSvg({ text, title }: { text: string; title: string }): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const size = qr.modules.size
  const quiet = 4
  const full = size + quiet * 2
  let path = ''
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (qr.modules.get(y, x)) path += `M${x + quiet} ${y + quiet}h1v1h-1z`
    }
  }
  const escaped = title.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c)
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges" role="img" aria-label="${escaped}">` +
    `<rect width="${full}" height="${full}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  )
}
