// Checks that node_modules, next to this file's real location, holds exactly the
// packages package-lock.json pins (and that Node is new enough for them). Exits 1 with
// instructions otherwise. usage: node check_install.mjs DIR   (DIR: tests/interop/js)

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const fix = "Install them with `./bazelw` (it runs npm ci when node_modules is missing or older " +
  "than package-lock.json) or directly: npm ci --no-audit --no-fund --prefix tests/interop/js";
const problems = [];

const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8"));
const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

const wantNode = Number(/\d+/.exec(pkg.engines?.node ?? "0")[0]);
const haveNode = Number(process.versions.node.split(".")[0]);
if (haveNode < wantNode) {
  problems.push(`node ${process.version} is too old: package.json requires node ${pkg.engines.node}`);
}
for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
  if (!/^\d+\.\d+\.\d+$/.test(range)) problems.push(`package.json: ${name} is not pinned to an exact version (${range})`);
  if (lock.packages?.[`node_modules/${name}`]?.version !== range) {
    problems.push(`package-lock.json does not lock ${name} at ${range}: run npm install in tests/interop/js`);
  }
}
if (!existsSync(join(dir, "node_modules"))) {
  problems.push(`${join(dir, "node_modules")} is missing`);
} else {
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (!key.startsWith("node_modules/")) continue;
    const manifest = join(dir, key, "package.json");
    if (!existsSync(manifest)) {
      if (!entry.optional) problems.push(`${key} is missing (locked: ${entry.version})`);
      continue;
    }
    const have = JSON.parse(readFileSync(manifest, "utf8")).version;
    if (have !== entry.version) problems.push(`${key} is ${have}, package-lock.json locks ${entry.version}`);
  }
}

if (problems.length > 0) {
  console.error("js_sdk_test: the JS dependencies do not match tests/interop/js/package-lock.json:");
  for (const p of problems) console.error(`  - ${p}`);
  console.error(fix);
  process.exit(1);
}
