import type { StoreLink } from '@/lib/policy'

const linkClass =
  'flex min-h-11 flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded-lg border border-slate-300 bg-white px-4 py-3 font-semibold text-slate-900 hover:bg-slate-50'

/** Store links as large tap targets; they open the store, never a download from us. */
export function StoreLinks({ links, storeName }: { links: StoreLink[]; storeName: (link: StoreLink) => string }) {
  return (
    <ul className="mt-3 space-y-2">
      {links.map((link) => (
        <li key={`${link.app}-${link.platform}`}>
          <a href={link.url} className={linkClass} rel="noopener noreferrer" target="_blank">
            <span>
              {link.app}
              {link.note ? <span className="block text-sm font-normal text-slate-600">{link.note}</span> : null}
            </span>
            <span className="text-sm font-normal text-brand">
              {storeName(link)}
              <span className="sr-only"> (opens in a new tab)</span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  )
}
