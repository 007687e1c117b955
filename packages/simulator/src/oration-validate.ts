import type { Validation } from './revor-validate';

/** A validated `POST /customers/batch` body (https://docs.oration.ai/api-reference/endpoint/customers/post). */
export interface OrationBatchRequest {
  readonly customers: readonly Readonly<Record<string, unknown>>[];
  readonly strategy: 'insert' | 'upsert';
  readonly partial: boolean;
}

/** Larger batches are refused; the vendor documents no limit. */
export const MAX_BATCH_SIZE = 10_000;

const STRING_FIELDS = ['name', 'phoneNumber', 'email'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): Validation<OrationBatchRequest> {
  return { ok: false, message };
}

function customerProblem(customer: unknown, index: number): string | undefined {
  if (!isRecord(customer)) return `customers[${index}] must be an object`;
  if (typeof customer.identifier !== 'string' || customer.identifier.trim() === '') {
    return `customers[${index}].identifier is required`;
  }
  for (const field of STRING_FIELDS) {
    if (customer[field] !== undefined && customer[field] !== null && typeof customer[field] !== 'string') {
      return `customers[${index}].${field} must be a string`;
    }
  }
  if (customer.priority !== undefined && !Number.isInteger(customer.priority)) {
    return `customers[${index}].priority must be an integer`;
  }
  if (customer.isDoNotDisturbEnabled !== undefined && typeof customer.isDoNotDisturbEnabled !== 'boolean') {
    return `customers[${index}].isDoNotDisturbEnabled must be a boolean`;
  }
  return undefined;
}

/** Checks the request shape; content problems (a bad phone number) fail the job later instead. */
export function validateCustomerBatch(body: unknown): Validation<OrationBatchRequest> {
  if (!isRecord(body)) return invalid('Request body must be a JSON object');
  if (!Array.isArray(body.customers) || body.customers.length === 0) {
    return invalid('customers must be a non-empty array');
  }
  if (body.customers.length > MAX_BATCH_SIZE)
    return invalid(`customers must hold at most ${MAX_BATCH_SIZE} items`);
  const strategy = body.strategy ?? 'insert';
  if (strategy !== 'insert' && strategy !== 'upsert') return invalid('strategy must be "insert" or "upsert"');
  if (body.partial !== undefined && typeof body.partial !== 'boolean')
    return invalid('partial must be a boolean');
  if (body.partial === true && strategy !== 'insert')
    return invalid('partial is only valid with strategy "insert"');
  for (const [index, customer] of body.customers.entries()) {
    const problem = customerProblem(customer, index);
    if (problem) return invalid(problem);
  }
  return {
    ok: true,
    value: {
      customers: body.customers as Record<string, unknown>[],
      strategy,
      partial: body.partial === true,
    },
  };
}

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The rows an import would reject: a phone number not in E.164, a malformed email, or (with `insert`) an identifier
 * the workspace already has or that repeats within the batch.
 */
export function findRowProblems(request: OrationBatchRequest, existing: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, customer] of request.customers.entries()) {
    const identifier = String(customer.identifier);
    const label = `Row ${index + 1} (${identifier})`;
    if (typeof customer.phoneNumber === 'string' && !E164.test(customer.phoneNumber)) {
      problems.push(`${label}: phoneNumber must be in E.164 format`);
    }
    if (typeof customer.email === 'string' && !EMAIL.test(customer.email))
      problems.push(`${label}: invalid email`);
    if (request.strategy === 'insert' && (existing.has(identifier) || seen.has(identifier))) {
      problems.push(`${label}: a customer with this identifier already exists`);
    }
    seen.add(identifier);
  }
  return problems;
}
