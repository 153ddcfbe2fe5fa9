import { IdSchema } from '@pokmas/matcher';
import { z } from 'zod';

export const ROLES = ['admin', 'bapas-admin', 'counsellor', 'partner', 'planner'] as const;
export type Role = (typeof ROLES)[number];

/** The scope each role carries: one Bapas, one partner, or none (nationwide). */
export const ROLE_SCOPES = {
  admin: 'none',
  'bapas-admin': 'bapas',
  counsellor: 'bapas',
  partner: 'partner',
  planner: 'none',
} as const satisfies Record<Role, 'none' | 'bapas' | 'partner'>;

export const MIN_PASSWORD_LENGTH = 12;
/** scrypt reads every byte: a bound keeps a huge "password" from costing a request's worth of CPU. */
export const MAX_PASSWORD_LENGTH = 1024;

export const LoginSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._@-]{1,63}$/, 'use 2 to 64 lower-case letters, digits and . _ @ -, starting with a letter or digit');

export const PasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `a password has at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `a password has at most ${MAX_PASSWORD_LENGTH} characters`);

export const NewAccountSchema = z
  .object({
    login: LoginSchema,
    role: z.enum(ROLES, { error: `a role is one of ${ROLES.join(', ')}` }),
    bapasId: IdSchema.optional(),
    partnerId: IdSchema.optional(),
    password: PasswordSchema.optional(),
  })
  .strict()
  .superRefine((account, context) => {
    const scope = ROLE_SCOPES[account.role];
    const need = (field: 'bapasId' | 'partnerId', wanted: boolean, message: string) => {
      if ((account[field] !== undefined) !== wanted) context.addIssue({ code: 'custom', path: [field], message });
    };
    need(
      'bapasId',
      scope === 'bapas',
      scope === 'bapas' ? `a ${account.role} account needs the Bapas it works for` : `a ${account.role} account has no Bapas`,
    );
    need(
      'partnerId',
      scope === 'partner',
      scope === 'partner' ? 'a partner account needs the partner it speaks for' : `a ${account.role} account has no partner`,
    );
  });
