#!/usr/bin/env bash
# Fails when model/apprunner-pause-service.json no longer matches the App Runner model
# of the installed botocore (the machine's python3).
set -euo pipefail
if ! command -v python3 >/dev/null; then
  echo "python3 not on PATH (run tests with --test_env=PATH, as .bazelrc does)"; exit 1
fi
python3 model/import_model.py --check model/apprunner-pause-service.json
