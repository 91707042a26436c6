import { renderQrSvg } from '@/lib/qr'

/** A key URI as a QR code for an authenticator app to scan: our own SVG (lib/qr), unit squares and an escaped label, nothing else. */
export function QrCode({ keyUri, title = 'QR code of your token, for your authenticator app to scan' }: { keyUri: string; title?: string }) {
  const svg = renderQrSvg({ text: keyUri, title })
  return <div className="mx-auto w-full max-w-64 rounded-lg border border-slate-200 bg-white p-2" dangerouslySetInnerHTML={{ __html: svg }} />
}
