// Offline interop test: the AWS SDK for JavaScript v3 (@aws-sdk/client-apprunner,
// version pinned in package.json / package-lock.json) must read the bytes pausesvc
// produces exactly as it reads AWS's own, and pausesvc must read the bytes the SDK sends.
// No network: the client's requestHandler answers every request itself. The same checks
// as //tests/interop:botocore_response_test, on the same inputs:
//
//   1. examples/pause-service-response.json: SDK(our canonical bytes) == SDK(original)
//      == the file's values, and pinned values.
//   2. examples/pause-service-response.cli.json (what the AWS CLI prints) through
//      decode-response --lenient: the SDK reads our canonical form as the CLI sample says.
//   3. botocore_response_gen.py's corpus (fixed seed; 6 edge cases + 50 random
//      responses with timestamps of 0 to 9 fraction digits, written with --jsonl):
//      SDK(ours) == SDK(original) == the generator's values (timestamps as Dates, to the
//      millisecond the SDK rounds to, which the generator computes with Decimal).
//   4. Timestamp rows (botocore_response_gen.py's TIMESTAMP_ROWS, which the botocore test
//      runs too: sub-millisecond and sub-microsecond values, exponent form, before 1970,
//      the ends of years 1..9999), one minimal response each: decode-response writes the
//      shortest exact decimal of the value (the generator's Decimal normalisation), the
//      SDK reads the original as the generator's exact model of its rounding says, and
//      SDK(ours) == SDK(original); pausesvc rejects what is outside years 1..9999
//      (NumberOutOfRange).
//   5. Requests: pausesvc reads the body the SDK sends.
//   6. Errors: the SDK raises the right exception from our error bytes.
//   7. Error decoding: botocore_response_check.py's DECODE_CASES (tricky awsJson1_0 error
//      responses) through the SDK and through decode-error; what each side reports and
//      the relation between them (agree / diverge_code / diverge_message / no_type,
//      observed the way the python script observes it) are pinned per case.
//
// usage: node sdk_interop.mjs PAUSESVC EXAMPLES_DIR CORPUS_JSONL DECODE_CASES_JSON TIMESTAMP_ROWS_JSON
//   PAUSESVC             the //tools:pausesvc binary
//   EXAMPLES_DIR         holds pause-service-response.json (every member populated) and
//                        pause-service-response.cli.json
//   CORPUS_JSONL         the output of `botocore_response_gen.py --jsonl`
//   DECODE_CASES_JSON    botocore_response_check.py's DECODE_CASES as a JSON array of
//                        {name, status, header, body, botocore, ours, botocore_relation}
//                        (sdk_interop_test.sh writes it)
//   TIMESTAMP_ROWS_JSON  the output of `botocore_response_gen.py --timestamp-rows`:
//                        [{text, canonical, sdk_millis}]
//
// Prints "N checks passed" and exits 0 only when every check passed and exactly
// EXPECTED_CHECKS of them ran.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
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

// 30 sample response + 9 lenient CLI sample + 225 corpus (1 + 56 cases x 4)
// + 122 timestamp rows (1 row list + 37 in range x 3 + 5 out of range x 2)
// + 56 request (8 ARNs x 7) + 245 error (5 types x 7 messages x 7)
// + 64 error decoding (1 case list + 21 DECODE_CASES x 3) = 751
const EXPECTED_CHECKS = 751;

const [pausesvc, examplesDir, corpusPath, decodeCasesPath, timestampRowsPath] = process.argv.slice(2);
if (!pausesvc || !examplesDir || !corpusPath || !decodeCasesPath || !timestampRowsPath) {
  console.error("usage: node sdk_interop.mjs PAUSESVC EXAMPLES_DIR CORPUS_JSONL DECODE_CASES_JSON " +
                "TIMESTAMP_ROWS_JSON");
  process.exit(2);
}
const responsePath = join(examplesDir, "pause-service-response.json");
const cliSamplePath = join(examplesDir, "pause-service-response.cli.json");

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
// Built with Object.fromEntries so that a map key "__proto__" stays an own key.
function normalize(v) {
  if (v instanceof Date) return { $date: v.getTime() };
  if (Array.isArray(v)) return v.map(normalize);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).sort().filter((k) => k !== "$metadata")
      .map((k) => [k, normalize(v[k])]));
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
// 1. The sample response: our canonical encoding parses to the same output as AWS's bytes.
// ---------------------------------------------------------------------------------------
// Returns our canonical bytes of the sample (undefined when decode-response failed).
async function checkResponses() {
  const original = readFileSync(responsePath);
  const dec = runPausesvc(["decode-response", responsePath]);
  check("decode-response exits 0", dec.status === 0, `exit ${dec.status}: ${dec.stderr}`);
  if (dec.status !== 0) return undefined;
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
  return canonical;
}

// What the SDK makes of a 200 response with this body: { out } (normalized, without
// $metadata) or { error } when send() rejects.
async function sdkParse(body) {
  try {
    return { out: normalize((await sendPause(body)).out) };
  } catch (e) {
    return { error: `${e?.name}: ${e?.message}` };
  }
}

function sdkFailure(r) {
  return `the SDK rejected the body: ${r.error}`;
}

// Runs decode-response on `body`; returns { canonical: Buffer } or { problem: string }.
function ourCanonical(args, body) {
  const r = runPausesvc(["decode-response", ...args], body);
  if (r.status !== 0) return { problem: `decode-response exited ${r.status}: ${r.stderr.trim()}`, run: r };
  if (!r.stdout.endsWith("\n") || r.stdout.indexOf("\n") !== r.stdout.length - 1) {
    return { problem: `output is not exactly one line: ${JSON.stringify(r.stdout.slice(0, 200))}`, run: r };
  }
  const text = r.stdout.slice(0, -1);
  if (safeParse(text) === undefined) return { problem: `output is not JSON: ${text.slice(0, 200)}`, run: r };
  return { canonical: Buffer.from(text, "utf8"), run: r };
}

// ---------------------------------------------------------------------------------------
// 2. The AWS CLI's sample output, through decode-response --lenient.
// ---------------------------------------------------------------------------------------
// The CLI sample's content as the SDK must present our canonical form of it: its
// ISO-8601 timestamps as Dates, its map written as a list of one-pair objects as a map,
// and its "CPU" (the model says "Cpu") under the model's name.
const CLI_RENAMES = { CPU: "Cpu" };
function expectedFromCli(v, key) {
  if (TIMESTAMP_MEMBERS.has(key) && typeof v === "string") return { $date: Date.parse(v) };
  if (Array.isArray(v)) return expectedFromCli(Object.assign({}, ...v));
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).map((k) => [CLI_RENAMES[k] ?? k, expectedFromCli(v[k], k)]));
  }
  return v;
}

async function checkLenientCliSample() {
  const raw = readFileSync(cliSamplePath);
  const ours = ourCanonical(["--lenient", cliSamplePath], "");
  const deviations = (ours.run?.stderr ?? "").split("\n").filter((l) => l.includes("accepted (lenient)"));
  check("CLI sample: decode-response --lenient exits 0 and reports the 4 lenient forms",
        ours.canonical !== undefined && deviations.length === 4,
        `${ours.problem ?? "exit 0"}; deviations: ${show(deviations)}`);
  const r = ours.canonical ? await sdkParse(ours.canonical) : { error: "no canonical output" };
  const o = r.out ?? {};
  const s = o.Service ?? {};
  checkEq("CLI sample: SDK(ours) == the CLI sample's content", r.out ?? r.error,
          expectedFromCli(JSON.parse(raw.toString("utf8"))));
  checkEq("CLI sample: Service.CreatedAt (from \"2020-11-20T19:05:25Z\")", s.CreatedAt,
          { $date: Date.UTC(2020, 10, 20, 19, 5, 25) });
  checkEq("CLI sample: Service.UpdatedAt (from \"2020-11-23T12:41:37Z\")", s.UpdatedAt,
          { $date: Date.UTC(2020, 10, 23, 12, 41, 37) });
  checkEq("CLI sample: RuntimeEnvironmentVariables (from a list of one-pair objects)",
          s.SourceConfiguration?.CodeRepository?.CodeConfiguration?.CodeConfigurationValues
            ?.RuntimeEnvironmentVariables, { NAME: "Jane" });
  checkEq("CLI sample: InstanceConfiguration (from \"CPU\")", s.InstanceConfiguration,
          { Cpu: "1 vCPU", Memory: "3 GB" });
  checkEq("CLI sample: Service.ServiceArn", s.ServiceArn, SERVICE_ARN);

  const strict = runPausesvc(["decode-response", cliSamplePath]);
  check("CLI sample: strict decode-response rejects it (NotWireFormat), no stdout",
        strict.status === 1 && strict.stdout === "" && strict.stderr.includes("NotWireFormat"),
        `exit ${strict.status}, stdout ${JSON.stringify(strict.stdout.slice(0, 100))}, stderr ${strict.stderr}`);
  // Why the canonical form matters: the SDK cannot read the CLI's form itself (its
  // epoch-seconds parser meets the ISO-8601 string). Pinned, so a change shows up.
  const direct = await sdkParse(raw);
  check("CLI sample: the SDK itself rejects the raw CLI form (TypeError on the ISO-8601 timestamp)",
        direct.error !== undefined && direct.error.startsWith("TypeError:"),
        direct.error ?? `it parsed: ${show(direct.out)}`);
}

// ---------------------------------------------------------------------------------------
// 3. botocore_response_gen.py's corpus: the same bodies the botocore test checks.
// ---------------------------------------------------------------------------------------
// The generator's edge cases, then random_00 .. random_49 (botocore_response_test pins
// the same list).
const CORPUS_NAMES = [
  "edge_minimal_required_only", "edge_every_special_character", "edge_empty_maps_and_structures",
  "edge_timestamp_forms", "edge_long_values", "edge_future_enums_and_members",
  ...Array.from({ length: 50 }, (_, i) => `random_${String(i).padStart(2, "0")}`),
];

function readCorpus() {
  const lines = readFileSync(corpusPath, "utf8").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const rows = lines.map((l) => JSON.parse(l));
  const end = rows.pop();
  return { cases: rows, end };
}

async function checkCorpus() {
  const { cases, end } = readCorpus();
  const names = cases.map((c) => c.name);
  check(`corpus: exactly the ${CORPUS_NAMES.length} pinned cases, complete`,
        isDeepStrictEqual(names, CORPUS_NAMES) && end?.end === cases.length,
        `names ${show(names)}\n  end line ${show(end)}`);
  for (const c of cases) {
    const body = Buffer.from(c.body, "base64");
    const label = `corpus ${c.name}`;
    const ours = ourCanonical(["-"], body);
    check(`${label}: decode-response exits 0 with one line of JSON`, ours.canonical !== undefined,
          ours.problem);
    const fromOriginal = await sdkParse(body);
    if (fromOriginal.error) {
      check(`${label}: SDK(original) == the generator's values`, false, sdkFailure(fromOriginal));
    } else {
      checkEq(`${label}: SDK(original) == the generator's values`, fromOriginal.out, c.expected);
    }
    const fromOurs = ours.canonical ? await sdkParse(ours.canonical) : { error: "no canonical output" };
    if (fromOurs.error || fromOriginal.error) {
      const why = fromOurs.error ? sdkFailure(fromOurs) : `SDK(original): ${sdkFailure(fromOriginal)}`;
      check(`${label}: SDK(ours) == SDK(original)`, false, why);
      check(`${label}: SDK(ours) == the generator's values`, false, why);
      continue;
    }
    checkEq(`${label}: SDK(ours) == SDK(original)`, fromOurs.out, fromOriginal.out);
    checkEq(`${label}: SDK(ours) == the generator's values`, fromOurs.out, c.expected);
  }
}

// ---------------------------------------------------------------------------------------
// 4. Timestamps, one row per value, in Service.CreatedAt of a minimal response.
// ---------------------------------------------------------------------------------------
// The codec keeps a timestamp exactly, to the nanosecond (finer digits round to the
// nearest, halves toward +infinity), and writes it as the shortest exact decimal; it
// takes only years 1 to 9999: [-62135596800, 253402300799.999999999] seconds; outside,
// decode fails with NumberOutOfRange. This SDK keeps milliseconds: @smithy/core's (3.41.1
// in package-lock.json) parseEpochTimestamp (node_modules/@smithy/core/dist-cjs/submodules/
// serde/index.js, which the JSON deserializers of its protocols submodule call for
// epoch-seconds members; no reviver for this output, so the value is a plain number) is
// new Date(Math.round(value * 1000)) on the JSON.parse number, so the double times 1000,
// rounded to a double, then rounded to an integer with halves toward +infinity. Each row
// pins that reading twice: against the generator's exact Decimal model of it
// (Ts.sdk_millis, the row's sdk_millis) and against sdkMillis below.
//
// The rows, as botocore_response_gen.py's TIMESTAMP_ROWS lists them (botocore_response_test
// runs the same list; the comments there say what each group is for).
const TIMESTAMPS_IN_RANGE = [
  "1.6062459e9", "1.784316439424E9", "1.7000000001234e9", "1700000000123456789e-9",
  "-1.5", "-0.001", "-1.000001", "-86400.000250", "-1700000000.999999999",
  "1.0005", "-1.0005", "-0.0005", "1096144879.5405", "1096144879.5415", "2183675157.1105",
  "-0",
  "253402300799.999", "253402300799.999999", "-62135596800",
  "1700000000.123456", "1700000000.0005", "1700000000.000001", "1700000000.999999",
  "0.000001", "-0.000001", "0.0000025", "0.0000035", "-0.0000025",
  "1700000000.1234567", "1700000000.12345678", "1700000000.123456789",
  "1700000000.0000005", "1700000000.000000001",
  "1700000000.1234567891", "1700000000.0000000005", "-0.0000000005",
  "-62135596800.0000000005",
];
// The last is beyond the range only once rounded to the nanosecond.
const TIMESTAMPS_OUT_OF_RANGE = ["253402300800", "-62135596800.001", "1e12",
                                 "-62135596800.0000000006", "253402300799.9999999995"];

// What the SDK's parseEpochTimestamp makes of the number: new Date(Math.round(v * 1000))
// (a Date has no -0: new Date(-0).getTime() is 0).
function sdkMillis(text) {
  return new Date(Math.round(Number(text) * 1000)).getTime();
}

function minimalResponse(createdAt) {
  return Buffer.from(
    `{"Service":{"ServiceName":"abcd","ServiceId":"${"0".repeat(32)}",` +
    `"ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service/a/1/${"0".repeat(32)}",` +
    `"CreatedAt":${createdAt},"UpdatedAt":0.001,"Status":"RUNNING","SourceConfiguration":{},` +
    `"InstanceConfiguration":{},"AutoScalingConfigurationSummary":{},"NetworkConfiguration":{}},` +
    `"OperationId":"17fe9f55-7e91-4097-b243-fcabbb69a4cf"}`, "utf8");
}

async function checkTimestamps() {
  const rows = JSON.parse(readFileSync(timestampRowsPath, "utf8"));
  checkEq("timestamp rows: TIMESTAMP_ROWS are exactly the pinned values, in order",
          rows.map((r) => r.text), TIMESTAMPS_IN_RANGE);
  for (const { text, canonical, sdk_millis: wantMillis } of rows) {
    const label = `timestamp ${text}`;
    const body = minimalResponse(text);
    const ours = ourCanonical(["-"], body);
    const ourText = /"CreatedAt":([^,}]*)/.exec(ours.canonical?.toString("utf8") ?? "")?.[1];
    check(`${label}: decode-response writes the shortest exact decimal ${canonical}`,
          ours.canonical !== undefined && ourText === canonical,
          ours.problem ?? `it wrote ${ourText}`);
    const fromOriginal = await sdkParse(body);
    // The SDK's own rule, pinned: a change on its side shows up here, not as ours.
    check(`${label}: SDK(original) is Math.round(double * 1000) = ${wantMillis} ms`,
          isDeepStrictEqual(fromOriginal.out?.Service?.CreatedAt, { $date: wantMillis }) &&
            sdkMillis(text) === wantMillis,
          `SDK ${show(fromOriginal.out?.Service?.CreatedAt ?? fromOriginal.error)}, ` +
          `the generator's model ${wantMillis}, Math.round(Number(text) * 1000) ${sdkMillis(text)}`);
    const fromOurs = ours.canonical ? await sdkParse(ours.canonical) : { error: "no canonical output" };
    check(`${label}: SDK(ours) == SDK(original)`,
          !fromOurs.error && !fromOriginal.error && isDeepStrictEqual(fromOurs.out, fromOriginal.out),
          `ours ${ourText} -> ${show(fromOurs.out?.Service?.CreatedAt ?? fromOurs.error)}, ` +
          `original -> ${show(fromOriginal.out?.Service?.CreatedAt ?? fromOriginal.error)}` +
          (fromOurs.out && fromOriginal.out ? `\n  ours     ${show(fromOurs.out)}\n  original ${show(fromOriginal.out)}` : ""));
  }
  for (const text of TIMESTAMPS_OUT_OF_RANGE) {
    const label = `timestamp ${text} (outside years 1..9999)`;
    const body = minimalResponse(text);
    const r = runPausesvc(["decode-response", "-"], body);
    check(`${label}: decode-response rejects it with NumberOutOfRange`,
          r.status === 1 && r.stdout === "" && r.stderr.includes("NumberOutOfRange"),
          `exit ${r.status}, stdout ${r.stdout.trim()}, stderr ${r.stderr.trim()}`);
    // The SDK itself accepts it (a valid Date): a deliberate difference, pinned.
    const fromOriginal = await sdkParse(body);
    checkEq(`${label}: the SDK itself reads it as Math.round(${text} * 1000) ms`,
            fromOriginal.out?.Service?.CreatedAt ?? fromOriginal.error,
            { $date: sdkMillis(text) });
  }
}

// ---------------------------------------------------------------------------------------
// 5. Requests: pausesvc reads the body the SDK sends.
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

// `canonical`: the body every request is answered with.
async function checkRequests(canonical) {
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
// 6. Errors: the SDK raises the right exception from our error bytes.
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
  // botocore_response_check.py's "backslash", "controls" and "empty" messages.
  "C:\\path\\to \\u0041 \\n \\\\ end\\",
  "tab\tsoh\u0001us\u001fdel\u007f",
  "",
];
// The message the SDK reports for each of ours: itself, except that an empty message
// becomes "UnknownError" (@smithy/core's decorateServiceException takes
// `exception.message || exception.Message || "UnknownError"`; botocore gives "").
function sdkMessage(message) {
  return message === "" ? "UnknownError" : message;
}

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
          message: sdkMessage(message),
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

// ---------------------------------------------------------------------------------------
// 7. Error decoding: botocore_response_check.py's DECODE_CASES through this SDK.
// ---------------------------------------------------------------------------------------
// Each case is sent to PauseServiceCommand as the response (its status, its
// X-Amzn-ErrorType header when it has one, its body) and given to `pausesvc decode-error`.
// Our output must be what the python table pins; what the SDK throws must be what
// DECODE_SDK pins; the relation between the two, observed as the python script observes
// it, must be what DECODE_RELATIONS pins. So a change on either side fails here.
//
// How this SDK (@aws-sdk/core AwsJson1_0Protocol, @smithy/core loadJsonRpcErrorCode and
// sanitizeErrorCode) reads an error: the type from the body's "__type", else its "code"
// (any spelling, a number made a string), else the X-Amzn-ErrorType header; cut at the
// first "," and at the first ":", then the part between the first and the second "#" is
// kept; no type at all is "Unknown". The message is "message", else "Message", and an
// empty or missing one is "UnknownError". $fault is the modelled error's trait, else
// client below 500 and server from 500.
const DECODE_RELATIONS = {
  type_namespace_and_url: "agree",
  type_url_suffix_only: "agree",
  type_namespace_only: "agree",
  type_colon_before_hash: "diverge_message",     // the SDK's message is "UnknownError", ours none
  type_trailing_hash: "no_type",                 // the SDK's name is "", ours no type
  type_two_hashes: "diverge_code",               // the SDK keeps "b", ours "b#InvalidStateException"
  numeric_code_with_header: "diverge_code",      // the SDK reads the numeric code as "400"
  type_and_code_members: "agree",
  unmodelled_type: "agree",
  internal_error_500: "agree",
  header_and_body_agree: "agree",
  lowercase_message: "agree",
  code_member_only: "agree",
  header_overrides_body: "diverge_code",         // the SDK prefers the body's __type
  header_only_empty_object: "diverge_message",   // "UnknownError" vs none
  header_only_empty_body: "diverge_message",     // "UnknownError" vs none
  both_message_spellings: "diverge_message",     // the SDK prefers "message", ours "Message"
  no_type_400: "no_type",                        // the SDK's name is "Unknown"
  no_type_500: "no_type",
  no_type_empty_object_404: "no_type",
  no_type_empty_body_503: "no_type",
};

// What the SDK throws for each case: [name, message, $fault, $metadata.httpStatusCode,
// the exception class (a modelled one, else AppRunnerServiceException)].
const DECODE_SDK = {
  type_namespace_and_url: ["ResourceNotFoundException", "Service not found", "client", 400, "ResourceNotFoundException"],
  type_url_suffix_only: ["InvalidStateException", "busy", "client", 400, "InvalidStateException"],
  type_namespace_only: ["InvalidRequestException", "bad", "client", 400, "InvalidRequestException"],
  type_colon_before_hash: ["a", "UnknownError", "client", 400, "AppRunnerServiceException"],
  type_trailing_hash: ["", "m", "client", 400, "AppRunnerServiceException"],
  type_two_hashes: ["b", "m", "client", 400, "AppRunnerServiceException"],
  numeric_code_with_header: ["400", "m", "client", 400, "AppRunnerServiceException"],
  type_and_code_members: ["InvalidStateException", "m", "client", 400, "InvalidStateException"],
  unmodelled_type: ["ThrottlingException", "Rate exceeded", "client", 429, "AppRunnerServiceException"],
  internal_error_500: ["InternalServiceErrorException", "oops", "server", 500, "InternalServiceErrorException"],
  header_and_body_agree: ["InvalidStateException", "m", "client", 400, "InvalidStateException"],
  lowercase_message: ["InvalidRequestException", "lower", "client", 400, "InvalidRequestException"],
  code_member_only: ["InvalidStateException", "m", "client", 400, "InvalidStateException"],
  header_overrides_body: ["InvalidStateException", "m", "client", 400, "InvalidStateException"],
  header_only_empty_object: ["InvalidRequestException", "UnknownError", "client", 400, "InvalidRequestException"],
  header_only_empty_body: ["InvalidRequestException", "UnknownError", "client", 400, "InvalidRequestException"],
  both_message_spellings: ["InvalidRequestException", "lower", "client", 400, "InvalidRequestException"],
  no_type_400: ["Unknown", "m", "client", 400, "AppRunnerServiceException"],
  no_type_500: ["Unknown", "m", "server", 500, "AppRunnerServiceException"],
  no_type_empty_object_404: ["Unknown", "UnknownError", "client", 404, "AppRunnerServiceException"],
  no_type_empty_body_503: ["Unknown", "UnknownError", "server", 503, "AppRunnerServiceException"],
};

const MODELLED_ERRORS = [InvalidRequestException, InvalidStateException, ResourceNotFoundException,
                         InternalServiceErrorException];

function exceptionClass(err) {
  const cls = MODELLED_ERRORS.find((c) => err instanceof c);
  if (cls) return cls.name;
  if (err instanceof AppRunnerServiceException) return "AppRunnerServiceException";
  return `not an AppRunnerServiceException: ${err?.constructor?.name}`;
}

// botocore_response_check.py's rule with the SDK in botocore's place.
function observedRelation(ours, sdk) {
  if (ours === undefined || sdk === undefined) return "error";
  if (ours.type === null) return "no_type";
  if (ours.type !== sdk.name) return "diverge_code";
  if ((ours.message ?? "") !== sdk.message) return "diverge_message";
  return "agree";
}

async function checkErrorDecoding() {
  const cases = JSON.parse(readFileSync(decodeCasesPath, "utf8"));
  const names = cases.map((c) => c.name);
  checkEq("error decoding: DECODE_CASES are exactly the pinned cases, in order",
          names, Object.keys(DECODE_RELATIONS));
  for (const c of cases) {
    const label = `error decoding ${c.name}`;
    const body = Buffer.from(c.body, "utf8");

    const args = ["decode-error", "--status", String(c.status)];
    if (c.header !== null) args.push("--header", `X-Amzn-ErrorType: ${c.header}`);
    const r = runPausesvc([...args, "-"], body);
    const ours = r.status === 0 ? safeParse(r.stdout) : undefined;
    const want = { type: c.ours.type, message: c.ours.message, status: c.status,
                   fault: c.ours.fault, modelled: c.ours.modelled };
    check(`${label}: decode-error prints what DECODE_CASES pins`, isDeepStrictEqual(ours, want),
          `expected ${show(want)}\n  actual   ${show(ours)} (exit ${r.status}, stdout ` +
          `${JSON.stringify(r.stdout)}, stderr ${JSON.stringify(r.stderr)})`);

    const headers = { ...JSON_HEADERS };
    if (c.header !== null) headers["X-Amzn-ErrorType"] = c.header;
    const { client } = makeClient(() => ({ statusCode: c.status, headers, body }));
    let sdk;
    let got = "send() resolved";
    try {
      await client.send(new PauseServiceCommand({ ServiceArn: SERVICE_ARN }));
    } catch (e) {
      sdk = { name: e?.name, message: e?.message };
      got = [e?.name, e?.message, e?.$fault, e?.$metadata?.httpStatusCode, exceptionClass(e)];
    }
    checkEq(`${label}: the SDK throws what DECODE_SDK pins`, got, DECODE_SDK[c.name]);

    const relation = observedRelation(ours, sdk);
    check(`${label}: relation ${relation}, pinned ${DECODE_RELATIONS[c.name]}`,
          relation === DECODE_RELATIONS[c.name],
          `status ${c.status} header ${JSON.stringify(c.header)} body ${JSON.stringify(c.body)}: ` +
          `SDK ${show(got)}; ours ${r.stdout.trim()}; botocore ${show(c.botocore)} (${c.botocore_relation})`);
  }
}

try {
  const canonical = await checkResponses();
  await checkLenientCliSample();
  await checkCorpus();
  await checkTimestamps();
  await checkRequests(canonical ?? readFileSync(responsePath));
  await checkErrors();
  await checkErrorDecoding();
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
