/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Metadata (the page <title>) in the <head> of the first bytes for every
  // visitor, not streamed in later as Next.js does for browsers by default:
  // screen readers announce the title on arrival, pages without JavaScript
  // have it at once, and the e2e axe scan never sees a page without one.
  htmlLimitedBots: /./,
  reactStrictMode: true,
  // Native and Node-only packages stay outside the server bundle.
  experimental: {
    // User import (/admin/users/import) posts a CSV of up to 20 MB to its
    // server action, which refuses anything larger with a clear message.
    // The proxy holds every other form post to 1 MB (lib/http/form-post-limit).
    serverActions: { bodySizeLimit: '21mb' },
    proxyClientMaxBodySize: '21mb',
  },
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg'],
}

module.exports = nextConfig
