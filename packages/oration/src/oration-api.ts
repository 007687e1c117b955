import { z } from 'zod';

/**
 * A job as `GET /jobs/{id}` returns it: a bare object, no envelope. Only the fields the adapter reads are declared;
 * the others (`jobProviderId`, `name`, `workspaceId`) and any new ones pass through untouched into `raw`.
 * @see https://docs.oration.ai/api-reference/endpoint/jobs/get
 */
export const orationJobSchema = z.looseObject({
  id: z.string().min(1),
  /** `created`, `queued`, `active`, `retrying`, `success`, `failed`; a plain string so a new word is not drift. */
  status: z.string(),
  /** Documented as required ISO 8601 strings; tolerated when missing, since nothing depends on them. */
  createdAt: z.string().nullish(),
  /** The time of the last status change. */
  updatedAt: z.string().nullish(),
  /**
   * Documented as `string | null`, the reason of a failed job. An object with a code and message is read too,
   * in case the vendor moves to the shape many of its peers use.
   */
  error: z
    .union([z.string(), z.looseObject({ code: z.string().nullish(), message: z.string().nullish() })])
    .nullish(),
});

/** A job as Oration returns it. */
export type OrationJob = z.infer<typeof orationJobSchema>;

/**
 * The answer of `POST /customers/batch`: the id of the import job. The HTTP status (200 or 202) is not
 * documented; any 2xx is accepted.
 * @see https://docs.oration.ai/api-reference/endpoint/customers/post
 */
export const orationCustomerBatchResponseSchema = z.looseObject({
  jobId: z.string().min(1),
});

/** The answer of `POST /customers/batch`. */
export type OrationCustomerBatchResponse = z.infer<typeof orationCustomerBatchResponseSchema>;

const errorText = z.union([z.string(), z.number().transform(String)]).nullish();

/**
 * What an Oration error body might hold. The format is not documented, so each shape seen in similar APIs is
 * read: `{ error: string }`, `{ message }`, `{ code, message }`, `{ error: { code, message } }` and
 * `{ errors: [{ error | message }] }` (the shape of the conversation create answer's per-item errors).
 * @see https://docs.oration.ai/api-reference/endpoint/conversations/post
 */
export const orationErrorBodySchema = z.looseObject({
  code: errorText.catch(undefined),
  message: errorText.catch(undefined),
  requestId: errorText.catch(undefined),
  error: z
    .union([
      z.string(),
      z.looseObject({
        code: errorText.catch(undefined),
        message: errorText.catch(undefined),
        requestId: errorText.catch(undefined),
      }),
    ])
    .nullish()
    .catch(undefined),
  errors: z
    .array(z.looseObject({ error: errorText.catch(undefined), message: errorText.catch(undefined) }))
    .nullish()
    .catch(undefined),
});

/** An Oration error body, as far as it could be read. */
export type OrationErrorBody = z.infer<typeof orationErrorBodySchema>;
