export { createWorkerPool, inlineWorkers, retryAfterSeconds, type Workers, type WorkerPoolOptions } from './pool';
