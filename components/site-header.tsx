import Link from 'next/link'

export function SiteHeader({ orgName, logoUrl }: { orgName: string; logoUrl: string | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-10 focus:rounded focus:bg-white focus:px-4 focus:py-2"
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-3xl items-center gap-3 px-4 py-4">
        <Link href="/" className="flex min-h-11 items-center gap-3 font-semibold text-slate-900">
          {/* eslint-disable-next-line @next/next/no-img-element -- an admin-set logo of unknown size */}
          <img src={logoUrl ?? '/logo.svg'} alt="" width={32} height={32} className="h-8 w-8" />
          <span>{orgName}</span>
        </Link>
      </div>
    </header>
  )
}
