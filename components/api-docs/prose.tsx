/** Description text from the API document: `backticked` parts (Markdown's inline code, as OpenAPI tools read it) shown as code. */
export function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="font-mono">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  )
}
