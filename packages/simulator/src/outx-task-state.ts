import type { PlannedOutcome } from './job-plan';
import type { JobTruth } from './job-truth';
import { type ExtensionState, extensionCompletionTime } from './outx-extension';
import type { OutxTaskType } from './outx-validate';

/** A simulated OutX task. */
export interface OutxTask {
  readonly id: string;
  readonly apiKey: string;
  readonly taskType: OutxTaskType;
  /** The documented `task_input`: the request fields plus `task_type`. */
  readonly taskInput: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  /** Running-extension time the task needs (pickup plus execution). */
  readonly workMs: number;
  /** `failed` completes with a negative `task_output` (e.g. `sent: false`). */
  readonly outcome: PlannedOutcome;
  readonly output: Readonly<Record<string, unknown>>;
}

/** `data` of `GET /get-task-status` (https://docs.outx.ai/linkedin-api/get-task-status). */
export interface OutxTaskData {
  readonly id: string;
  readonly status: 'pending' | 'completed';
  readonly task_input: Readonly<Record<string, unknown>>;
  readonly task_output: Readonly<Record<string, unknown>> | null;
}

/** When the task completes given the team's extension, or null while it cannot. */
export function outxCompletionTime(task: OutxTask, extension: ExtensionState): number | null {
  return extensionCompletionTime(extension, task.createdAt, task.workMs);
}

/** The task at `nowMs`: `pending` until the extension has worked on it long enough, then `completed`. */
export function outxTaskData(task: OutxTask, extension: ExtensionState, nowMs: number): OutxTaskData {
  const completedAt = outxCompletionTime(task, extension);
  const completed = completedAt !== null && completedAt <= nowMs;
  return {
    id: task.id,
    status: completed ? 'completed' : 'pending',
    task_input: task.taskInput,
    task_output: completed ? task.output : null,
  };
}

/** The truth about an OutX task at `nowMs`. */
export function outxTaskTruth(task: OutxTask, extension: ExtensionState, nowMs: number): JobTruth {
  const completedAt = outxCompletionTime(task, extension);
  const finished = completedAt !== null && completedAt <= nowMs;
  return {
    vendor: 'outx',
    id: task.id,
    apiKey: task.apiKey,
    tenant: task.apiKey,
    status: finished ? 'completed' : 'pending',
    terminal: finished,
    outcome: finished ? task.outcome : null,
    plannedOutcome: task.outcome,
    createdAtMs: task.createdAt,
    finishedAtMs: finished ? completedAt : null,
    expectedFinishAtMs: completedAt,
  };
}
