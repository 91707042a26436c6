export function SiteFooter({ supportContact }: { supportContact: string }) {
  return (
    <footer className="mx-auto max-w-3xl px-4 py-8 text-sm text-slate-600">
      <p>Need help? Contact {supportContact}. Staff will never ask you for your PIN or passcode.</p>
    </footer>
  )
}
