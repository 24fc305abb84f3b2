// Offline interop test for the whole App Runner API: the AWS SDK for JavaScript v3
// (@aws-sdk/client-apprunner, pinned by package.json / package-lock.json) against
// apprunner-codec, for every one of the service's operations. No network: the client's
// requestHandler captures every request and answers it itself.
//
//   0. Inventory: model/apprunner.json's operations == the operations of
//      service_cases.py's data (jsparams files, gen rows, examples/operations/) == the
//      SDK's <Op>Command exports; each operation's errors in the model == gen's error rows.
//   1. Requests: every parameter set of service_cases.py (jsparams: v0.., required_only;
//      every enum value, strings at their minimum and maximum lengths, lists of 0/1/3,
//      maps of 0/1/2) goes through the real client and <Op>Command. The captured request
//      must be POST / with X-Amz-Target AppRunner.<Op> and the awsJson1_0 content type;
//      its body must be the JSON value botocore serializes from the same parameters;
//      `apprunner-codec validate-request --target <captured X-Amz-Target> FILE` must
//      exit 0 and print canonical JSON that is the same JSON value as the SDK's body.
//   2. Raw HTTP (validate-request --http): per operation, the SDK's captured request of
//      v2 written as an HTTP/1.1 message (its own headers, lower-case as the SDK makes
//      them, and body bytes): exit 0 and the canonical JSON == the SDK's body; the same
//      message with X-Amz-Target AppRunner.<op, first letter lower-cased>: exit 1 and
//      stdout exactly {"__type":"UnknownOperationException"} (one line). Once, the
//      lower-cased target given with --target: exit 2 (usage).
//   3. Responses: per operation examples/operations/<Op>.response.json and gen's
//      response rows (timestamps with 0 to 9 fraction digits, lists of 0/1/3, maps of
//      0/1/2): `decode-response --target AppRunner.<Op> FILE` exits 0; the SDK reads the
//      original as its values say (timestamps, at the paths jsparams lists, as Dates of
//      Math.round(seconds * 1000) ms: the SDK's parseEpochTimestamp); and the SDK reads
//      our re-encoding exactly as it reads the original (deep-equal, $metadata left out,
//      Dates by getTime()).
//   4. Errors: every error each operation models (gen's error rows: type, status, a
//      message with non-ASCII, quotes and an astral character):
//      `encode-error --target AppRunner.<Op> --type T --message M` exits 0 with
//      "HTTP <status>" (402 for ServiceQuotaExceededException, 500 for
//      InternalServiceErrorException, else 400) and "X-Amzn-ErrorType: T" on stderr and
//      a body whose __type is T; answered with that status, header and body, the SDK
//      throws T (the SDK's own class of that name, an AppRunnerServiceException) with
//      message M, $metadata.httpStatusCode the status and $fault "server" only for
//      InternalServiceErrorException. The same again with the body's __type removed
//      (this SDK prefers the body's __type; only then does it read our header).
//
// usage: node sdk_service.mjs CODEC EXAMPLES_OPERATIONS_DIR GEN_JSONL JSPARAMS_DIR MODEL_JSON SCRATCH_DIR
//   CODEC                    the //tools:apprunner-codec binary
//   EXAMPLES_OPERATIONS_DIR  examples/operations (<Op>.request.json, <Op>.response.json)
//   GEN_JSONL                `service_cases.py gen` output
//   JSPARAMS_DIR             `service_cases.py jsparams` output (<Op>.json)
//   MODEL_JSON               model/apprunner.json
//   SCRATCH_DIR              where request, response and HTTP files are written
//
// Prints "N checks, M failed" last; exits 0 only when none failed and exactly the number
// of checks the inputs call for ran.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { inspect, isDeepStrictEqual } from "node:util";

import * as sdk from "@aws-sdk/client-apprunner";
import { HttpResponse } from "@smithy/protocol-http";

const [codec, examplesDir, genPath, jsparamsDir, modelPath, scratch] = process.argv.slice(2);
if (!codec || !examplesDir || !genPath || !jsparamsDir || !modelPath || !scratch) {
  console.error("usage: node sdk_service.mjs CODEC EXAMPLES_OPERATIONS_DIR GEN_JSONL JSPARAMS_DIR " +
                "MODEL_JSON SCRATCH_DIR");
  process.exit(2);
}

// This SDK warns, once, that its releases after January 2027 will need Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

let passed = 0;
let failed = 0;
let launches = 0;
let codecMillis = 0;

function check(name, ok, detail) {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.error(`FAIL: ${name}${detail === undefined ? "" : `\n  ${detail}`}`);
  }
}

function show(v, max = 1200) {
  const s = inspect(v, { depth: null, breakLength: Infinity, maxStringLength: 200 });
  return s.length > max ? s.slice(0, max) + `... (${s.length} chars)` : s;
}

function checkEq(name, actual, expected) {
  check(name, isDeepStrictEqual(actual, expected),
        `expected ${show(expected)}\n  actual   ${show(actual)}`);
}

function safeParse(text) {
  try { return JSON.parse(text); } catch { return undefined; }
}

// Runs apprunner-codec; returns { status, stdout, stderr } (UTF-8 strings).
function runCodec(args) {
  launches++;
  const t0 = Date.now();
  const r = spawnSync(codec, args, { maxBuffer: 64 << 20 });
  codecMillis += Date.now() - t0;
  if (r.error) throw new Error(`cannot run ${codec}: ${r.error.message}`);
  return { status: r.status, signal: r.signal, stdout: r.stdout.toString("utf8"),
           stderr: r.stderr.toString("utf8") };
}

function describeRun(r) {
  return `exit ${r.status}${r.signal ? ` (signal ${r.signal})` : ""}\n  stdout ${show(r.stdout, 600)}\n` +
         `  stderr ${show(r.stderr, 600)}`;
}

let fileCounter = 0;
function scratchFile(label, bytes) {
  const path = join(scratch, `${String(fileCounter++).padStart(4, "0")}-${label.replace(/[^A-Za-z0-9_.-]/g, "_")}`);
  writeFileSync(path, bytes);
  return path;
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
        response: new HttpResponse({ statusCode, reason: undefined, headers: lower,
                                     body: Readable.from([body]) }),
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() { return {}; },
  };
  const client = new sdk.AppRunnerClient({
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

// The exact bytes a real handler would write (the SDK's body is a Uint8Array subclass
// whose string methods warn, so take its bytes without converting).
function bodyBytes(req) {
  if (req.body instanceof Uint8Array) return Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength);
  if (req.body === undefined || req.body === null) return Buffer.alloc(0);
  return Buffer.from(String(req.body), "utf8");
}

function lowerHeaders(headers) {
  const h = {};
  for (const [k, v] of Object.entries(headers ?? {})) h[k.toLowerCase()] = v;
  return h;
}

// Deep comparison of SDK outputs where Date objects compare by getTime(); $metadata
// is left out. Object.fromEntries keeps a map key "__proto__" an own key.
function normalize(v) {
  if (v instanceof Date) return { $date: v.getTime() };
  if (Array.isArray(v)) return v.map(normalize);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).sort().filter((k) => k !== "$metadata")
      .map((k) => [k, normalize(v[k])]));
  }
  return v;
}

// A response body's values as the SDK must present them: the members at `tsPaths`
// (jsparams' output_timestamps) are Dates of Math.round(seconds * 1000) ms, the SDK's
// parseEpochTimestamp (new Date(-0) is 0 ms: hence the Date round trip).
function expectedFromBody(v, tsPaths, path = "") {
  if (tsPaths.has(path) && typeof v === "number") return { $date: new Date(Math.round(v * 1000)).getTime() };
  if (Array.isArray(v)) return v.map((x) => expectedFromBody(x, tsPaths, path + "[]"));
  if (v !== null && typeof v === "object") {
    const isMap = [...tsPaths].some((p) => p.startsWith(path + "{}"));
    return Object.fromEntries(Object.keys(v).sort().map((k) => [
      k, expectedFromBody(v[k], tsPaths, isMap ? path + "{}" : (path ? path + "." : "") + k)]));
  }
  return v;
}

// jsparams' parameters as the SDK's input: {"$timestamp": ISO} becomes a Date.
function toSdkInput(v) {
  if (Array.isArray(v)) return v.map(toSdkInput);
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "$timestamp") return new Date(v.$timestamp);
    return Object.fromEntries(keys.map((k) => [k, toSdkInput(v[k])]));
  }
  return v;
}

function lowerFirst(op) {
  return op[0].toLowerCase() + op.slice(1);
}

// ---------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------
const model = JSON.parse(readFileSync(modelPath, "utf8"));
const modelOps = model.operations.map((o) => o.name).sort();
const modelErrors = Object.fromEntries(model.operations.map((o) => [o.name, [...o.errors].sort()]));
const prefix = model.metadata.targetPrefix;

const genRows = readFileSync(genPath, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
const rowsOf = (kind, op) => genRows.filter((r) => r.kind === kind && r.op === op);

const jsparams = Object.fromEntries(readdirSync(jsparamsDir).filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(jsparamsDir, f), "utf8"))).map((d) => [d.op, d]));

const sdkCommandOps = Object.keys(sdk).filter((k) => /^[A-Z]\w*Command$/.test(k) && k !== "Command")
  .map((k) => k.slice(0, -"Command".length)).sort();

// How many checks the inputs call for (so a skipped check fails the run too).
function expectedChecks() {
  let n = 5;  // inventory
  for (const op of modelOps) {
    n += 1;                                                    // errors == model
    n += 4 * (jsparams[op]?.requests.length ?? 0);             // requests
    n += 3;                                                    // raw HTTP
    n += 3 * (1 + rowsOf("response", op).length);              // responses
    n += 3 * rowsOf("error", op).length;                       // errors
  }
  return n + 1;  // --target with an unknown operation
}

// ---------------------------------------------------------------------------------------
// 0. Inventory
// ---------------------------------------------------------------------------------------
function checkInventory() {
  checkEq("model/apprunner.json has 37 operations", modelOps.length, 37);
  checkEq("jsparams operations == the model's", Object.keys(jsparams).sort(), modelOps);
  checkEq("gen's request/response/error operations == the model's",
          [...new Set(genRows.filter((r) => ["request", "response", "error"].includes(r.kind)).map((r) => r.op))].sort(),
          modelOps);
  const files = existsSync(examplesDir) ? readdirSync(examplesDir).sort() : [];
  checkEq("examples/operations holds <Op>.request.json and <Op>.response.json for exactly the model's operations",
          files, modelOps.flatMap((op) => [`${op}.request.json`, `${op}.response.json`]).sort());
  checkEq("the SDK's <Op>Command exports == the model's operations", sdkCommandOps, modelOps);
}

// ---------------------------------------------------------------------------------------
// 1. Requests, and 2. raw HTTP
// ---------------------------------------------------------------------------------------
// Sends `params` through <op>Command; returns the captured request (or an error string).
async function captureRequest(op, params, responseBody = Buffer.from("{}")) {
  const { client, requests } = makeClient(() => ({ statusCode: 200, headers: JSON_HEADERS, body: responseBody }));
  try {
    await client.send(new sdk[`${op}Command`](toSdkInput(params)));
  } catch (e) {
    if (requests.length === 0) return { error: `send() threw before sending: ${e?.stack ?? e}` };
  }
  if (requests.length !== 1) return { error: `${requests.length} requests sent` };
  return { request: requests[0] };
}

function httpMessage(req, headers, body) {
  const lines = [`POST ${req.path || "/"} HTTP/1.1`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return Buffer.concat([Buffer.from(lines.join("\r\n") + "\r\n\r\n", "utf8"), body]);
}

async function checkRequests(op) {
  const doc = jsparams[op];
  if (!doc) return;
  let v2;
  for (const { name, params, botocore_body: botocoreBody } of doc.requests) {
    const label = `${op}/${name}`;
    const cap = await captureRequest(op, params);
    if (cap.error) {
      for (let i = 0; i < 4; i++) check(`${label}: the SDK sends one request`, false, cap.error);
      continue;
    }
    const req = cap.request;
    const h = lowerHeaders(req.headers);
    const body = bodyBytes(req);
    checkEq(`${label}: the SDK's request line and awsJson1_0 headers`,
            [req.method, req.path, h["x-amz-target"], h["content-type"], h["content-length"]],
            ["POST", "/", `${prefix}.${op}`, "application/x-amz-json-1.0", String(body.length)]);
    const sdkJson = safeParse(body.toString("utf8"));
    checkEq(`${label}: the SDK's body is the JSON value botocore serializes from the same parameters`,
            sdkJson, safeParse(botocoreBody));
    const file = scratchFile(`${op}.${name}.request.json`, body);
    const r = runCodec(["validate-request", "--target", h["x-amz-target"], file]);
    check(`${label}: validate-request --target ${h["x-amz-target"]} exits 0`, r.status === 0,
          `${describeRun(r)}\n  SDK body ${show(body.toString("utf8"), 800)}`);
    const ours = r.status === 0 ? safeParse(r.stdout) : undefined;
    check(`${label}: validate-request's canonical JSON == the SDK's body`,
          sdkJson !== undefined && isDeepStrictEqual(ours, sdkJson),
          `SDK  ${show(body.toString("utf8"), 800)}\n  ours ${show(r.stdout, 800)}`);
    if (name === "v2") v2 = { req, headers: h, body, sdkJson };
  }

  // 2. The v2 request as a raw HTTP/1.1 message, and with an unknown operation's target.
  const label = `${op} --http`;
  if (!v2) {
    for (let i = 0; i < 3; i++) check(`${label}: the SDK's v2 request was captured`, false);
    return;
  }
  const valid = scratchFile(`${op}.v2.http`, httpMessage(v2.req, v2.req.headers, v2.body));
  const r = runCodec(["validate-request", "--http", valid]);
  check(`${label}: validate-request --http exits 0 on the SDK's request`, r.status === 0, describeRun(r));
  checkEq(`${label}: validate-request --http's canonical JSON == the SDK's body`,
          r.status === 0 ? safeParse(r.stdout) : r.stdout, v2.sdkJson);
  const unknownTarget = `${prefix}.${lowerFirst(op)}`;
  const altered = {};
  for (const [k, v] of Object.entries(v2.req.headers)) altered[k] = k.toLowerCase() === "x-amz-target" ? unknownTarget : v;
  const unknown = scratchFile(`${op}.unknown.http`, httpMessage(v2.req, altered, v2.body));
  const u = runCodec(["validate-request", "--http", unknown]);
  check(`${label}: X-Amz-Target ${unknownTarget}: exit 1, stdout exactly {"__type":"UnknownOperationException"}`,
        u.status === 1 && u.stdout === '{"__type":"UnknownOperationException"}\n', describeRun(u));
}

function checkUnknownTargetUsage() {
  const op = modelOps[0];
  const file = scratchFile(`${op}.usage.request.json`, readFileSync(join(examplesDir, `${op}.request.json`)));
  const target = `${prefix}.${lowerFirst(op)}`;
  const r = runCodec(["validate-request", "--target", target, file]);
  check(`validate-request --target ${target} (no such operation): exit 2 (usage), nothing on stdout`,
        r.status === 2 && r.stdout === "", describeRun(r));
}

// ---------------------------------------------------------------------------------------
// 3. Responses
// ---------------------------------------------------------------------------------------
async function sdkParse(op, params, body) {
  const { client } = makeClient(() => ({ statusCode: 200, headers: JSON_HEADERS, body }));
  try {
    return { out: normalize(await client.send(new sdk[`${op}Command`](toSdkInput(params)))) };
  } catch (e) {
    return { error: `${e?.name}: ${e?.message}` };
  }
}

const DEFAULT_MAX_BODY = 1048576;  // apprunner-codec's default --max-body-bytes
const canonicalCache = new Map();  // original bytes -> decode-response result

async function checkResponses(op) {
  const doc = jsparams[op];
  const params = doc?.requests.find((r) => r.name === "v2")?.params ?? {};
  const tsPaths = new Set(doc?.output_timestamps ?? []);
  const samplePath = join(examplesDir, `${op}.response.json`);
  const sources = [{ name: `${op}/examples/operations/${op}.response.json`,
                     body: existsSync(samplePath) ? readFileSync(samplePath) : Buffer.alloc(0) }];
  for (const row of rowsOf("response", op)) sources.push({ name: row.name, body: Buffer.from(row.body_b64, "base64") });

  for (const { name, body } of sources) {
    // The checked-in sample is gen's response-v2 plus a final newline (JSON whitespace):
    // one decode-response, of the sample file as it is, serves both.
    const key = `${op}\0${body.toString("latin1").replace(/\n$/, "")}`;
    let r = canonicalCache.get(key);
    if (!r) {
      // Responses with every string at its maximum length pass the CLI's default
      // 1 MiB body limit (gen's response-v1: up to ~2 MB); the limit is raised for those only.
      const limit = body.length > DEFAULT_MAX_BODY ? [`--max-body-bytes=${body.length}`] : [];
      r = runCodec(["decode-response", "--target", `${prefix}.${op}`, ...limit,
                    scratchFile(`${op}.response.json`, body)]);
      canonicalCache.set(key, r);
    }
    const lines = r.stdout.split("\n");
    const ok = r.status === 0 && lines.length === 2 && lines[1] === "" && safeParse(lines[0]) !== undefined;
    check(`${name}: decode-response --target ${prefix}.${op} exits 0 with one line of JSON`, ok, describeRun(r));

    const fromOriginal = await sdkParse(op, params, body);
    const values = safeParse(body.toString("utf8"));
    checkEq(`${name}: SDK(original) == the body's values (timestamps as Dates)`,
            fromOriginal.out ?? fromOriginal.error,
            values === undefined ? "unparsable body" : expectedFromBody(values, tsPaths));

    const fromOurs = ok ? await sdkParse(op, params, Buffer.from(lines[0], "utf8")) : { error: "no re-encoding" };
    check(`${name}: SDK(ours) == SDK(original)`,
          !fromOurs.error && !fromOriginal.error && isDeepStrictEqual(fromOurs.out, fromOriginal.out),
          `original ${show(body.toString("utf8"), 800)}\n  ours     ${show(lines[0], 800)}\n` +
          `  SDK(original) ${show(fromOriginal.out ?? fromOriginal.error)}\n` +
          `  SDK(ours)     ${show(fromOurs.out ?? fromOurs.error)}`);
  }
}

// ---------------------------------------------------------------------------------------
// 4. Errors
// ---------------------------------------------------------------------------------------
async function checkErrors(op) {
  const rows = rowsOf("error", op);
  checkEq(`${op}: gen's error rows == model/apprunner.json's errors`,
          rows.map((r) => r.type).sort(), modelErrors[op]);
  const params = jsparams[op]?.requests.find((r) => r.name === "v2")?.params ?? {};
  for (const { type, status, message } of rows) {
    const label = `${op} ${type}`;
    const enc = runCodec(["encode-error", "--target", `${prefix}.${op}`, "--type", type, "--message", message]);
    const statusLine = /^HTTP (\d{3})$/m.exec(enc.stderr);
    const typeLine = /^X-Amzn-ErrorType: (.*)$/m.exec(enc.stderr);
    const body = Buffer.from(enc.stdout.replace(/\n$/, ""), "utf8");
    const parsed = safeParse(body.toString("utf8"));
    const wantStatus = type === "ServiceQuotaExceededException" ? 402
      : type === "InternalServiceErrorException" ? 500 : 400;
    checkEq(`${label}: encode-error exit, status, X-Amzn-ErrorType, body __type`,
            [enc.status, statusLine && Number(statusLine[1]), typeLine?.[1], parsed?.__type, status],
            [0, wantStatus, type, type, wantStatus]);
    if (enc.status !== 0 || !statusLine || !typeLine || !parsed) {
      check(`${label}: the SDK throws it`, false, describeRun(enc));
      check(`${label}: the SDK throws it (body without __type)`, false, describeRun(enc));
      continue;
    }
    const { __type, ...withoutType } = parsed;
    const variants = [
      { name: "", body },
      { name: " (body without __type)", body: Buffer.from(JSON.stringify(withoutType), "utf8") },
    ];
    for (const variant of variants) {
      const headers = { ...JSON_HEADERS, "X-Amzn-ErrorType": typeLine[1] };
      const { client } = makeClient(() => ({ statusCode: Number(statusLine[1]), headers, body: variant.body }));
      let err;
      try {
        await client.send(new sdk[`${op}Command`](toSdkInput(params)));
      } catch (e) {
        err = e;
      }
      const cls = sdk[type];
      const got = err === undefined ? "send() resolved" : {
        name: err.name,
        message: err.message,
        httpStatusCode: err.$metadata?.httpStatusCode,
        fault: err.$fault,
        serviceException: err instanceof sdk.AppRunnerServiceException,
        modelled: typeof cls === "function" && err instanceof cls,
      };
      checkEq(`${label}: the SDK throws it${variant.name}`, got, {
        name: type,
        message,
        httpStatusCode: wantStatus,
        fault: type === "InternalServiceErrorException" ? "server" : "client",
        serviceException: true,
        modelled: true,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------
const started = Date.now();
try {
  checkInventory();
  for (const op of modelOps) {
    await checkRequests(op);
    await checkResponses(op);
    await checkErrors(op);
  }
  checkUnknownTargetUsage();
} catch (e) {
  failed++;
  console.error(`FAIL: unexpected exception: ${e?.stack ?? e}`);
}

const total = passed + failed;
const want = expectedChecks();
if (total !== want) {
  failed++;
  console.error(`FAIL: ${total} checks ran, the inputs call for ${want}`);
}
console.log(`${modelOps.length} operations, ${launches} apprunner-codec launches ` +
            `(${(codecMillis / 1000).toFixed(1)} s), ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
console.log(`${passed + failed} checks, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
