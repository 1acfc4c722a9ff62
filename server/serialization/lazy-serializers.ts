import SerializerSelector from '@fastify/fast-json-stringify-compiler';

type SerializerFactory = ReturnType<typeof SerializerSelector>;
type RouteSerializerCompiler = ReturnType<SerializerFactory>;

/**
 * Fastify's own response serializers (fast-json-stringify), compiled on a route's first answer instead of
 * at start-up. A back office has hundreds of routes whose schemas all reference every entity's shared
 * schema: compiling them eagerly cost ~17 s of CPU per start with the demo's 46 entities (most of it
 * re-resolving the shared schemas per route), while a running server only ever answers on a fraction of
 * them. The serializer built is exactly the default one.
 */
export function lazySerializerFactory(): SerializerFactory {
  const factory = SerializerSelector();
  return ((externalSchemas: unknown, options: unknown) => {
    const compile = (factory as (...args: unknown[]) => RouteSerializerCompiler)(externalSchemas, options);
    return (route: Parameters<RouteSerializerCompiler>[0]) => {
      let serialize: ((data: unknown) => string) | null = null;
      return (data: unknown) => {
        serialize ??= compile(route) as (data: unknown) => string;
        return serialize(data);
      };
    };
  }) as unknown as SerializerFactory;
}
