/**
 * The form two emails are compared in: trimmed and lower-cased. Mailbox names are case-sensitive in theory, but no
 * provider treats them so, and two customers told apart only by case would be a support problem, not two customers.
 */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
