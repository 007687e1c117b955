/**
 * One contender of one scenario, in its own process: its event loop and CPU carry only its own polling, so
 * contenders that run at the same time do not slow each other down. Prepares, says `ready`, runs at the
 * common start time, sends its raw results back and exits.
 */
import type { S1Config, S2Config } from '../config';
import { createContender } from '../contenders';
import { prepareS1Contender } from './s1-mix';
import { prepareS2Contender } from './s2-rate-limit';
import type { PreparedRun, WorkerCommand, WorkerMessage, WorkerTask } from './worker-protocol';

const send = (message: WorkerMessage, then?: () => void) =>
  process.send?.(message, undefined, {}, () => then?.());

const task = JSON.parse(process.argv[2] ?? '{}') as WorkerTask;
// The orchestrator is gone: stop, and the simulator process follows when its channel closes.
process.once('disconnect', () => process.exit(1));
const contender = createContender(task.contender);

try {
  const prepared: PreparedRun<unknown> =
    task.scenario === 's1'
      ? await prepareS1Contender(task.config as S1Config, contender)
      : await prepareS2Contender(task.config as S2Config, contender);
  process.once('message', (command: WorkerCommand) => {
    prepared.run(command.startedAt).then(
      (result) => send({ type: 'done', result }, () => process.exit(0)),
      (error: unknown) => send({ type: 'failed', message: String(error) }, () => process.exit(1)),
    );
  });
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'failed', message: String(error) }, () => process.exit(1));
}
