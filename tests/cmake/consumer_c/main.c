/* A C consumer of the installed apprunner-codec: <apprunner_codec.h> and the shared
 * library only, found through pkg-config (tests/cmake/run.sh builds it with
 *   cc main.c $(pkg-config --cflags --libs apprunner-codec) -Wl,-rpath,<prefix>/lib).
 * Inspects one valid and one invalid PauseService request; exits non-zero on any
 * mismatch. */
#include <apprunner_codec.h>

#include <stdio.h>
#include <string.h>

static const char kTarget[] = "AppRunner.PauseService";
static const char kContentType[] = "application/x-amz-json-1.0";
static const char kValidBody[] =
    "{\"ServiceArn\":\"arn:aws:apprunner:us-east-1:123456789012:service/my-app/"
    "8fe1e10304f84fd2b0df550fe98a71fa\"}";
static const char kInvalidBody[] = "{}";

static int failures = 0;

static void expect(int ok, const char* what) {
  if (!ok) {
    fprintf(stderr, "consumer_c: FAILED: %s\n", what);
    ++failures;
  }
}

static const apprunner_codec_result* inspect(apprunner_codec* codec, const char* body, size_t body_len) {
  apprunner_codec_request req;
  const apprunner_codec_result* result = NULL;
  int status;
  memset(&req, 0, sizeof req);
  req.method = "POST";
  req.method_len = 4;
  req.path = "/";
  req.path_len = 1;
  req.target = kTarget;
  req.target_len = sizeof kTarget - 1;
  req.content_type = kContentType;
  req.content_type_len = sizeof kContentType - 1;
  req.body = body;
  req.body_len = body_len;
  status = apprunner_codec_inspect(codec, &req, &result);
  if (status != APPRUNNER_CODEC_OK || result == NULL) {
    fprintf(stderr, "consumer_c: inspect returned %s: %s\n", apprunner_codec_status_name(status),
            apprunner_codec_last_error(codec));
    return NULL;
  }
  return result;
}

static const char* verdict_name(int verdict) {
  return verdict == APPRUNNER_CODEC_FORWARD ? "FORWARD" : verdict == APPRUNNER_CODEC_REJECT ? "REJECT" : "?";
}

int main(void) {
  apprunner_codec* codec = NULL;
  const apprunner_codec_result* r;
  const apprunner_codec_result* too_large = NULL;

  printf("apprunner_codec %s (%d)\n", apprunner_codec_version(), apprunner_codec_version_number());
  expect(strcmp(apprunner_codec_version(), "1.1.0") == 0, "version is 1.1.0");
  expect(apprunner_codec_version_number() == APPRUNNER_CODEC_VERSION_NUMBER,
         "version number matches the header");

  if (apprunner_codec_create(&codec) != APPRUNNER_CODEC_OK || codec == NULL) {
    fprintf(stderr, "consumer_c: FAILED: apprunner_codec_create\n");
    return 1;
  }

  r = inspect(codec, kValidBody, sizeof kValidBody - 1);
  expect(r != NULL, "inspect(valid) returns OK");
  if (r != NULL) {
    printf("valid PauseService: %s status=%d operation=%s\n", verdict_name(r->verdict), r->status,
           r->operation.data);
    expect(r->verdict == APPRUNNER_CODEC_FORWARD, "valid request is FORWARD");
    expect(r->check == APPRUNNER_CODEC_CHECK_NONE, "valid request passes every check");
    expect(r->status == 200, "valid request status is 200");
    expect(strcmp(r->operation.data, "PauseService") == 0, "operation is PauseService");
  }

  r = inspect(codec, kInvalidBody, sizeof kInvalidBody - 1);
  expect(r != NULL, "inspect(invalid) returns OK");
  if (r != NULL) {
    printf("invalid PauseService: %s status=%d error_type=%s body=%s\n", verdict_name(r->verdict), r->status,
           r->error_type.data, r->body.data);
    expect(r->verdict == APPRUNNER_CODEC_REJECT, "invalid request is REJECT");
    expect(r->check == APPRUNNER_CODEC_CHECK_VALIDATION, "invalid request fails validation");
    expect(r->status == 400, "invalid request status is 400");
    expect(strcmp(r->error_type.data, "InvalidRequestException") == 0,
           "error_type is InvalidRequestException");
    expect(r->violation_count >= 1, "at least one violation");
  }

  /* Since 1.1 (symbol version APPRUNNER_CODEC_1.1). */
  expect(apprunner_codec_reject_body_too_large(codec, 5000000, &too_large) == APPRUNNER_CODEC_OK,
         "reject_body_too_large returns OK");
  expect(too_large != NULL && too_large->status == 413 &&
             strcmp(too_large->error_type.data, "RequestEntityTooLargeException") == 0,
         "reject_body_too_large is 413 RequestEntityTooLargeException");

  apprunner_codec_destroy(codec);
  if (failures != 0) {
    fprintf(stderr, "consumer_c: %d check(s) failed\n", failures);
    return 1;
  }
  printf("consumer_c: ok\n");
  return 0;
}
