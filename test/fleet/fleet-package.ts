// The fleet package as it ships (its built dist), for the end-to-end tests and the worker processes.
export * from '../../packages/bullmq/dist/index.js';
