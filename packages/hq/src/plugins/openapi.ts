import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * The OpenAPI document is generated from the same zod schemas that validate each route, so the
 * documentation cannot drift from what the server accepts. Served at /docs (UI) and
 * /docs/json; the UI's assets ship inside the package (no network at run time).
 */
async function openapiPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Sandogh HQ API',
        description:
          'The county election headquarters: election definition, geography, and (as they land) poll book, ballots, results, incidents and logistics. Every error has the shape { code, message: { fa, en }, path?, details? }.',
        version: '0.1.0',
      },
      tags: [
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'setup', description: 'Election definition and geography' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}

export const openapi = fp(openapiPlugin, { name: 'sandogh-openapi' });
