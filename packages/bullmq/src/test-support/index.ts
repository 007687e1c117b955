// Shipped as @asyncjob/bullmq/test: a real redis-server for tests of code built on the fleet.
export { freePort, startTestRedis, type TestRedis } from './redis-server';
