/** Seed 000's rules of use, in plain words; settings.rulesOfUse (one per line) replaces them. */
export const DEFAULT_RULES_OF_USE = [
  'Your account and token are for your use only. Never share them with anyone, for any reason.',
  'Keep your PIN in your head: do not write it down, and never tell it to anyone — including co-workers or anyone who says they are from support. If you think someone knows it, change it in “Manage my tokens” at once.',
  'Change your PIN regularly; every 90 days is a good habit.',
  'If the phone with your token is lost or stolen, report it in “Manage my tokens” or call the helpdesk straight away. If you left it at home, the helpdesk can give you a temporary passcode.',
  'Only add your token to a phone that is up to date and locked with a passcode or biometrics — never to a jailbroken or rooted one.',
  'When you change or reset your phone, set up a new token: restoring a backup does not move it safely.',
]

export function rulesOfUseFrom(settings: { rulesOfUse: string | null }): string[] {
  const custom = (settings.rulesOfUse ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  return custom.length ? custom : DEFAULT_RULES_OF_USE
}
