import type { EngineDeps } from '@huiyin/engine';
import type { FastifyRequest } from 'fastify';

/** The engine's ports for one request: what a use case leaves to the reconciler is logged with the request's id. */
export function forRequest<D extends EngineDeps>(deps: D, request: FastifyRequest): D {
  return { ...deps, log: request.log };
}
