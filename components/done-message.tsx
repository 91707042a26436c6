/** "It worked": the message for a `?done=` a page was sent back with, announced politely; nothing for an unknown one. */
export function DoneMessage({ messages, done }: { messages: Record<string, string>; done: string | undefined }) {
  const message = done ? messages[done] : undefined
  if (!message) return null
  return (
    <p role="status" className="mt-3 rounded-lg border border-green-300 bg-green-50 p-3 text-green-900">
      {message}
    </p>
  )
}
