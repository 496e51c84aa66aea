import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export interface ParsedRoute {
  readonly method: apigwv2.HttpMethod;
  readonly path: string;
}

/** `GET /api/sources/{sourceId}` → method and path, as API Gateway writes route keys. */
export function parseRoute(route: string): ParsedRoute {
  const match = /^([A-Z]+) (\/\S*)$/.exec(route.trim());
  const method = match?.[1];
  const routePath = match?.[2];
  const known = Object.values(apigwv2.HttpMethod) as string[];
  if (!method || !routePath || !known.includes(method)) {
    throw new Error(`Route '${route}' is not 'METHOD /path' with one of ${known.join(', ')}`);
  }
  return { method: method as apigwv2.HttpMethod, path: routePath };
}
