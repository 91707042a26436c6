import 'server-only'
import { openSecret } from '@/lib/crypto'
import { staffSecretContext } from './choose-staff-password'

/** Opens a staff member's sealed authenticator seed (base32). Throws if the row was tampered with or moved. */
export function readStaffSecret({ staff }: { staff: { id: string; totpSecretCiphertext: string; totpSecretKeyId: string } }): string {
  return openSecret({ keyId: staff.totpSecretKeyId, ciphertext: staff.totpSecretCiphertext, context: staffSecretContext(staff.id) }).toString('utf8')
}
