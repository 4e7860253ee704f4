// CloudFront Function (cloudfront-js-2.0) on the web app's behaviour, at viewer request. The app is
// served under /app/ (web/vite.config.ts) and routes itself: a screen's address (/app/people/…)
// gets index.html, while a file's address (/app/assets/x.js, /app/config.json) is looked up as it
// is, so a missing file stays a 404 instead of becoming the app. Nothing outside /app/ is rewritten.
// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls handler by name
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '/app') {
    return { statusCode: 308, statusDescription: 'Permanent Redirect', headers: { location: { value: '/app/' } } };
  }
  if (uri.indexOf('/app/') !== 0) return request;
  var path = uri.slice('/app/'.length);
  var last = path.split('/').pop();
  if (path.indexOf('assets/') !== 0 && !/\.[A-Za-z0-9]+$/.test(last)) request.uri = '/app/index.html';
  return request;
}
