import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaCompiler,
} from 'fastify';
import fp from 'fastify-plugin';
import type { z } from 'zod';
import { httpStatusOf, problem, ProblemError, problemsFromZod, type Problem } from '@sandogh/core';

/**
 * One error shape for every answer (DESIGN §9, law 8): the body is a Problem; when there are
 * several, the first names the failure and `details.problems` lists every one. Bad input is
 * never a 500: each framework error that input can cause is mapped to a catalogued code.
 */
export function problemBody(problems: readonly Problem[]): Problem {
  const [first] = problems;
  if (first === undefined) return problem('INPUT_INVALID', { reason: 'unknown' });
  if (problems.length === 1) return first;
  return problem('INPUT_INVALID', { reason: `${problems.length} problems`, problems }, undefined);
}

export function sendProblems(reply: FastifyReply, problems: readonly Problem[]): FastifyReply {
  const body = problemBody(problems);
  const status = Math.max(...problems.map((p) => httpStatusOf(p.code)));
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** Validates every route's params, query and body with its zod schema, problems with paths. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data: unknown) => {
    const parsed = schema.safeParse(data, { reportInput: true });
    if (parsed.success) return { value: parsed.data };
    return {
      error: new ProblemError(
        problemsFromZod(parsed.error, httpPart === undefined ? [] : [httpPart]),
      ),
    };
  };

/** Connection-level failures of either engine: the store, not the request, is at fault. */
const STORE_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  'SQLITE_BUSY',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
]);

function storeUnreachable(error: FastifyError): boolean {
  return (
    STORE_DOWN.has(error.code) || /Connection terminated|connection timeout/i.test(error.message)
  );
}

export function problemsOfFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
): Problem[] | undefined {
  if (error instanceof ProblemError) return [...error.problems];
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [problem('INPUT_TOO_LARGE', { limit: request.routeOptions.bodyLimit })];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [
        problem('INPUT_UNSUPPORTED_MEDIA', { contentType: request.headers['content-type'] ?? '' }),
      ];
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return [problem('INPUT_REQUIRED', undefined, ['body'])];
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return [problem('INPUT_MALFORMED_JSON')];
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return [problem('HTTP_URI_TOO_LONG')];
    case 'FST_ERR_BAD_URL':
      return [problem('INPUT_BAD_FORMAT', { format: 'URL' })];
    case 'FST_ERR_VALIDATION':
      return [problem('INPUT_INVALID', { reason: error.message })];
  }
  if (storeUnreachable(error)) return [problem('STORE_UNAVAILABLE')];
  // Node's JSON.parse errors surface as SyntaxError with a 400 status from the content parser.
  if (error instanceof SyntaxError && error.statusCode === 400)
    return [problem('INPUT_MALFORMED_JSON')];
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return [problem('INPUT_INVALID', { reason: error.code })];
  }
  return undefined;
}

/**
 * Errors the router raises before any route or hook runs (an over-long path parameter, a
 * malformed URL): Fastify hands them to `frameworkErrors`, not to the error handler.
 */
export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  void sendProblems(
    reply,
    problemsOfFrameworkError(error, request) ?? [problem('INPUT_INVALID', { reason: error.code })],
  );
}

async function problemsPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problems = problemsOfFrameworkError(error, request);
    if (problems !== undefined) {
      request.log.info({ codes: problems.map((p) => p.code) }, 'request refused');
      return sendProblems(reply, problems);
    }
    request.log.error({ err: error }, 'internal error');
    return sendProblems(reply, [problem('INTERNAL', { requestId: request.id })]);
  });
  app.setNotFoundHandler((_request, reply) => sendProblems(reply, [problem('HTTP_NOT_FOUND')]));
  await Promise.resolve();
}

export const problems = fp(problemsPlugin, { name: 'sandogh-problems' });
