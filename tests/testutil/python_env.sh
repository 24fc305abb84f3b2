# Sourced by the sh_tests that load libapprunner_codec.so.1 into another program
# (//tests/python:binding_test, //tests/gateway:nginx_test and :lua_module_test). Defines:
#   isolate_aws SCRATCH     no shared AWS config, credentials or endpoint from the machine
#   find_python             sets $python: the python3 first on PATH (.bazelrc passes PATH
#                           to tests) as its real interpreter, not a wrapper (pyenv's
#                           python3 is a shell-script shim, which crashes under a
#                           preloaded TSan runtime); fails unless it imports botocore
#   sanitizer_runtime LIB   prints the ASan/TSan runtime a sanitized LIB links ("" when
#                           LIB is not sanitized): an uninstrumented process (python3,
#                           nginx) must preload it before loading LIB
# The caller defines fail().

isolate_aws() {
  export AWS_CONFIG_FILE="$1/no-aws-config"
  export AWS_SHARED_CREDENTIALS_FILE="$1/no-aws-credentials"
  unset AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY \
    AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_APPRUNNER 2>/dev/null || true
}

find_python() {
  command -v python3 >/dev/null 2>&1 || fail "python3 is not on PATH (PATH=$PATH)"
  python3 -c 'import botocore' 2>/dev/null ||
    fail "botocore is not importable by $(command -v python3) (PATH=$PATH)"
  python="$(python3 -c 'import sys; print(sys.executable)')" ||
    fail "$(command -v python3) cannot report its interpreter"
  [ -x "$python" ] || fail "python3's sys.executable is not executable: '$python'"
}

sanitizer_runtime() {
  ldd "$1" 2>/dev/null | awk '/lib(asan|tsan)\.so/ { print $3; exit }' || true
}
