import { type AsyncJobError, asyncJobError } from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';

/**
 * One customer of a batch import.
 * @see https://docs.oration.ai/api-reference/endpoint/customers/post
 */
export interface OrationCustomer {
  /** Your unique id for the customer; `strategy: 'upsert'` merges on it. */
  readonly identifier: string;
  /** Full name. */
  readonly name?: string;
  /** E.164, e.g. `+12345678901`. */
  readonly phoneNumber?: string;
  readonly email?: string;
  /** Free-form data stored with the customer. */
  readonly metadata?: Readonly<Record<string, unknown>> | string | number | boolean | null;
  /** Calling order in campaigns, ascending: lower runs first and 0 is the highest. Oration's default is 5. */
  readonly priority?: number;
  /** Whether the customer must not be called; only in the vendor's request example. */
  readonly isDoNotDisturbEnabled?: boolean;
  /** Where the record came from, e.g. `{ method: 'api' }`; only in the vendor's request example. */
  readonly source?: Readonly<Record<string, unknown>>;
}

/**
 * The input of `createCustomerBatch` (operation `customers-batch`).
 * @see https://docs.oration.ai/api-reference/endpoint/customers/post
 */
export interface OrationCustomerBatchInput {
  /** At least one customer. */
  readonly customers: readonly OrationCustomer[];
  /**
   * `insert` adds new records; `upsert` merges existing ones by identifier or contact fields, which also makes
   * sending the same batch again harmless (Oration takes no idempotency key). Oration's default is `insert`.
   */
  readonly strategy?: 'insert' | 'upsert';
  /** Insert the valid rows even when others fail. Only valid with `strategy: 'insert'` (the default). */
  readonly partial?: boolean;
}

/** The request body of `POST /customers/batch`; the vendor's field names are already camelCase. */
export interface OrationCustomerBatchBody {
  readonly customers: OrationCustomer[];
  readonly strategy?: 'insert' | 'upsert';
  readonly partial?: boolean;
}

// E.164: a plus, a non-zero country code digit, at most 15 digits in all.
const E164_PATTERN = /^\+[1-9]\d{1,14}$/;
const objectValue = z.record(z.string(), z.unknown());

const orationCustomerSchema = z.strictObject({
  identifier: z.string({ error: 'is required' }).regex(/\S/, 'must not be blank'),
  name: z.string().optional(),
  phoneNumber: z
    .string()
    .regex(E164_PATTERN, 'must be an E.164 phone number such as +12345678901')
    .optional(),
  email: z.string().optional(),
  metadata: z.union([objectValue, z.string(), z.number(), z.boolean(), z.null()]).optional(),
  priority: z.number().int('must be an integer').min(0, 'must be 0 or more').optional(),
  isDoNotDisturbEnabled: z.boolean().optional(),
  source: objectValue.optional(),
});

/** The zod schema of the `customers-batch` input; rejects unknown keys so a typo is not dropped silently. */
export const orationCustomerBatchInputSchema = z
  .strictObject({
    customers: z
      .array(orationCustomerSchema, { error: 'must be an array of customers' })
      .min(1, 'must hold at least one customer'),
    strategy: z.enum(['insert', 'upsert']).optional(),
    partial: z.boolean().optional(),
  })
  .refine((input) => !(input.partial === true && input.strategy === 'upsert'), {
    message: 'is only valid with strategy "insert"',
    path: ['partial'],
  });

/** Validates a caller's input and builds the request body; the error names the first bad field. */
export function convertToOrationCustomerBatchBody(
  input: unknown,
): Result<OrationCustomerBatchBody, AsyncJobError> {
  const parsed = orationCustomerBatchInputSchema.safeParse(input);
  if (!parsed.success) return err(invalidInputError('customers-batch', parsed.error));
  const { customers, strategy, partial } = parsed.data;
  return ok({
    customers: customers.map((customer) => withoutUndefined(customer) as OrationCustomer),
    ...(strategy !== undefined ? { strategy } : {}),
    ...(partial !== undefined ? { partial } : {}),
  });
}

function invalidInputError(operation: string, error: z.ZodError): AsyncJobError {
  const issue = error.issues[0];
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = [...(issue?.path ?? []), ...(unknownKey !== undefined ? [unknownKey] : [])];
  const field = path.map(String).join('.') || 'input';
  const problem = unknownKey !== undefined ? 'is not a known field' : (issue?.message ?? 'is invalid');
  return asyncJobError('invalid_request', `Invalid ${operation} input: ${field} ${problem}.`, {
    provider: 'oration',
    field,
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
