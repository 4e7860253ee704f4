// A stand-in for the Lambda Node.js runtime, one process per function as in AWS: resolves the
// function's Handler setting in its code folder, imports the module (its cold start), and serves
// the Lambda Invoke API (POST /2015-03-31/functions/<name>/invocations) on a free local port.
// Plain JavaScript, so it runs the bundle with nothing of this repository loaded beside it.
//
// Usage: node lambda-runtime.mjs <code folder> <handler setting, e.g. index.handler>
// Prints one JSON line, {"port":…,"initMs":…}, when it is ready.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';

const [codeDirectory, handlerSetting] = process.argv.slice(2);
const dot = handlerSetting.lastIndexOf('.');
const moduleName = handlerSetting.slice(0, dot);
const exportName = handlerSetting.slice(dot + 1);
// The Node.js runtime's own order of lookup.
const file = ['.mjs', '.js', '.cjs'].map((ext) => join(codeDirectory, moduleName + ext)).find((f) => existsSync(f));
if (!file) {
  process.stderr.write(`Runtime.ImportModuleError: no ${moduleName}.mjs/.js/.cjs in ${codeDirectory}\n`);
  process.exit(1);
}

/** Like an init failure in Lambda: the error and its (source-mapped) stack, then the process ends. */
function initFailed(error) {
  process.stderr.write(`INIT_REPORT Status: error ${error?.stack ?? error}\n`);
  process.exit(1);
}

const started = performance.now();
const module = await import(pathToFileURL(file).href).catch(initFailed);
const initMs = performance.now() - started;
const handler = module[exportName];
if (typeof handler !== 'function') initFailed(new Error(`Runtime.HandlerNotFound: ${handlerSetting} is not a function`));

const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'local';
const server = createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const deadline = Date.now() + Number(process.env.FUNCTION_TIMEOUT_MS ?? 30_000);
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  try {
    const event = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
    const result = await handler(event, context);
    response.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' });
    response.end(JSON.stringify(result ?? null));
  } catch (error) {
    // What Lambda answers for an unhandled error: 200 with X-Amz-Function-Error.
    response.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' });
    response.end(
      JSON.stringify({ errorType: error?.name ?? 'Error', errorMessage: error?.message ?? String(error), trace: String(error?.stack ?? '').split('\n') }),
    );
  }
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port, initMs })}\n`);
});
