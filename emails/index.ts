// The email catalogue. Only lib/mail imports this file.
import { exampleEnrollmentInvitation, renderEnrollmentInvitation, type EnrollmentInvitationProps } from './enrollment-invitation'
import { exampleEnrollmentReminder, renderEnrollmentReminder, type EnrollmentReminderProps } from './enrollment-reminder'
import { exampleEnrollmentLinkRequested, renderEnrollmentLinkRequested, type EnrollmentLinkRequestedProps } from './enrollment-link-requested'
import { exampleHardwareTokenAssigned, renderHardwareTokenAssigned, type HardwareTokenAssignedProps } from './hardware-token-assigned'
import type { Brand, RenderedEmail } from './layout'
import { examplePinChanged, renderPinChanged, type PinChangedProps } from './pin-changed'
import { examplePinExpiring, renderPinExpiring, type PinExpiringProps } from './pin-expiring'
import { examplePinResetLink, renderPinResetLink, type PinResetLinkProps } from './pin-reset-link'
import { exampleRecoveryCodesChanged, renderRecoveryCodesChanged, type RecoveryCodesChangedProps } from './recovery-codes-changed'
import { exampleSignInLink, renderSignInLink, type SignInLinkProps } from './sign-in-link'
import { exampleStaffSetup, renderStaffSetup, type StaffSetupProps } from './staff-setup'
import { exampleTokenChanged, renderTokenChanged, type TokenChangedProps } from './token-changed'
import { exampleTemporaryPasscodeCancelled, renderTemporaryPasscodeCancelled, type TemporaryPasscodeCancelledProps } from './temporary-passcode-cancelled'
import { exampleTemporaryPasscodeIssued, renderTemporaryPasscodeIssued, type TemporaryPasscodeIssuedProps } from './temporary-passcode-issued'
import { exampleTokenDormantAction, renderTokenDormantAction, type TokenDormantActionProps } from './token-dormant-action'
import { exampleTokenDormantWarning, renderTokenDormantWarning, type TokenDormantWarningProps } from './token-dormant-warning'
import { exampleTokenEnrolled, renderTokenEnrolled, type TokenEnrolledProps } from './token-enrolled'
import { exampleTokenLocked, renderTokenLocked, type TokenLockedProps } from './token-locked'
import { exampleTokenStatusChanged, renderTokenStatusChanged, type TokenStatusChangedProps } from './token-status-changed'

export type { Brand, RenderedEmail } from './layout'

export type EmailProps = {
  'enrollment-invitation': EnrollmentInvitationProps
  'enrollment-link-requested': EnrollmentLinkRequestedProps
  'enrollment-reminder': EnrollmentReminderProps
  'token-enrolled': TokenEnrolledProps
  'pin-changed': PinChangedProps
  'token-status-changed': TokenStatusChangedProps
  'temporary-passcode-issued': TemporaryPasscodeIssuedProps
  'temporary-passcode-cancelled': TemporaryPasscodeCancelledProps
  'token-locked': TokenLockedProps
  'sign-in-link': SignInLinkProps
  'pin-reset-link': PinResetLinkProps
  'token-changed': TokenChangedProps
  'recovery-codes-changed': RecoveryCodesChangedProps
  'pin-expiring': PinExpiringProps
  'staff-setup': StaffSetupProps
  'token-dormant-warning': TokenDormantWarningProps
  'token-dormant-action': TokenDormantActionProps
  'hardware-token-assigned': HardwareTokenAssignedProps
}
export type EmailTemplate = keyof EmailProps

const TEMPLATES: { [T in EmailTemplate]: { render: (brand: Brand, props: EmailProps[T]) => RenderedEmail; example: EmailProps[T] } } = {
  'enrollment-invitation': { render: renderEnrollmentInvitation, example: exampleEnrollmentInvitation },
  'enrollment-link-requested': { render: renderEnrollmentLinkRequested, example: exampleEnrollmentLinkRequested },
  'enrollment-reminder': { render: renderEnrollmentReminder, example: exampleEnrollmentReminder },
  'token-enrolled': { render: renderTokenEnrolled, example: exampleTokenEnrolled },
  'pin-changed': { render: renderPinChanged, example: examplePinChanged },
  'token-status-changed': { render: renderTokenStatusChanged, example: exampleTokenStatusChanged },
  'temporary-passcode-issued': { render: renderTemporaryPasscodeIssued, example: exampleTemporaryPasscodeIssued },
  'temporary-passcode-cancelled': { render: renderTemporaryPasscodeCancelled, example: exampleTemporaryPasscodeCancelled },
  'token-locked': { render: renderTokenLocked, example: exampleTokenLocked },
  'sign-in-link': { render: renderSignInLink, example: exampleSignInLink },
  'pin-reset-link': { render: renderPinResetLink, example: examplePinResetLink },
  'token-changed': { render: renderTokenChanged, example: exampleTokenChanged },
  'recovery-codes-changed': { render: renderRecoveryCodesChanged, example: exampleRecoveryCodesChanged },
  'pin-expiring': { render: renderPinExpiring, example: examplePinExpiring },
  'staff-setup': { render: renderStaffSetup, example: exampleStaffSetup },
  'token-dormant-warning': { render: renderTokenDormantWarning, example: exampleTokenDormantWarning },
  'token-dormant-action': { render: renderTokenDormantAction, example: exampleTokenDormantAction },
  'hardware-token-assigned': { render: renderHardwareTokenAssigned, example: exampleHardwareTokenAssigned },
}

export const EMAIL_TEMPLATES = Object.keys(TEMPLATES) as EmailTemplate[]

/** The placeholders an admin's subject or introduction may use. */
export const EMAIL_PLACEHOLDERS = ['orgName', 'supportContact', 'name'] as const

/** Fills {orgName}, {supportContact} and {name} (the recipient, where the message has one). */
export function fillPlaceholders(text: string, values: Record<(typeof EMAIL_PLACEHOLDERS)[number], string>): string {
  return text.replace(/\{(orgName|supportContact|name)\}/g, (_, key: keyof typeof values) => values[key])
}

/**
 * Renders one message: HTML and plain-text parts and the subject, with the
 * admin's subject and introduction for this template (brand.overrides) when
 * set. The sender and the admin's preview both come through here.
 */
export function renderEmail<T extends EmailTemplate>(template: T, brand: Brand, props: EmailProps[T]): RenderedEmail {
  const override = brand.overrides?.[template]
  if (!override?.subject && !override?.intro) return TEMPLATES[template].render({ ...brand, text: undefined }, props)
  const name = 'name' in props && typeof props.name === 'string' ? props.name : ''
  const values = { orgName: brand.orgName, supportContact: brand.supportContact, name }
  // A subject is one line whatever was stored.
  const subject = override.subject ? fillPlaceholders(override.subject, values).replace(/\s+/g, ' ').trim() : undefined
  const intro = override.intro ? fillPlaceholders(override.intro, values) : undefined
  return TEMPLATES[template].render({ ...brand, text: { subject, intro } }, props)
}

export function exampleProps<T extends EmailTemplate>(template: T): EmailProps[T] {
  return TEMPLATES[template].example
}
