// The fleet package, from its sources: the test package does not depend on it, so nothing builds it first.
export * from '../../packages/bullmq/src/index';
