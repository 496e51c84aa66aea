/**
 * CloudFront Function (viewer request, default behaviour only): a path without
 * a file extension is a client-side route, so it gets index.html.
 *
 * Why not custom error responses (403/404 → /index.html): those apply to the
 * whole distribution, /api/* included, and would turn the API's own 403s and
 * 404s into a 200 HTML page.
 */
export const spaRoutingCode = `
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var lastSlash = uri.lastIndexOf('/');
  if (uri.indexOf('.', lastSlash) === -1) {
    request.uri = '/index.html';
  }
  return request;
}
`;
