import { describe, expect, it } from 'vitest';
import { isConnectionLoss, isUniqueViolation } from './errors';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
/** drizzle wraps the driver's error as `cause` of its own. */
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1\nparams: '), { cause });

describe('database error classification', () => {
  it.each([
    ['terminated by an administrator (57P01)', pgError('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown (57P02)', pgError('57P02')],
    ['server starting up (57P03)', pgError('57P03')],
    ['connection failure (08006)', pgError('08006')],
    ['socket reset', pgError('ECONNRESET')],
    ['server not listening', pgError('ECONNREFUSED')],
    ['socket ended under a query', new Error('Connection terminated unexpectedly')],
    ['rollback on a dead client', new Error('Client has encountered a connection error and is not queryable')],
    ['no connection within the pool timeout', new Error('timeout exceeded when trying to connect')],
  ])('%s is a connection loss, bare or wrapped by drizzle', (_name, error) => {
    expect(isConnectionLoss(error)).toBe(true);
    expect(isConnectionLoss(wrapped(error))).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505')],
    ['a syntax error', pgError('42601')],
    ['a string that is not UTF-8 clean', pgError('22021')],
    ['an HTTP call that could not connect', Object.assign(new TypeError('fetch failed'), { cause: pgError('ECONNREFUSED') })],
    ['no error at all', undefined],
  ])('%s is not a connection loss', (_name, error) => {
    expect(isConnectionLoss(wrapped(error))).toBe(false);
  });

  it('finds a unique violation under drizzle’s wrapper, and nothing else', () => {
    expect(isUniqueViolation(wrapped(pgError('23505')))).toBe(true);
    expect(isUniqueViolation(wrapped(pgError('57P01')))).toBe(false);
  });
});
