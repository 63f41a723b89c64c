import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * One line per request at `info`, when its answer has been sent: `reqId` (from the request's
 * logger), `method`, `url`, `statusCode` and `ms`. Fastify's own request logging writes two lines
 * a request, each through pino's request or reply serializer (headers, addresses, ports), which
 * made logging at `info` the dearest part of a cheap request. Errors are logged as before: a 5xx
 * by the error handler (errors.ts), an answer that failed while being sent here, as Fastify does.
 */
export class RequestLog extends LogController {
  /** At `debug` only: the request as pino's serializer gives it (method, url, host, address). */
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) {
      super.requestCompleted(error, request, reply);
      return;
    }
    reply.log.info(
      {
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request',
    );
  }
}
