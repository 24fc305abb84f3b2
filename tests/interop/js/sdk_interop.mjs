// Offline interop test: the AWS SDK for JavaScript v3 (@aws-sdk/client-apprunner,
// version pinned in package.json / package-lock.json) must read the bytes pausesvc
// produces exactly as it reads AWS's own, and pausesvc must read the bytes the SDK sends.
// No network: the client's requestHandler answers every request itself.
//
// usage: node sdk_interop.mjs PAUSESVC RESPONSE_JSON
//   PAUSESVC       the //tools:pausesvc binary
//   RESPONSE_JSON  examples/pause-service-response.json (every member populated)
//
// Prints "N checks passed" and exits 0 only when every check passed and exactly
// EXPECTED_CHECKS of them ran.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { isDeepStrictEqual, inspect } from "node:util";

import {
  AppRunnerClient,
  AppRunnerServiceException,
  InternalServiceErrorException,
  InvalidRequestException,
  InvalidStateException,
  PauseServiceCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-apprunner";
import { HttpResponse } from "@smithy/protocol-http";

const EXPECTED_CHECKS = 226;  // 30 response + 56 request (8 ARNs) + 140 error (5 types x 4 messages x 7)

const [pausesvc, responsePath] = process.argv.slice(2);
if (!pausesvc || !responsePath) {
  console.error("usage: node sdk_interop.mjs PAUSESVC RESPONSE_JSON");
  process.exit(2);
}

// This SDK warns, once, that its releases after January 2027 will need Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

let passed = 0;
let failed = 0;

function check(name, ok, detail) {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.error(`FAIL: ${name}${detail === undefined ? "" : `\n  ${detail}`}`);
  }
}

function show(v) {
  return inspect(v, { depth: null, breakLength: Infinity });
}

function checkEq(name, actual, expected) {
  check(name, isDeepStrictEqual(actual, expected),
        `expected ${show(expected)}\n  actual   ${show(actual)}`);
}

// Runs pausesvc; returns { status, stdout, stderr } (stdout/stderr as UTF-8 strings).
function runPausesvc(args, input) {
  const r = spawnSync(pausesvc, args, { input: input ?? "", maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`cannot run ${pausesvc}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

// A client whose requestHandler never touches the network: `respond(request)` returns
// { statusCode, headers, body: Buffer } and every request is recorded in `requests`.
function makeClient(respond) {
  const requests = [];
  const requestHandler = {
    async handle(request) {
      requests.push(request);
      const { statusCode, headers, body } = respond(request);
      // Node's http module delivers header names in lower case and the body as a stream.
      const lower = {};
      for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
      lower["content-length"] = String(body.length);
      return {
        response: new HttpResponse({
          statusCode,
          reason: undefined,
          headers: lower,
          body: Readable.from([body]),
        }),
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() { return {}; },
  };
  const client = new AppRunnerClient({
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
    requestHandler,
    maxAttempts: 1,  // one request per send(): a 500 must not be retried here
  });
  return { client, requests };
}

const JSON_HEADERS = {
  "Content-Type": "application/x-amz-json-1.0",
  "x-amzn-RequestId": "0f4d1f6a-4c39-4b8e-9a44-6c1e8d7c2b11",
};

// Deep comparison of SDK outputs where Date objects compare by getTime(); $metadata
// is left out (it describes the exchange, not the payload).
function normalize(v) {
  if (v instanceof Date) return { $date: v.getTime() };
  if (Array.isArray(v)) return v.map(normalize);
  if (v !== null && typeof v === "object") {
    const out = {};
    for (const k of Object.keys(v).sort()) {
      if (k === "$metadata") continue;
      out[k] = normalize(v[k]);
    }
    return out;
  }
  return v;
}

// The example file's content as the SDK must present it: epoch-seconds timestamps
// (members named CreatedAt/UpdatedAt/DeletedAt) become Dates, rounded to the millisecond
// the way the SDK's parseEpochTimestamp does.
const TIMESTAMP_MEMBERS = new Set(["CreatedAt", "UpdatedAt", "DeletedAt"]);
function expectedFromFile(v, key) {
  if (TIMESTAMP_MEMBERS.has(key) && typeof v === "number") return { $date: Math.round(v * 1000) };
  if (Array.isArray(v)) return v.map((x) => expectedFromFile(x));
  if (v !== null && typeof v === "object") {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = expectedFromFile(v[k], k);
    return out;
  }
  return v;
}

const SERVICE_ARN = "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa";

async function sendPause(body, serviceArn = SERVICE_ARN) {
  const { client, requests } = makeClient(() => ({ statusCode: 200, headers: JSON_HEADERS, body }));
  const out = await client.send(new PauseServiceCommand({ ServiceArn: serviceArn }));
  return { out, requests };
}

// ---------------------------------------------------------------------------------------
// 1. Responses: our canonical encoding parses to the same output as AWS's bytes.
// ---------------------------------------------------------------------------------------
async function checkResponses() {
  const original = readFileSync(responsePath);
  const dec = runPausesvc(["decode-response", responsePath]);
  check("decode-response exits 0", dec.status === 0, `exit ${dec.status}: ${dec.stderr}`);
  if (dec.status !== 0) return;
  const canonical = Buffer.from(dec.stdout.replace(/\n$/, ""), "utf8");

  const a = await sendPause(original);
  const b = await sendPause(canonical);
  const fromOriginal = normalize(a.out);
  const fromCanonical = normalize(b.out);
  checkEq("SDK output from our canonical bytes == SDK output from the original file",
          fromCanonical, fromOriginal);
  checkEq("SDK output from our canonical bytes == the example file's content",
          fromCanonical, expectedFromFile(JSON.parse(original.toString("utf8"))));
  checkEq("$metadata.httpStatusCode", b.out.$metadata?.httpStatusCode, 200);
  checkEq("$metadata.requestId", b.out.$metadata?.requestId, JSON_HEADERS["x-amzn-RequestId"]);

  const o = b.out;
  const s = o.Service ?? {};
  const sc = s.SourceConfiguration ?? {};
  const ccv = sc.CodeRepository?.CodeConfiguration?.CodeConfigurationValues ?? {};
  const img = sc.ImageRepository?.ImageConfiguration ?? {};
  const ascs = s.AutoScalingConfigurationSummary ?? {};
  const hc = s.HealthCheckConfiguration ?? {};
  const net = s.NetworkConfiguration ?? {};

  checkEq("OperationId", o.OperationId, "17fe9f55-7e91-4097-b243-fcabbb69a4cf");
  checkEq("Service.ServiceArn", s.ServiceArn, SERVICE_ARN);
  check("Service.CreatedAt is a Date", s.CreatedAt instanceof Date, show(s.CreatedAt));
  check("Service.UpdatedAt is a Date", s.UpdatedAt instanceof Date, show(s.UpdatedAt));
  check("Service.DeletedAt is a Date", s.DeletedAt instanceof Date, show(s.DeletedAt));
  check("ASCS.CreatedAt is a Date", ascs.CreatedAt instanceof Date, show(ascs.CreatedAt));
  checkEq("Service.CreatedAt", s.CreatedAt?.getTime?.(), 1605899125000);
  checkEq("Service.UpdatedAt (fractional seconds)", s.UpdatedAt?.getTime?.(), 1606135297123);
  checkEq("Service.DeletedAt (from 1.6062459e9)", s.DeletedAt?.getTime?.(), 1606245900000);
  checkEq("ASCS.CreatedAt (half second)", ascs.CreatedAt?.getTime?.(), 1605899000500);
  checkEq("Service.Status", s.Status, "OPERATION_IN_PROGRESS");
  checkEq("RuntimeEnvironmentVariables (map, non-ASCII value)", ccv.RuntimeEnvironmentVariables,
          { NAME: "Jane", GREETING: "Grüß Gott \"☃\"" });
  checkEq("GREETING code points", [...(ccv.RuntimeEnvironmentVariables?.GREETING ?? "")].length, 13);
  checkEq("RuntimeEnvironmentSecrets (map)", ccv.RuntimeEnvironmentSecrets,
          { DB_PASSWORD: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-pass-AbCdEf" });
  checkEq("ImageConfiguration.RuntimeEnvironmentVariables (empty map)", img.RuntimeEnvironmentVariables, {});
  checkEq("ImageConfiguration.RuntimeEnvironmentSecrets (map)", img.RuntimeEnvironmentSecrets,
          { API_KEY: "arn:aws:ssm:us-east-1:123456789012:parameter/api-key" });
  checkEq("Port is a string", ccv.Port, "8080");
  checkEq("AutoDeploymentsEnabled", sc.AutoDeploymentsEnabled, true);
  checkEq("ASCS.HasAssociatedService", ascs.HasAssociatedService, true);
  checkEq("ASCS.IsDefault", ascs.IsDefault, true);
  checkEq("IngressConfiguration.IsPubliclyAccessible", net.IngressConfiguration?.IsPubliclyAccessible, true);
  checkEq("ObservabilityEnabled", s.ObservabilityConfiguration?.ObservabilityEnabled, true);
  checkEq("ASCS.AutoScalingConfigurationRevision", ascs.AutoScalingConfigurationRevision, 1);
  checkEq("HealthCheck integers", [hc.Interval, hc.Timeout, hc.HealthyThreshold, hc.UnhealthyThreshold],
          [5, 2, 1, 5]);
  checkEq("IpAddressType", net.IpAddressType, "DUAL_STACK");
}

// ---------------------------------------------------------------------------------------
// 2. Requests: pausesvc reads the body the SDK sends.
// ---------------------------------------------------------------------------------------
const ASCII_ARNS = [
  SERVICE_ARN,
  "arn:aws:apprunner:eu-west-1:000000000000:service/a/b",
  "arn:aws-cn:apprunner:cn-north-1:123456789012:service/my_app-2/0123456789abcdef0123456789abcdef",
  "arn:aws-us-gov:apprunner:us-gov-west-1:999999999999:service/x/" + "a".repeat(900),
];
// Outside the model's pattern ((\w|/|-) is ASCII-only), so AWS rejects them; they still
// must decode to the same string: the rejection quotes the value, and with
// --pattern-semantics=search (prefix match) they are accepted and echoed.
const OTHER_ARNS = [
  "arn:aws:apprunner:us-east-1:123456789012:service/grüß-gott/☃",
  "arn:aws:apprunner:us-east-1:123456789012:service/日本語/😀𝄞",
  "arn:aws:apprunner:us-east-1:123456789012:service/q\"uote/back\\slash/tab\tnl\nctl\u0001del\u007f",
  "arn:aws:apprunner:us-east-1:123456789012:service/sep\u2028\u2029/nbsp\u00a0/bom\ufeff",
];

async function checkRequests() {
  const dec = runPausesvc(["decode-response", responsePath]);
  const canonical = Buffer.from(dec.stdout.replace(/\n$/, ""), "utf8");
  for (const arn of [...ASCII_ARNS, ...OTHER_ARNS]) {
    const label = JSON.stringify(arn.length > 80 ? arn.slice(0, 77) + "..." : arn);
    const { client, requests } = makeClient(() => ({ statusCode: 200, headers: JSON_HEADERS, body: canonical }));
    await client.send(new PauseServiceCommand({ ServiceArn: arn }));
    checkEq(`one request sent for ${label}`, requests.length, 1);
    const req = requests[0];
    const h = {};
    for (const [k, v] of Object.entries(req.headers)) h[k.toLowerCase()] = v;
    checkEq(`x-amz-target for ${label}`, h["x-amz-target"], "AppRunner.PauseService");
    checkEq(`content-type for ${label}`, h["content-type"], "application/x-amz-json-1.0");
    checkEq(`method/path for ${label}`, [req.method, req.path], ["POST", "/"]);
    // The exact bytes a real handler would write (the SDK's body is a Uint8Array subclass
    // whose string methods warn, so take its bytes without converting).
    const body = req.body instanceof Uint8Array
      ? Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength)
      : Buffer.from(String(req.body), "utf8");
    const ascii = ASCII_ARNS.includes(arn);
    const full = runPausesvc(["validate-request", "-"], body);
    if (ascii) {
      check(`validate-request exits 0 for ${label}`, full.status === 0,
            `exit ${full.status}\n  body   ${body.toString("utf8")}\n  stdout ${full.stdout}\n  stderr ${full.stderr}`);
      checkEq(`validate-request echoes the ServiceArn for ${label}`, safeParse(full.stdout)?.ServiceArn, arn);
    } else {
      checkEq(`validate-request rejects the non-pattern ARN ${label}`, full.status, 1);
      const err = safeParse(full.stdout) ?? {};
      check(`rejection quotes the decoded value for ${label}`,
            err.__type === "InvalidRequestException" &&
              typeof err.Message === "string" && err.Message.includes(`Value '${arn}' at 'serviceArn'`),
            `body   ${body.toString("utf8")}\n  stdout ${full.stdout}`);
      const search = runPausesvc(["validate-request", "--pattern-semantics=search", "-"], body);
      check(`validate-request --pattern-semantics=search exits 0 for ${label}`, search.status === 0,
            `exit ${search.status}\n  stdout ${search.stdout}\n  stderr ${search.stderr}`);
      checkEq(`validate-request --pattern-semantics=search echoes the ServiceArn for ${label}`,
              safeParse(search.stdout)?.ServiceArn, arn);
    }
  }
}

function safeParse(text) {
  try { return JSON.parse(text); } catch { return undefined; }
}

// ---------------------------------------------------------------------------------------
// 3. Errors: the SDK raises the right exception from our error bytes.
// ---------------------------------------------------------------------------------------
const ERROR_TYPES = [
  { type: "InvalidRequestException", status: 400, cls: InvalidRequestException, fault: "client" },
  { type: "InvalidStateException", status: 400, cls: InvalidStateException, fault: "client" },
  { type: "ResourceNotFoundException", status: 400, cls: ResourceNotFoundException, fault: "client" },
  { type: "InternalServiceErrorException", status: 500, cls: InternalServiceErrorException, fault: "server" },
  { type: "SerializationException", status: 400, cls: undefined, fault: "client" },  // not in the model
];
const MESSAGES = [
  "Service \"python-app\" can't be paused: it is in state 'OPERATION_IN_PROGRESS'",
  "back\\slash C:\\path\\ and a trailing backslash \\",
  "line one\nline two\r\n\ttabbed",
  "Grüß Gott ☃ 日本語 😀 𝄞 \u2028\u2029 \u00a0",
];

async function checkErrors() {
  for (const { type, status, cls, fault } of ERROR_TYPES) {
    for (const message of MESSAGES) {
      const enc = runPausesvc(["encode-error", "--type", type, "--message", message]);
      const label = `${type} ${JSON.stringify(message)}`;
      const statusLine = /^HTTP (\d{3})$/m.exec(enc.stderr);
      const typeLine = /^X-Amzn-ErrorType: (.*)$/m.exec(enc.stderr);
      check(`encode-error exits 0 and prints status and type (${label})`,
            enc.status === 0 && statusLine && typeLine,
            `exit ${enc.status}, stderr ${JSON.stringify(enc.stderr)}`);
      if (!statusLine || !typeLine) continue;
      const ourStatus = Number(statusLine[1]);
      checkEq(`encode-error status (${label})`, ourStatus, status);
      checkEq(`encode-error X-Amzn-ErrorType (${label})`, typeLine[1], type);
      const body = Buffer.from(enc.stdout.replace(/\n$/, ""), "utf8");

      // This SDK reads the type from the body's __type first and falls back to the
      // header, so the third variant (our header, our body minus __type) is the only one
      // that shows it maps our header value to the right exception.
      const parsed = safeParse(body.toString("utf8"));
      checkEq(`encode-error body __type (${label})`, parsed?.__type, type);
      const { __type, ...withoutType } = parsed ?? {};
      const variants = [
        { name: "with X-Amzn-ErrorType", header: true, body },
        { name: "without X-Amzn-ErrorType", header: false, body },
        { name: "with X-Amzn-ErrorType, body without __type", header: true,
          body: Buffer.from(JSON.stringify(withoutType), "utf8") },
      ];
      for (const variant of variants) {
        const headers = { ...JSON_HEADERS };
        if (variant.header) headers["X-Amzn-ErrorType"] = typeLine[1];
        const vlabel = `${label} ${variant.name}`;
        const { client } = makeClient(() => ({ statusCode: ourStatus, headers, body: variant.body }));
        let err;
        try {
          await client.send(new PauseServiceCommand({ ServiceArn: SERVICE_ARN }));
        } catch (e) {
          err = e;
        }
        if (!err) {
          check(`SDK throws (${vlabel})`, false, "send() resolved");
          continue;
        }
        const got = {
          name: err.name,
          message: err.message,
          httpStatusCode: err.$metadata?.httpStatusCode,
          fault: err.$fault,
          serviceException: err instanceof AppRunnerServiceException,
          modelled: cls ? err instanceof cls : undefined,
        };
        const want = {
          name: type,
          message,
          httpStatusCode: status,
          fault,
          serviceException: true,
          modelled: cls ? true : undefined,
        };
        checkEq(`SDK error (${vlabel})`, got, want);
      }
    }
  }
}

try {
  await checkResponses();
  await checkRequests();
  await checkErrors();
} catch (e) {
  failed++;
  console.error(`FAIL: unexpected exception: ${e?.stack ?? e}`);
}

const total = passed + failed;
if (failed === 0 && total === EXPECTED_CHECKS) {
  console.log(`${passed} checks passed`);
  process.exit(0);
}
if (total !== EXPECTED_CHECKS) {
  console.error(`FAIL: ${total} checks ran, expected ${EXPECTED_CHECKS}`);
}
console.error(`${failed} of ${total} checks failed`);
process.exit(1);
