// Prints, as JSON, the error facts the AWS SDK for JavaScript v3 carries for App Runner
// and botocore's model does not: each modelled error's Smithy shape ID namespace, its
// @error trait ("client"/"server") and its @httpError status (402 for
// ServiceQuotaExceededException). Read from the SDK's own error schemas (the exported
// `<Name>Exception$` arrays: [-3, namespace, name, traits, members, member schemas]).
//
//   node model/js_sdk_errors.mjs DIR   # DIR holds node_modules/@aws-sdk/client-apprunner
import { createRequire } from "node:module";
import path from "node:path";

const dir = path.resolve(process.argv[2] ?? ".");
const require = createRequire(path.join(dir, "package.json"));
const sdk = require("@aws-sdk/client-apprunner");
const version = require("@aws-sdk/client-apprunner/package.json").version;
const errors = {};
for (const [key, schema] of Object.entries(sdk)) {
  if (!key.endsWith("$") || !Array.isArray(schema) || schema[0] !== -3) continue;
  const [, namespace, name, traits] = schema;
  if (typeof traits !== "object" || traits === null || !("error" in traits)) continue;  // the SDK's base class
  errors[name] = { namespace, error: traits.error, httpError: traits.httpError ?? null };
}
process.stdout.write(JSON.stringify({ package: "@aws-sdk/client-apprunner", version, errors }, null, 1) + "\n");
