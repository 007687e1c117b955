import { z } from 'zod';

/**
 * The answer to every `POST /linkedin-agent/<endpoint>` create: `{ success, api_agent_task_id, message }`.
 * Only the task id is read; `success` and `message` stay in `raw`.
 * @see https://docs.outx.ai/linkedin-api/fetch-profile
 */
export const outxCreateTaskResponseSchema = z.looseObject({
  api_agent_task_id: z.string().min(1),
});
export type OutxCreateTaskResponse = z.infer<typeof outxCreateTaskResponseSchema>;

/**
 * The task's original input as OutX echoes it, plus a `task_type` discriminator. Only `agent_profile_fetch` and
 * `agent_send_message` are documented; the other fields are the request body's (`profile_slug`, `recipient_urn` …).
 * @see https://docs.outx.ai/linkedin-api/get-task-status
 */
export const outxTaskInputSchema = z.looseObject({
  task_type: z.string().nullish(),
});
export type OutxTaskInput = z.infer<typeof outxTaskInputSchema>;

/**
 * One task. `status` is a plain string so that a new vendor word does not fail validation. `task_output` is
 * `null` while pending and an object whose shape depends on `task_type` once completed; it is not constrained
 * further because the shapes of most task types are undocumented.
 * @see https://docs.outx.ai/linkedin-api/get-task-status
 */
export const outxTaskSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  task_input: outxTaskInputSchema.nullish(),
  task_output: z.unknown().optional(),
});
export type OutxTask = z.infer<typeof outxTaskSchema>;

/**
 * The answer to `GET /linkedin-agent/get-task-status?api_agent_task_id=<id>`: `{ success, data: task }`.
 * @see https://docs.outx.ai/linkedin-api/get-task-status
 */
export const outxTaskStatusResponseSchema = z.looseObject({
  data: outxTaskSchema,
});
export type OutxTaskStatusResponse = z.infer<typeof outxTaskStatusResponseSchema>;
