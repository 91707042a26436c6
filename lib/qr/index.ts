export { renderQrSvg } from './render-qr-svg'
