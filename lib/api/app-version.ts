import packageJson from '@/package.json'

/** The portal's version, from package.json: what `npm ci` installed is what runs. */
export const APP_VERSION: string = packageJson.version
