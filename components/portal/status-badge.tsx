import type { TokenStatus } from '@/generated/prisma/client'

const STATUS: Record<TokenStatus, { label: string; className: string }> = {
  ACTIVE: { label: 'Active', className: 'bg-green-100 text-green-900' },
  PENDING: { label: 'Being set up', className: 'bg-slate-100 text-slate-800' },
  DISABLED: { label: 'Disabled', className: 'bg-amber-100 text-amber-900' },
  LOST: { label: 'Reported lost', className: 'bg-red-100 text-red-900' },
  REVOKED: { label: 'Revoked', className: 'bg-slate-200 text-slate-800' },
  INVENTORY: { label: 'In inventory', className: 'bg-slate-100 text-slate-800' },
  ASSIGNED: { label: 'Assigned, not yet activated', className: 'bg-sky-100 text-sky-900' },
}

export function StatusBadge({ status, locked }: { status: TokenStatus; locked: boolean }) {
  const s = locked ? { label: 'Locked', className: 'bg-red-100 text-red-900' } : STATUS[status]
  return <span className={`rounded-full px-2.5 py-0.5 text-sm font-semibold ${s.className}`}>{s.label}</span>
}
