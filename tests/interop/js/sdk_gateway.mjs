// The AWS SDK for JavaScript v3 through the nginx gateway of //tests/gateway:nginx_test:
// one valid call (the gateway forwards it; the upstream answers with the example
// response) and one invalid call (the gateway rejects it). The SDK validates nothing
// client-side, so the invalid value reaches the wire. Prints one JSON object per call:
//   {"call":"valid","ok":true,"serviceArn":...,"status":200}
//   {"call":"invalid","ok":false,"name":...,"message":...,"status":...,"fault":...}
//
// usage: node sdk_gateway.mjs ENDPOINT VALID_SERVICE_ARN INVALID_SERVICE_ARN
import { AppRunnerClient, PauseServiceCommand } from "@aws-sdk/client-apprunner";

const [endpoint, validArn, invalidArn] = process.argv.slice(2);
if (!invalidArn) {
  console.error("usage: node sdk_gateway.mjs ENDPOINT VALID_SERVICE_ARN INVALID_SERVICE_ARN");
  process.exit(2);
}

const client = new AppRunnerClient({
  region: "us-east-1",
  endpoint,
  maxAttempts: 1,
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
});

async function call(name, serviceArn) {
  try {
    const out = await client.send(new PauseServiceCommand({ ServiceArn: serviceArn }));
    return { call: name, ok: true, serviceArn: out.Service?.ServiceArn ?? null,
             status: out.$metadata.httpStatusCode };
  } catch (e) {
    return { call: name, ok: false, name: e.name, message: e.message,
             status: e.$metadata?.httpStatusCode ?? null, fault: e.$fault ?? null };
  }
}

for (const [name, arn] of [["valid", validArn], ["invalid", invalidArn]]) {
  console.log(JSON.stringify(await call(name, arn)));
}
