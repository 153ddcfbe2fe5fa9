import { bodyLimit } from 'hono/body-limit';
import { ProblemError } from './problem';

/**
 * Refuses a body larger than `maxSize` bytes with a 413, whether or not it declares its length
 * (a body without `Content-Length` is counted as it is read).
 */
export function limitBody(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ProblemError('payload-too-large', `The body is larger than ${maxSize} bytes; send less.`);
    },
  });
}
