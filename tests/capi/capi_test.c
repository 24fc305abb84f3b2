/* Tests of the C ABI (include/apprunner_codec.h), written in C99 against the header
 * alone, without a test framework: every entry point, every check kind, the NULL and
 * bad-value paths, the pointer + length conventions (embedded NUL bytes), report-only
 * mode, result lifetime, copy_body truncation, padded (in-place) bodies, every
 * operation of the model (an empty body and the valid sample of examples/operations),
 * and two handles used from two threads at once.
 *
 * Usage: capi_test [FILE.request.json ...]   (Bazel passes every examples/operations
 * file; without arguments the samples are looked up under
 * $TEST_SRCDIR/$TEST_WORKSPACE/examples/operations/.)
 */
#define _POSIX_C_SOURCE 200809L

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apprunner_codec.h"

/* ------------------------------------------------------------------------------------ */
/* The framework: CHECK counts, prints file:line and the expression of a failure.        */

static int g_checks = 0;
static int g_failed = 0;

static int check_at(int ok, const char* expr, const char* file, int line, const char* context) {
  ++g_checks;
  if (!ok) {
    ++g_failed;
    fprintf(stderr, "%s:%d: CHECK failed: %s%s%s%s\n", file, line, expr, context ? "  [" : "",
            context ? context : "", context ? "]" : "");
  }
  return ok;
}

#define CHECK(expr) check_at((expr) ? 1 : 0, #expr, __FILE__, __LINE__, NULL)
/* CHECK with a context string (an operation name, a case label) printed on failure. */
#define CHECKC(expr, ctx) check_at((expr) ? 1 : 0, #expr, __FILE__, __LINE__, (ctx))
/* Inside helpers: the caller's line. */
#define CHECK_AT(expr, line, ctx) check_at((expr) ? 1 : 0, #expr, __FILE__, (line), (ctx))

/* ------------------------------------------------------------------------------------ */
/* Helpers.                                                                               */

static const char kCT[] = "application/x-amz-json-1.0";
static const char kValidPause[] = "{\"ServiceArn\":\"arn:aws:::123456789012:x\"}";

static size_t len_of(const char* s) { return s != NULL ? strlen(s) : 0; }

/* POST / with the awsJson1_0 Content-Type, `target` and `body` (NUL-terminated). */
static apprunner_codec_request req_of(const char* target, const char* body) {
  apprunner_codec_request r;
  memset(&r, 0, sizeof r);
  r.method = "POST";
  r.method_len = 4;
  r.path = "/";
  r.path_len = 1;
  r.target = target;
  r.target_len = len_of(target);
  r.content_type = kCT;
  r.content_type_len = sizeof kCT - 1;
  r.body = body;
  r.body_len = len_of(body);
  return r;
}

/* An output string: never NULL, NUL-terminated at size. */
static int str_ok(apprunner_codec_str s) { return s.data != NULL && s.data[s.size] == '\0'; }

static int str_eq(apprunner_codec_str s, const char* lit) {
  size_t n = strlen(lit);
  return s.data != NULL && s.size == n && memcmp(s.data, lit, n) == 0;
}

/* Whether [hay, hay + hay_len) contains [needle, needle + n) (bytes, NULs included). */
static int mem_contains(const char* hay, size_t hay_len, const char* needle, size_t n) {
  size_t i;
  if (n == 0) return 1;
  if (hay == NULL || hay_len < n) return 0;
  for (i = 0; i + n <= hay_len; ++i) {
    if (memcmp(hay + i, needle, n) == 0) return 1;
  }
  return 0;
}

static int str_contains(apprunner_codec_str s, const char* needle) {
  return mem_contains(s.data, s.size, needle, strlen(needle));
}

static size_t count_byte(apprunner_codec_str s, char c) {
  size_t i, n = 0;
  for (i = 0; i < s.size; ++i) n += s.data[i] == c;
  return n;
}

static int str_starts_with(apprunner_codec_str s, const char* prefix) {
  size_t n = strlen(prefix);
  return s.size >= n && memcmp(s.data, prefix, n) == 0;
}

/* A JSON string starting at s[*i] == '"': advances past it. 0 when malformed (raw
 * control characters, bad escapes, unterminated). */
static int json_string(const char* s, size_t n, size_t* i) {
  size_t k;
  if (*i >= n || s[*i] != '"') return 0;
  for (k = *i + 1; k < n; ++k) {
    unsigned char c = (unsigned char)s[k];
    if (c == '"') {
      *i = k + 1;
      return 1;
    }
    if (c < 0x20) return 0;
    if (c == '\\') {
      ++k;
      if (k >= n) return 0;
      if (s[k] == 'u') {
        int d;
        for (d = 1; d <= 4; ++d) {
          char h = k + d < n ? s[k + d] : 0;
          if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) return 0;
        }
        k += 4;
      } else if (strchr("\"\\/bfnrt", s[k]) == NULL || s[k] == '\0') {
        return 0;
      }
    }
  }
  return 0;
}

/* The shape of an awsJson1_0 error body: a flat JSON object of string members whose
 * first member is "__type" and which has a "Message". */
static int is_error_body(apprunner_codec_str b) {
  const char* s = b.data;
  size_t n = b.size, i = 0;
  int members = 0;
  if (n < 2 || s[0] != '{' || s[n - 1] != '}') return 0;
  if (!str_starts_with(b, "{\"__type\":\"")) return 0;
  if (!str_contains(b, "\"Message\":\"")) return 0;
  i = 1;
  for (;;) {
    if (!json_string(s, n, &i)) return 0;
    if (i >= n || s[i] != ':') return 0;
    ++i;
    if (!json_string(s, n, &i)) return 0;
    ++members;
    if (i < n && s[i] == ',') {
      ++i;
      continue;
    }
    break;
  }
  return members >= 2 && i == n - 1 && s[i] == '}';
}

/* Every string of a result: never NULL, NUL-terminated. */
static void check_strings(const apprunner_codec_result* r, int line, const char* ctx) {
  CHECK_AT(str_ok(r->operation), line, ctx);
  CHECK_AT(str_ok(r->content_type), line, ctx);
  CHECK_AT(str_ok(r->error_type), line, ctx);
  CHECK_AT(str_ok(r->message), line, ctx);
  CHECK_AT(str_ok(r->body), line, ctx);
  CHECK_AT(str_eq(r->content_type, "application/x-amz-json-1.0"), line, ctx);
}

/* Inspects; checks the call and the invariants every result has. NULL when the call failed. */
static const apprunner_codec_result* inspect_at(apprunner_codec* c, const apprunner_codec_request* req,
                                                int line, const char* ctx) {
  const apprunner_codec_result* r = NULL;
  const apprunner_codec_result* again = NULL;
  int rc = apprunner_codec_inspect(c, req, &r);
  if (!CHECK_AT(rc == APPRUNNER_CODEC_OK, line, ctx) || !CHECK_AT(r != NULL, line, ctx)) return NULL;
  check_strings(r, line, ctx);
  CHECK_AT(apprunner_codec_result_get(c, &again) == APPRUNNER_CODEC_OK && again == r, line, ctx);
  CHECK_AT(strcmp(apprunner_codec_last_error(c), "") == 0, line, ctx);
  return r;
}

/* An accepted request: FORWARD, NONE, 200, empty error strings. */
static void expect_forward_at(apprunner_codec* c, const apprunner_codec_request* req, const char* op,
                              int line, const char* ctx) {
  const apprunner_codec_result* r = inspect_at(c, req, line, ctx);
  apprunner_codec_violation v;
  size_t needed = 99;
  if (r == NULL) return;
  CHECK_AT(r->verdict == APPRUNNER_CODEC_FORWARD, line, ctx);
  CHECK_AT(r->check == APPRUNNER_CODEC_CHECK_NONE, line, ctx);
  CHECK_AT(r->status == 200, line, ctx);
  CHECK_AT(op == NULL || str_eq(r->operation, op), line, ctx);
  CHECK_AT(r->error_type.size == 0 && r->message.size == 0 && r->body.size == 0, line, ctx);
  CHECK_AT(r->violation_count == 0, line, ctx);
  CHECK_AT(apprunner_codec_violation_stored(c) == 0, line, ctx);
  CHECK_AT(apprunner_codec_violation_get(c, 0, &v) == APPRUNNER_CODEC_NO_RESULT, line, ctx);
  CHECK_AT(apprunner_codec_copy_body(c, NULL, 0, &needed) == APPRUNNER_CODEC_OK && needed == 0, line, ctx);
}

/* A rejected request (or, with report_only, one that would be): check, status,
 * error_type, the body's shape and its __type, the message (contains `msg_part`). */
static const apprunner_codec_result* expect_reject_at(apprunner_codec* c, const apprunner_codec_request* req,
                                                      int verdict, int check, int status, const char* type,
                                                      const char* msg_part, int line, const char* ctx) {
  const apprunner_codec_result* r = inspect_at(c, req, line, ctx);
  char type_member[128];
  char copy[4096];
  size_t needed = 0;
  if (r == NULL) return NULL;
  CHECK_AT(r->verdict == verdict, line, ctx);
  CHECK_AT(r->check == check, line, ctx);
  CHECK_AT(r->status == status, line, ctx);
  CHECK_AT(str_eq(r->error_type, type), line, ctx);
  CHECK_AT(r->message.size > 0, line, ctx);
  CHECK_AT(msg_part == NULL || str_contains(r->message, msg_part), line, ctx);
  CHECK_AT(is_error_body(r->body), line, ctx);
  snprintf(type_member, sizeof type_member, "{\"__type\":\"%s\",", type);
  CHECK_AT(str_starts_with(r->body, type_member), line, ctx);
  CHECK_AT(str_contains(r->body, "__type"), line, ctx);
  /* A message without characters JSON escapes appears verbatim in the body. */
  if (memchr(r->message.data, '"', r->message.size) == NULL &&
      memchr(r->message.data, '\\', r->message.size) == NULL &&
      memchr(r->message.data, '\0', r->message.size) == NULL) {
    CHECK_AT(mem_contains(r->body.data, r->body.size, r->message.data, r->message.size), line, ctx);
  }
  if (check != APPRUNNER_CODEC_CHECK_VALIDATION) {
    CHECK_AT(r->violation_count == 0, line, ctx);
    CHECK_AT(apprunner_codec_violation_stored(c) == 0, line, ctx);
  }
  if (r->body.size < sizeof copy) {
    CHECK_AT(apprunner_codec_copy_body(c, copy, sizeof copy, &needed) == APPRUNNER_CODEC_OK, line, ctx);
    CHECK_AT(needed == r->body.size && memcmp(copy, r->body.data, r->body.size + 1) == 0, line, ctx);
  }
  return r;
}

#define INSPECT(c, req) inspect_at((c), (req), __LINE__, NULL)
#define EXPECT_FORWARD(c, req, op) expect_forward_at((c), (req), (op), __LINE__, NULL)
#define EXPECT_REJECT(c, req, check, status, type, msg) \
  expect_reject_at((c), (req), APPRUNNER_CODEC_REJECT, (check), (status), (type), (msg), __LINE__, NULL)
#define EXPECT_WOULD_REJECT(c, req, check, status, type, msg) \
  expect_reject_at((c), (req), APPRUNNER_CODEC_FORWARD, (check), (status), (type), (msg), __LINE__, NULL)

static apprunner_codec* new_codec(void) {
  apprunner_codec* c = NULL;
  if (!CHECK(apprunner_codec_create(&c) == APPRUNNER_CODEC_OK) || !CHECK(c != NULL)) {
    fprintf(stderr, "cannot create a handle\n");
    exit(2);
  }
  return c;
}

/* The operation names of the model (static storage of the library). */
static apprunner_codec_str g_ops[64];
static size_t g_num_ops = 0;

/* ------------------------------------------------------------------------------------ */

static void test_version(void) {
  char expected[32];
  snprintf(expected, sizeof expected, "%d.%d.%d", APPRUNNER_CODEC_VERSION_MAJOR,
           APPRUNNER_CODEC_VERSION_MINOR, APPRUNNER_CODEC_VERSION_PATCH);
  CHECK(apprunner_codec_version() != NULL);
  CHECK(strcmp(apprunner_codec_version(), expected) == 0);
  CHECK(strcmp(apprunner_codec_version(), "1.1.0") == 0);
  CHECK(apprunner_codec_version_number() == APPRUNNER_CODEC_VERSION_NUMBER);
  CHECK(APPRUNNER_CODEC_VERSION_NUMBER == APPRUNNER_CODEC_VERSION_MAJOR * 10000 +
                                              APPRUNNER_CODEC_VERSION_MINOR * 100 +
                                              APPRUNNER_CODEC_VERSION_PATCH);
  CHECK(APPRUNNER_CODEC_PADDING == 64);
}

static void test_names(void) {
  static const struct {
    int value;
    const char* name;
  } statuses[] = {
      {APPRUNNER_CODEC_OK, "OK"},
      {APPRUNNER_CODEC_NULL_ARGUMENT, "NULL_ARGUMENT"},
      {APPRUNNER_CODEC_INVALID_ARGUMENT, "INVALID_ARGUMENT"},
      {APPRUNNER_CODEC_NO_MEMORY, "NO_MEMORY"},
      {APPRUNNER_CODEC_BUFFER_TOO_SMALL, "BUFFER_TOO_SMALL"},
      {APPRUNNER_CODEC_NO_RESULT, "NO_RESULT"},
      {APPRUNNER_CODEC_INTERNAL, "INTERNAL"},
  };
  static const struct {
    int value;
    const char* name;
  } checks[] = {
      {APPRUNNER_CODEC_CHECK_NONE, "None"},
      {APPRUNNER_CODEC_CHECK_BODY_TOO_LARGE, "BodyTooLarge"},
      {APPRUNNER_CODEC_CHECK_METHOD, "Method"},
      {APPRUNNER_CODEC_CHECK_PATH, "Path"},
      {APPRUNNER_CODEC_CHECK_CONTENT_TYPE, "ContentType"},
      {APPRUNNER_CODEC_CHECK_UNKNOWN_OPERATION, "UnknownOperation"},
      {APPRUNNER_CODEC_CHECK_DENIED, "Denied"},
      {APPRUNNER_CODEC_CHECK_SERIALIZATION, "Serialization"},
      {APPRUNNER_CODEC_CHECK_VALIDATION, "Validation"},
  };
  static const int bad_statuses[] = {1, -7, 42, -100, INT_MAX, INT_MIN};
  static const int bad_checks[] = {-1, 9, 10, 255, 256, INT_MAX, INT_MIN};
  size_t i;
  /* The enum values are the documented ones. */
  CHECK(APPRUNNER_CODEC_OK == 0 && APPRUNNER_CODEC_NULL_ARGUMENT == -1 &&
        APPRUNNER_CODEC_INVALID_ARGUMENT == -2 && APPRUNNER_CODEC_NO_MEMORY == -3 &&
        APPRUNNER_CODEC_BUFFER_TOO_SMALL == -4 && APPRUNNER_CODEC_NO_RESULT == -5 &&
        APPRUNNER_CODEC_INTERNAL == -6);
  CHECK(APPRUNNER_CODEC_FORWARD == 0 && APPRUNNER_CODEC_REJECT == 1);
  for (i = 0; i < sizeof statuses / sizeof statuses[0]; ++i) {
    const char* name = apprunner_codec_status_name(statuses[i].value);
    CHECKC(name != NULL && strcmp(name, statuses[i].name) == 0, statuses[i].name);
  }
  for (i = 0; i < sizeof bad_statuses / sizeof bad_statuses[0]; ++i) {
    const char* name = apprunner_codec_status_name(bad_statuses[i]);
    CHECK(name != NULL && strcmp(name, "UNKNOWN") == 0);
  }
  for (i = 0; i < sizeof checks / sizeof checks[0]; ++i) {
    const char* name = apprunner_codec_check_name(checks[i].value);
    CHECKC(checks[i].value == (int)i, checks[i].name);
    CHECKC(name != NULL && strcmp(name, checks[i].name) == 0, checks[i].name);
  }
  for (i = 0; i < sizeof bad_checks / sizeof bad_checks[0]; ++i) {
    const char* name = apprunner_codec_check_name(bad_checks[i]);
    CHECK(name != NULL && strcmp(name, "Unknown") == 0);
  }
}

static void test_create_destroy_null(void) {
  apprunner_codec* c = NULL;
  apprunner_codec* d = NULL;
  const apprunner_codec_result* r = (const apprunner_codec_result*)&c; /* any non-NULL */
  apprunner_codec_violation v;
  apprunner_codec_request req = req_of("AppRunner.PauseService", kValidPause);
  apprunner_codec_str s;
  char buf[16];
  size_t needed = 77;

  CHECK(apprunner_codec_create(NULL) == APPRUNNER_CODEC_NULL_ARGUMENT);
  apprunner_codec_destroy(NULL); /* a no-op: must not crash */
  c = new_codec();
  d = new_codec();
  CHECK(c != d);
  CHECK(strcmp(apprunner_codec_last_error(c), "") == 0);

  /* Every entry point with a NULL handle. */
  CHECK(apprunner_codec_set_max_body_size(NULL, 100) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_set_report_only(NULL, 1) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_set_unknown_operation_status(NULL, 404) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_allow(NULL, "PauseService", 12) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_deny(NULL, "PauseService", 12) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_clear_policy(NULL) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_is_allowed(NULL, "PauseService", 12) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_inspect(NULL, &req, &r) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(r == NULL);
  r = (const apprunner_codec_result*)&c;
  CHECK(apprunner_codec_result_get(NULL, &r) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(r == NULL);
  CHECK(apprunner_codec_violation_get(NULL, 0, &v) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_violation_stored(NULL) == 0);
  CHECK(apprunner_codec_copy_body(NULL, buf, sizeof buf, &needed) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(needed == 0);
  CHECK(apprunner_codec_last_error(NULL) != NULL && strlen(apprunner_codec_last_error(NULL)) > 0);

  /* NULL out-pointers with a valid handle. */
  CHECK(apprunner_codec_result_get(c, NULL) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_violation_get(c, 0, NULL) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_operation_name(0, NULL) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_operation_name(0, &s) == APPRUNNER_CODEC_OK);

  apprunner_codec_destroy(c);
  apprunner_codec_destroy(d);
}

static void test_setters(void) {
  apprunner_codec* c = new_codec();
  static const int bad_status[] = {0, 200, 401, 403, 405, 500, -400, 4040, INT_MIN, INT_MAX};
  const size_t limit = (size_t)1 << 31;
  char big[64];
  apprunner_codec_request req;
  size_t i;

  /* Max body size: 1 .. 2^31. */
  CHECK(apprunner_codec_set_max_body_size(c, 0) == APPRUNNER_CODEC_INVALID_ARGUMENT);
  CHECK(strlen(apprunner_codec_last_error(c)) > 0);
  CHECK(strstr(apprunner_codec_last_error(c), "max body size") != NULL);
  CHECK(apprunner_codec_set_max_body_size(c, limit + 1) == APPRUNNER_CODEC_INVALID_ARGUMENT);
  CHECK(strstr(apprunner_codec_last_error(c), "max body size") != NULL);
  CHECK(apprunner_codec_set_max_body_size(c, SIZE_MAX) == APPRUNNER_CODEC_INVALID_ARGUMENT);
  CHECK(apprunner_codec_set_max_body_size(c, limit) == APPRUNNER_CODEC_OK);
  CHECK(apprunner_codec_set_max_body_size(c, 1) == APPRUNNER_CODEC_OK);
  CHECK(apprunner_codec_set_max_body_size(c, 41) == APPRUNNER_CODEC_OK);
  /* A refused value leaves the limit as it was (41 bytes). */
  CHECK(apprunner_codec_set_max_body_size(c, 0) == APPRUNNER_CODEC_INVALID_ARGUMENT);
  CHECK(sizeof kValidPause - 1 == 41);
  req = req_of("AppRunner.PauseService", kValidPause);
  EXPECT_FORWARD(c, &req, "PauseService"); /* exactly at the limit */
  memset(big, ' ', sizeof big);
  memcpy(big, kValidPause, sizeof kValidPause - 1);
  req.body = big;
  req.body_len = 42; /* one trailing space over the limit */
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_BODY_TOO_LARGE, 413, "RequestEntityTooLargeException",
                "request body of 42 bytes exceeds the limit of 41 bytes");
  CHECK(apprunner_codec_set_max_body_size(c, 42) == APPRUNNER_CODEC_OK);
  EXPECT_FORWARD(c, &req, "PauseService"); /* trailing whitespace is fine */

  /* Report-only: any int; non-zero is on. */
  CHECK(apprunner_codec_set_report_only(c, 0) == APPRUNNER_CODEC_OK);
  CHECK(apprunner_codec_set_report_only(c, -5) == APPRUNNER_CODEC_OK);
  req = req_of("AppRunner.PauseService", "{}");
  EXPECT_WOULD_REJECT(c, &req, APPRUNNER_CODEC_CHECK_VALIDATION, 400, "InvalidRequestException", NULL);
  CHECK(apprunner_codec_set_report_only(c, 0) == APPRUNNER_CODEC_OK);
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_VALIDATION, 400, "InvalidRequestException", NULL);

  /* Unknown-operation status: 400 or 404 only; a refused value changes nothing. */
  for (i = 0; i < sizeof bad_status / sizeof bad_status[0]; ++i) {
    CHECK(apprunner_codec_set_unknown_operation_status(c, bad_status[i]) == APPRUNNER_CODEC_INVALID_ARGUMENT);
    CHECK(strstr(apprunner_codec_last_error(c), "400 or 404") != NULL);
  }
  req = req_of("AppRunner.Nope", "{}");
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_UNKNOWN_OPERATION, 400, "UnknownOperationException", NULL);
  CHECK(apprunner_codec_set_unknown_operation_status(c, 404) == APPRUNNER_CODEC_OK);
  CHECK(apprunner_codec_set_unknown_operation_status(c, 4) == APPRUNNER_CODEC_INVALID_ARGUMENT);
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_UNKNOWN_OPERATION, 404, "UnknownOperationException", NULL);
  CHECK(apprunner_codec_set_unknown_operation_status(c, 400) == APPRUNNER_CODEC_OK);
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_UNKNOWN_OPERATION, 400, "UnknownOperationException", NULL);

  /* last_error: cleared by a successful inspect, set by the next failure. */
  CHECK(strcmp(apprunner_codec_last_error(c), "") == 0);
  CHECK(apprunner_codec_inspect(c, NULL, NULL) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(strlen(apprunner_codec_last_error(c)) > 0);
  apprunner_codec_destroy(c);
}

static int count_allowed(const apprunner_codec* c) {
  size_t i;
  int n = 0;
  for (i = 0; i < g_num_ops; ++i) {
    int a = apprunner_codec_is_allowed(c, g_ops[i].data, g_ops[i].size);
    if (a == 1)
      ++n;
    else if (a != 0)
      return -1000; /* an operation name must never be an error */
  }
  return n;
}

static int count_prefix(const char* prefix) {
  size_t i;
  int n = 0;
  for (i = 0; i < g_num_ops; ++i) {
    if (str_starts_with(g_ops[i], prefix)) ++n;
  }
  return n;
}

static void test_policy(void) {
  apprunner_codec* c = new_codec();
  const int all = (int)g_num_ops;
  const int describe = count_prefix("Describe");
  const int del = count_prefix("Delete");
  apprunner_codec_request req;

  CHECK(describe >= 2 && del >= 2);
  CHECK(count_allowed(c) == all); /* default: everything */

  /* A pattern matching no operation: INVALID_ARGUMENT, last_error says why, nothing changes. */
  CHECK(apprunner_codec_allow(c, "Nope", 4) == APPRUNNER_CODEC_INVALID_ARGUMENT);
  CHECK(strstr(apprunner_codec_last_error(c), "'Nope'") != NULL);
  CHECK(strstr(apprunner_codec_last_error(c), "matches no operation") != NULL);
  CHECK(count_allowed(c) == all);
  CHECK(apprunner_codec_deny(c, "Nope*", 5) == APPRUNNER_CODEC_INVALID_ARGUMENT);
  CHECK(strstr(apprunner_codec_last_error(c), "'Nope*'") != NULL);
  CHECK(count_allowed(c) == all);
  CHECK(apprunner_codec_allow(c, "pauseservice", 12) ==
        APPRUNNER_CODEC_INVALID_ARGUMENT); /* case-sensitive */
  CHECK(apprunner_codec_allow(c, "PauseService\0", 13) == APPRUNNER_CODEC_INVALID_ARGUMENT); /* NUL is data */
  CHECK(apprunner_codec_deny(c, "Pause", 5) == APPRUNNER_CODEC_INVALID_ARGUMENT); /* a prefix needs '*' */
  CHECK(apprunner_codec_allow(c, NULL, 0) == APPRUNNER_CODEC_INVALID_ARGUMENT);   /* empty pattern */
  CHECK(count_allowed(c) == all);
  req = req_of("AppRunner.DeleteService", "{}");
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_VALIDATION, 400, "InvalidRequestException", NULL);

  /* NULL pattern with a length. */
  CHECK(apprunner_codec_allow(c, NULL, 5) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(strlen(apprunner_codec_last_error(c)) > 0);
  CHECK(apprunner_codec_deny(c, NULL, 1) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(count_allowed(c) == all);

  /* is_allowed on names that are no operation. */
  CHECK(apprunner_codec_is_allowed(c, "Nope", 4) < 0);
  CHECK(apprunner_codec_is_allowed(c, "Nope", 4) == APPRUNNER_CODEC_INVALID_ARGUMENT);
  CHECK(apprunner_codec_is_allowed(c, "Describe*", 9) < 0);
  CHECK(apprunner_codec_is_allowed(c, NULL, 0) < 0);
  CHECK(apprunner_codec_is_allowed(c, NULL, 12) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_is_allowed(c, "PauseService\0", 13) < 0);
  CHECK(apprunner_codec_is_allowed(c, "PauseServiceXYZ", 12) == 1); /* the length decides */

  /* An exact name: only that operation. The pattern is pointer + length. */
  CHECK(apprunner_codec_allow(c, "PauseServiceGARBAGE", 12) == APPRUNNER_CODEC_OK);
  CHECK(count_allowed(c) == 1);
  CHECK(apprunner_codec_is_allowed(c, "PauseService", 12) == 1);
  CHECK(apprunner_codec_is_allowed(c, "ResumeService", 13) == 0);
  req = req_of("AppRunner.PauseService", kValidPause);
  EXPECT_FORWARD(c, &req, "PauseService");
  req = req_of("AppRunner.ResumeService", kValidPause);
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_DENIED, 400, "AccessDeniedException",
                "operation ResumeService is not allowed");
  {
    const apprunner_codec_result* r = NULL;
    CHECK(apprunner_codec_result_get(c, &r) == APPRUNNER_CODEC_OK && r != NULL &&
          str_eq(r->operation, "ResumeService"));
  }

  /* A prefix pattern adds to the allow list. */
  CHECK(apprunner_codec_allow(c, "Describe*", 9) == APPRUNNER_CODEC_OK);
  CHECK(count_allowed(c) == 1 + describe);
  CHECK(apprunner_codec_is_allowed(c, "DescribeService", 15) == 1);
  CHECK(apprunner_codec_is_allowed(c, "DescribeVpcConnector", 20) == 1);
  CHECK(apprunner_codec_is_allowed(c, "ListServices", 12) == 0);

  /* Deny overrides allow. */
  CHECK(apprunner_codec_deny(c, "DescribeService", 15) == APPRUNNER_CODEC_OK);
  CHECK(apprunner_codec_is_allowed(c, "DescribeService", 15) == 0);
  CHECK(apprunner_codec_is_allowed(c, "DescribeVpcConnector", 20) == 1);
  CHECK(count_allowed(c) == describe);
  req = req_of("AppRunner.DescribeService", kValidPause);
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_DENIED, 400, "AccessDeniedException",
                "operation DescribeService is not allowed by this gateway's policy");
  /* A failed pattern keeps the policy. */
  CHECK(apprunner_codec_deny(c, "Zzz*", 4) == APPRUNNER_CODEC_INVALID_ARGUMENT);
  CHECK(count_allowed(c) == describe);
  CHECK(apprunner_codec_deny(c, "*", 1) == APPRUNNER_CODEC_OK);
  CHECK(count_allowed(c) == 0);
  req = req_of("AppRunner.PauseService", kValidPause);
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_DENIED, 400, "AccessDeniedException", "PauseService");

  /* clear_policy: back to everything. */
  CHECK(apprunner_codec_clear_policy(c) == APPRUNNER_CODEC_OK);
  CHECK(count_allowed(c) == all);
  EXPECT_FORWARD(c, &req, "PauseService");

  /* Deny alone: everything but the denied. */
  CHECK(apprunner_codec_deny(c, "Delete*", 7) == APPRUNNER_CODEC_OK);
  CHECK(count_allowed(c) == all - del);
  CHECK(apprunner_codec_is_allowed(c, "DeleteService", 13) == 0);
  CHECK(apprunner_codec_is_allowed(c, "CreateService", 13) == 1);
  /* Allow "*" with a deny: the deny still wins. */
  CHECK(apprunner_codec_allow(c, "*", 1) == APPRUNNER_CODEC_OK);
  CHECK(count_allowed(c) == all - del);
  req = req_of("AppRunner.DeleteService", "{}");
  /* The policy is checked before the body: denied, not a validation error. */
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_DENIED, 400, "AccessDeniedException", "DeleteService");
  CHECK(apprunner_codec_clear_policy(c) == APPRUNNER_CODEC_OK);
  CHECK(apprunner_codec_clear_policy(c) == APPRUNNER_CODEC_OK);
  CHECK(count_allowed(c) == all);
  apprunner_codec_destroy(c);
}

static void test_inspect_arguments(void) {
  apprunner_codec* c = new_codec();
  apprunner_codec_request req = req_of("AppRunner.PauseService", kValidPause);
  const apprunner_codec_request good = req;
  const apprunner_codec_result* r = NULL;
  const apprunner_codec_result* first = NULL;
  int field;

  first = INSPECT(c, &req);
  CHECK(first != NULL);

  r = first;
  CHECK(apprunner_codec_inspect(c, NULL, &r) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(r == NULL);
  CHECK(strlen(apprunner_codec_last_error(c)) > 0);
  CHECK(apprunner_codec_inspect(c, &req, NULL) == APPRUNNER_CODEC_NULL_ARGUMENT);

  /* Each field NULL with a non-zero length. */
  for (field = 0; field < 5; ++field) {
    char ctx[32];
    snprintf(ctx, sizeof ctx, "field %d", field);
    req = good;
    switch (field) {
      case 0: req.method = NULL; break;
      case 1: req.path = NULL; break;
      case 2: req.target = NULL; break;
      case 3: req.content_type = NULL; break;
      default: req.body = NULL; break;
    }
    r = first;
    CHECKC(apprunner_codec_inspect(c, &req, &r) == APPRUNNER_CODEC_NULL_ARGUMENT, ctx);
    CHECKC(r == NULL, ctx);
    CHECKC(strstr(apprunner_codec_last_error(c), "NULL") != NULL, ctx);
    /* A refused inspect leaves no result. */
    CHECKC(apprunner_codec_result_get(c, &r) == APPRUNNER_CODEC_NO_RESULT && r == NULL, ctx);
    /* The same handle still works. */
    req = good;
    CHECKC(INSPECT(c, &req) == first, ctx); /* the handle's one result */
  }

  /* body_capacity smaller than body_len. */
  req = good;
  req.body_capacity = req.body_len - 1;
  r = first;
  CHECK(apprunner_codec_inspect(c, &req, &r) == APPRUNNER_CODEC_INVALID_ARGUMENT);
  CHECK(r == NULL);
  CHECK(strstr(apprunner_codec_last_error(c), "body_capacity") != NULL);
  CHECK(apprunner_codec_result_get(c, &r) == APPRUNNER_CODEC_NO_RESULT);
  req.body_capacity = 1;
  CHECK(apprunner_codec_inspect(c, &req, &r) == APPRUNNER_CODEC_INVALID_ARGUMENT);
  req.body_capacity = req.body_len; /* exactly the body: fine (copied) */
  EXPECT_FORWARD(c, &req, "PauseService");
  req.body_capacity = 0; /* 0: body_len */
  EXPECT_FORWARD(c, &req, "PauseService");

  /* NULL with length 0 is an empty input, not an error. */
  req = good;
  req.body = NULL;
  req.body_len = 0;
  req.body_capacity = 0;
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_SERIALIZATION, 400, "SerializationException", "empty body");
  req.target = NULL;
  req.target_len = 0;
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_UNKNOWN_OPERATION, 400, "UnknownOperationException",
                "missing X-Amz-Target");
  apprunner_codec_destroy(c);
}

static void test_checks(void) {
  apprunner_codec* c = new_codec();
  apprunner_codec_request req;
  const apprunner_codec_result* r;
  const char* accepted_ct[] = {
      "application/x-amz-json-1.0",   "Application/X-Amz-JSON-1.0; charset=utf-8",
      "APPLICATION/X-AMZ-JSON-1.0",   "application/x-amz-json-1.0;charset=UTF-8",
      " application/x-amz-json-1.0 ",
  };
  const char* refused_ct[] = {
      "application/json", "application/x-amz-json-1.1", "application/x-amz-json-1.0x",
      "text/plain",       "application/x-amz-json",     "application/x-amz-json-1.0,text/plain",
  };
  size_t i;

  /* NONE */
  req = req_of("AppRunner.PauseService", kValidPause);
  EXPECT_FORWARD(c, &req, "PauseService");
  req = req_of("AppRunner.ListServices", "{}");
  EXPECT_FORWARD(c, &req, "ListServices");

  /* BODY_TOO_LARGE: before any other check (here the method is wrong too). */
  CHECK(apprunner_codec_set_max_body_size(c, 16) == APPRUNNER_CODEC_OK);
  req = req_of("AppRunner.PauseService", kValidPause);
  req.method = "GET";
  req.method_len = 3;
  r = EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_BODY_TOO_LARGE, 413, "RequestEntityTooLargeException",
                    "request body of 41 bytes exceeds the limit of 16 bytes");
  CHECK(r != NULL && str_eq(r->operation, ""));
  CHECK(r != NULL && str_eq(r->body,
                            "{\"__type\":\"RequestEntityTooLargeException\",\"Message\":\"request body of "
                            "41 bytes exceeds the limit of 16 bytes\"}"));
  CHECK(apprunner_codec_set_max_body_size(c, (size_t)1 << 20) == APPRUNNER_CODEC_OK);

  /* METHOD: exactly "POST". */
  {
    const char* methods[] = {"GET", "post", "PUT", "POST ", "POSTX", ""};
    for (i = 0; i < sizeof methods / sizeof methods[0]; ++i) {
      req = req_of("AppRunner.PauseService", kValidPause);
      req.method = methods[i];
      req.method_len = strlen(methods[i]);
      r = expect_reject_at(c, &req, APPRUNNER_CODEC_REJECT, APPRUNNER_CODEC_CHECK_METHOD, 405,
                           "MethodNotAllowedException", "is not allowed: awsJson1_0 requests are POST /",
                           __LINE__, methods[i]);
      CHECKC(r != NULL && str_eq(r->operation, ""), methods[i]);
    }
    req = req_of("AppRunner.PauseService", kValidPause);
    req.method = "POST\0";
    req.method_len = 5; /* an embedded NUL is data */
    EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_METHOD, 405, "MethodNotAllowedException", NULL);
    req.method = NULL;
    req.method_len = 0;
    EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_METHOD, 405, "MethodNotAllowedException", "method ''");
    req.method = "POSTMAN";
    req.method_len = 4; /* the length decides */
    EXPECT_FORWARD(c, &req, "PauseService");
  }

  /* PATH: "/" only (a query string tolerated); 400, or 404 when configured. */
  {
    const char* paths[] = {"/x", "", "//", "/AppRunner.PauseService", "x/"};
    for (i = 0; i < sizeof paths / sizeof paths[0]; ++i) {
      req = req_of("AppRunner.PauseService", kValidPause);
      req.path = paths[i];
      req.path_len = strlen(paths[i]);
      expect_reject_at(c, &req, APPRUNNER_CODEC_REJECT, APPRUNNER_CODEC_CHECK_PATH, 400,
                       "UnknownOperationException", "names no operation: awsJson1_0 requests are POST /",
                       __LINE__, paths[i]);
    }
    req = req_of("AppRunner.PauseService", kValidPause);
    req.path = "/x";
    req.path_len = 2;
    EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_PATH, 400, "UnknownOperationException", "path '/x'");
    CHECK(apprunner_codec_set_unknown_operation_status(c, 404) == APPRUNNER_CODEC_OK);
    EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_PATH, 404, "UnknownOperationException", "path '/x'");
    req.path = "/?a=b";
    req.path_len = 5;
    EXPECT_FORWARD(c, &req, "PauseService");
    req.path = "/\0";
    req.path_len = 2;
    EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_PATH, 404, "UnknownOperationException", NULL);
    CHECK(apprunner_codec_set_unknown_operation_status(c, 400) == APPRUNNER_CODEC_OK);
  }

  /* CONTENT_TYPE */
  req = req_of("AppRunner.PauseService", kValidPause);
  req.content_type = NULL;
  req.content_type_len = 0;
  r = EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_CONTENT_TYPE, 415, "UnsupportedMediaTypeException",
                    "missing Content-Type");
  CHECK(r != NULL && str_eq(r->message, "missing Content-Type: requests must be application/x-amz-json-1.0"));
  for (i = 0; i < sizeof refused_ct / sizeof refused_ct[0]; ++i) {
    req.content_type = refused_ct[i];
    req.content_type_len = strlen(refused_ct[i]);
    expect_reject_at(c, &req, APPRUNNER_CODEC_REJECT, APPRUNNER_CODEC_CHECK_CONTENT_TYPE, 415,
                     "UnsupportedMediaTypeException", "is not supported", __LINE__, refused_ct[i]);
  }
  req.content_type = "application/json";
  req.content_type_len = 16;
  r = EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_CONTENT_TYPE, 415, "UnsupportedMediaTypeException",
                    "Content-Type 'application/json' is not supported");
  req.content_type = "application/x-amz-json-1.0\0";
  req.content_type_len = 27; /* an embedded NUL is data */
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_CONTENT_TYPE, 415, "UnsupportedMediaTypeException", NULL);
  for (i = 0; i < sizeof accepted_ct / sizeof accepted_ct[0]; ++i) {
    req.content_type = accepted_ct[i];
    req.content_type_len = strlen(accepted_ct[i]);
    expect_forward_at(c, &req, "PauseService", __LINE__, accepted_ct[i]);
  }

  /* UNKNOWN_OPERATION: missing target, another prefix, an unknown operation. */
  req = req_of(NULL, kValidPause);
  r = EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_UNKNOWN_OPERATION, 400, "UnknownOperationException",
                    "missing X-Amz-Target");
  CHECK(r != NULL && str_eq(r->operation, ""));
  {
    const char* targets[] = {"Foo.PauseService",       "AppRunner.Nope",
                             "AppRunner.pauseService", "AppRunner.",
                             "PauseService",           "AppRunner.PauseService ",
                             "apprunner.PauseService", "AppRunner_20200515.PauseService"};
    for (i = 0; i < sizeof targets / sizeof targets[0]; ++i) {
      char want[128];
      req = req_of(targets[i], kValidPause);
      snprintf(want, sizeof want, "X-Amz-Target '%s' names no operation", targets[i]);
      r = expect_reject_at(c, &req, APPRUNNER_CODEC_REJECT, APPRUNNER_CODEC_CHECK_UNKNOWN_OPERATION, 400,
                           "UnknownOperationException", want, __LINE__, targets[i]);
      CHECKC(r != NULL && str_eq(r->operation, ""), targets[i]);
      CHECKC(r != NULL && str_contains(r->message, "it must be 'AppRunner.<Operation>'"), targets[i]);
    }
  }
  req = req_of("AppRunner.PauseService", kValidPause);
  req.target_len = 23; /* "AppRunner.PauseService\0": an embedded NUL is data */
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_UNKNOWN_OPERATION, 400, "UnknownOperationException", NULL);
  req.target = "AppRunner.PauseServiceExtra";
  req.target_len = 22; /* the length decides */
  EXPECT_FORWARD(c, &req, "PauseService");
  CHECK(apprunner_codec_set_unknown_operation_status(c, 404) == APPRUNNER_CODEC_OK);
  req = req_of("AppRunner.Nope", kValidPause);
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_UNKNOWN_OPERATION, 404, "UnknownOperationException", NULL);
  req = req_of(NULL, kValidPause);
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_UNKNOWN_OPERATION, 404, "UnknownOperationException", NULL);
  CHECK(apprunner_codec_set_unknown_operation_status(c, 400) == APPRUNNER_CODEC_OK);

  /* DENIED (more in test_policy). */
  CHECK(apprunner_codec_deny(c, "PauseService", 12) == APPRUNNER_CODEC_OK);
  req = req_of("AppRunner.PauseService", kValidPause);
  r = EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_DENIED, 400, "AccessDeniedException",
                    "operation PauseService is not allowed by this gateway's policy");
  CHECK(r != NULL && str_eq(r->operation, "PauseService"));
  CHECK(apprunner_codec_clear_policy(c) == APPRUNNER_CODEC_OK);

  /* SERIALIZATION: bodies that are no document of the input shape. */
  {
    const char* bodies[] = {"{",
                            "[]",
                            "null",
                            "not json",
                            "{\"ServiceArn\":1}",
                            "{\"ServiceArn\":\"x\"",
                            "{\"ServiceArn\":\"arn:aws:::123456789012:x\"} {}",
                            "{\"ServiceArn\":\"\\q\"}"};
    for (i = 0; i < sizeof bodies / sizeof bodies[0]; ++i) {
      apprunner_codec_violation v;
      req = req_of("AppRunner.PauseService", bodies[i]);
      r = expect_reject_at(c, &req, APPRUNNER_CODEC_REJECT, APPRUNNER_CODEC_CHECK_SERIALIZATION, 400,
                           "SerializationException", " at byte ", __LINE__, bodies[i]);
      CHECKC(r != NULL && str_eq(r->operation, "PauseService"), bodies[i]);
      CHECKC(apprunner_codec_violation_get(c, 0, &v) == APPRUNNER_CODEC_NO_RESULT, bodies[i]);
    }
    req = req_of("AppRunner.PauseService", "{\"ServiceArn\":1}");
    EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_SERIALIZATION, 400, "SerializationException",
                  "wrong JSON type for member 'ServiceArn'");
  }

  /* VALIDATION: one violation... */
  {
    apprunner_codec_violation v;
    const char* sentence = "Value null at 'serviceArn' failed to satisfy constraint: Member must not be null";
    char whole[256];
    req = req_of("AppRunner.PauseService", "{}");
    r = EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_VALIDATION, 400, "InvalidRequestException", sentence);
    snprintf(whole, sizeof whole, "1 validation error detected: %s", sentence);
    CHECK(r != NULL && str_eq(r->message, whole));
    CHECK(r != NULL && r->violation_count == 1);
    CHECK(apprunner_codec_violation_stored(c) == 1);
    memset(&v, 0, sizeof v);
    CHECK(apprunner_codec_violation_get(c, 0, &v) == APPRUNNER_CODEC_OK);
    CHECK(str_ok(v.path) && str_ok(v.constraint) && str_ok(v.message));
    CHECK(str_eq(v.path, "serviceArn"));
    CHECK(str_eq(v.constraint, "Member must not be null"));
    CHECK(str_eq(v.message, sentence));
    /* Twice: the same texts. */
    {
      apprunner_codec_violation w;
      CHECK(apprunner_codec_violation_get(c, 0, &w) == APPRUNNER_CODEC_OK);
      CHECK(w.path.size == v.path.size && memcmp(w.path.data, v.path.data, v.path.size) == 0);
      CHECK(w.message.size == v.message.size && memcmp(w.message.data, v.message.data, v.message.size) == 0);
    }
    /* Out of range: NO_RESULT, and *out is empty strings (never NULL). */
    v.path.data = NULL;
    CHECK(apprunner_codec_violation_get(c, 1, &v) == APPRUNNER_CODEC_NO_RESULT);
    CHECK(str_eq(v.path, "") && str_eq(v.constraint, "") && str_eq(v.message, ""));
    CHECK(apprunner_codec_violation_get(c, SIZE_MAX, &v) == APPRUNNER_CODEC_NO_RESULT);

    /* ...a pattern violation, quoting the value... */
    req = req_of("AppRunner.PauseService", "{\"ServiceArn\":\"a\\\"b\"}");
    r = EXPECT_REJECT(
        c, &req, APPRUNNER_CODEC_CHECK_VALIDATION, 400, "InvalidRequestException",
        "Value 'a\"b' at 'serviceArn' failed to satisfy constraint: Member must satisfy regular "
        "expression pattern: ");
    CHECK(r != NULL && str_contains(r->body, "Value 'a\\\"b' at 'serviceArn'")); /* escaped in the body */
    CHECK(apprunner_codec_violation_get(c, 0, &v) == APPRUNNER_CODEC_OK);
    CHECK(str_eq(v.path, "serviceArn"));
    CHECK(str_starts_with(v.constraint, "Member must satisfy regular expression pattern: arn:aws"));
    CHECK(str_starts_with(v.message, "Value 'a\"b' at 'serviceArn' failed to satisfy constraint: "));
    CHECK(r != NULL && mem_contains(r->message.data, r->message.size, v.message.data, v.message.size));
    CHECK(v.message.size > v.constraint.size && memcmp(v.message.data + v.message.size - v.constraint.size,
                                                       v.constraint.data, v.constraint.size) == 0);
  }

  /* ...several, in member order, each also in the whole message... */
  {
    const char* body =
        "{\"Tags\":[{\"Key\":\"ok\",\"Value\":\"v\"},{\"Key\":\"aws:x\",\"Value\":\"v\"},"
        "{\"Key\":\"\",\"Value\":\"v\"}]}";
    const char* paths[] = {"resourceArn", "tags.2.member.key", "tags.3.member.key"};
    size_t stored;
    req = req_of("AppRunner.TagResource", body);
    r = EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_VALIDATION, 400, "InvalidRequestException",
                      "validation errors detected: ");
    stored = apprunner_codec_violation_stored(c);
    CHECK(r != NULL && r->violation_count >= 3 && stored == r->violation_count);
    {
      char prefix[64];
      snprintf(prefix, sizeof prefix, "%zu validation errors detected: ", stored);
      CHECK(r != NULL && str_starts_with(r->message, prefix));
    }
    for (i = 0; i < stored; ++i) {
      apprunner_codec_violation v;
      CHECK(apprunner_codec_violation_get(c, i, &v) == APPRUNNER_CODEC_OK);
      CHECK(str_ok(v.path) && str_ok(v.constraint) && str_ok(v.message) && v.constraint.size > 0);
      CHECK(r != NULL && mem_contains(r->message.data, r->message.size, v.message.data, v.message.size));
      if (i < 3) CHECKC(str_eq(v.path, paths[i]), paths[i]);
    }
    CHECK(apprunner_codec_violation_get(c, stored, NULL) == APPRUNNER_CODEC_NULL_ARGUMENT);
  }

  /* ...and more than the 64 stored. */
  {
    static char body[16384];
    size_t n = 0;
    apprunner_codec_violation v;
    n += (size_t)sprintf(body + n, "{\"ResourceArn\":\"arn:aws:::123456789012:x\",\"Tags\":[");
    for (i = 0; i < 100; ++i)
      n += (size_t)sprintf(body + n, "%s{\"Key\":\"aws:%u\",\"Value\":\"v\"}", i ? "," : "", (unsigned)i);
    n += (size_t)sprintf(body + n, "]}");
    req = req_of("AppRunner.TagResource", body);
    r = EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_VALIDATION, 400, "InvalidRequestException",
                      "100 validation errors detected: ");
    CHECK(r != NULL && r->violation_count == 100);
    CHECK(apprunner_codec_violation_stored(c) == 64);
    CHECK(apprunner_codec_violation_get(c, 0, &v) == APPRUNNER_CODEC_OK &&
          str_eq(v.path, "tags.1.member.key") &&
          str_starts_with(v.message, "Value 'aws:0' at 'tags.1.member.key'"));
    CHECK(apprunner_codec_violation_get(c, 63, &v) == APPRUNNER_CODEC_OK &&
          str_eq(v.path, "tags.64.member.key") &&
          str_starts_with(v.message, "Value 'aws:63' at 'tags.64.member.key'"));
    CHECK(apprunner_codec_violation_get(c, 64, &v) == APPRUNNER_CODEC_NO_RESULT);
    CHECK(str_eq(v.path, "") && str_eq(v.message, ""));
    CHECK(apprunner_codec_violation_get(c, 99, &v) == APPRUNNER_CODEC_NO_RESULT);
  }

  /* The next inspect replaces the violations. */
  req = req_of("AppRunner.PauseService", kValidPause);
  EXPECT_FORWARD(c, &req, "PauseService");
  apprunner_codec_destroy(c);
}

static void test_embedded_nul(void) {
  apprunner_codec* c = new_codec();
  apprunner_codec_request req;
  const apprunner_codec_result* r;
  /* A raw NUL inside a string: the whole 20 bytes are parsed (the NUL at byte 16 is a
   * control character), not "{\"ServiceArn\":\"a" nor a shorter string. */
  static const char raw[] = "{\"ServiceArn\":\"a\0b\"}";
  /* A complete valid document, a NUL, more: accepted only if truncated at the NUL. */
  static const char trailing[] = "{\"ServiceArn\":\"arn:aws:::123456789012:x\"}\0garbage";
  /* A NUL inside a valid ARN: truncated it would be a valid value. */
  static const char inside[] = "{\"ServiceArn\":\"arn:aws:::123456789012:x\0y\"}";

  CHECK(sizeof raw - 1 == 20);
  req = req_of("AppRunner.PauseService", raw);
  req.body_len = sizeof raw - 1;
  r = EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_SERIALIZATION, 400, "SerializationException",
                    "at byte 16");
  CHECK(r != NULL && r->verdict == APPRUNNER_CODEC_REJECT);

  req = req_of("AppRunner.PauseService", trailing);
  CHECK(req.body_len == 41);
  EXPECT_FORWARD(c, &req, "PauseService"); /* strlen() length: the document alone */
  req.body_len = sizeof trailing - 1;
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_SERIALIZATION, 400, "SerializationException", "at byte 41");

  req = req_of("AppRunner.PauseService", inside);
  req.body_len = sizeof inside - 1;
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_SERIALIZATION, 400, "SerializationException", NULL);

  /* An escaped NUL (\u0000) decodes to a NUL byte inside the value: a validation error
   * whose message holds the 3 bytes a, NUL, b (and the body escapes it). */
  {
    static const char want[] = "Value 'a\0b' at 'serviceArn' failed to satisfy constraint";
    req = req_of("AppRunner.PauseService", "{\"ServiceArn\":\"a\\u0000b\"}");
    r = EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_VALIDATION, 400, "InvalidRequestException", NULL);
    CHECK(r != NULL && mem_contains(r->message.data, r->message.size, want, sizeof want - 1));
    CHECK(r != NULL && count_byte(r->message, '\0') == 1);
    CHECK(r != NULL && str_contains(r->body, "Value 'a\\u0000b' at 'serviceArn'"));
    CHECK(r != NULL && memchr(r->body.data, '\0', r->body.size) == NULL);
    CHECK(apprunner_codec_violation_stored(c) == 1);
    {
      /* Regression (fixed): violation_get measured each text with strlen, so a NUL in the value
       * cuts the message ("Value 'a"). */
      apprunner_codec_violation v;
      CHECK(apprunner_codec_violation_get(c, 0, &v) == APPRUNNER_CODEC_OK);
      CHECK(mem_contains(v.message.data, v.message.size, want, sizeof want - 1));
      CHECK(r != NULL && mem_contains(r->message.data, r->message.size, v.message.data, v.message.size) &&
            v.message.size > 100);
    }
  }
  apprunner_codec_destroy(c);
}

static void test_report_only(void) {
  apprunner_codec* c = new_codec();
  apprunner_codec_request req;
  const apprunner_codec_result* r = NULL;
  apprunner_codec_violation v;

  CHECK(apprunner_codec_set_report_only(c, 1) == APPRUNNER_CODEC_OK);
  req = req_of("AppRunner.PauseService", kValidPause);
  req.method = "GET";
  req.method_len = 3;
  EXPECT_WOULD_REJECT(c, &req, APPRUNNER_CODEC_CHECK_METHOD, 405, "MethodNotAllowedException",
                      "method 'GET'");
  req = req_of("AppRunner.PauseService", "{}");
  r = EXPECT_WOULD_REJECT(c, &req, APPRUNNER_CODEC_CHECK_VALIDATION, 400, "InvalidRequestException",
                          "Member must not be null");
  CHECK(r != NULL && r->violation_count == 1);
  CHECK(apprunner_codec_violation_stored(c) == 1);
  CHECK(apprunner_codec_violation_get(c, 0, &v) == APPRUNNER_CODEC_OK && str_eq(v.path, "serviceArn"));
  req = req_of("AppRunner.Nope", "{}");
  EXPECT_WOULD_REJECT(c, &req, APPRUNNER_CODEC_CHECK_UNKNOWN_OPERATION, 400, "UnknownOperationException",
                      NULL);
  req = req_of("AppRunner.PauseService", "{");
  EXPECT_WOULD_REJECT(c, &req, APPRUNNER_CODEC_CHECK_SERIALIZATION, 400, "SerializationException", NULL);
  CHECK(apprunner_codec_deny(c, "Pause*", 6) == APPRUNNER_CODEC_OK);
  req = req_of("AppRunner.PauseService", kValidPause);
  EXPECT_WOULD_REJECT(c, &req, APPRUNNER_CODEC_CHECK_DENIED, 400, "AccessDeniedException", NULL);
  CHECK(apprunner_codec_clear_policy(c) == APPRUNNER_CODEC_OK);
  req.content_type = NULL;
  req.content_type_len = 0;
  EXPECT_WOULD_REJECT(c, &req, APPRUNNER_CODEC_CHECK_CONTENT_TYPE, 415, "UnsupportedMediaTypeException",
                      NULL);
  req = req_of("AppRunner.PauseService", kValidPause);
  req.path = "/p";
  req.path_len = 2;
  EXPECT_WOULD_REJECT(c, &req, APPRUNNER_CODEC_CHECK_PATH, 400, "UnknownOperationException", NULL);
  CHECK(apprunner_codec_set_max_body_size(c, 3) == APPRUNNER_CODEC_OK);
  EXPECT_WOULD_REJECT(c, &req, APPRUNNER_CODEC_CHECK_BODY_TOO_LARGE, 413, "RequestEntityTooLargeException",
                      NULL);
  CHECK(apprunner_codec_set_max_body_size(c, 1000) == APPRUNNER_CODEC_OK);
  req = req_of("AppRunner.PauseService", kValidPause);
  EXPECT_FORWARD(c, &req, "PauseService");
  /* Off again: the same request is rejected. */
  CHECK(apprunner_codec_set_report_only(c, 0) == APPRUNNER_CODEC_OK);
  req = req_of("AppRunner.PauseService", "{}");
  EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_VALIDATION, 400, "InvalidRequestException", NULL);
  apprunner_codec_destroy(c);
}

/* The answer for a body the gateway refused before reading it: always REJECT (also in
 * report-only mode), the same 413 body inspect gives for the same size and limit. */
static void test_reject_body_too_large(void) {
  apprunner_codec* c = new_codec();
  apprunner_codec_request req = req_of("AppRunner.PauseService", kValidPause);
  const apprunner_codec_result* r = (const apprunner_codec_result*)c;
  char from_inspect[256];
  size_t needed = 0;

  CHECK(apprunner_codec_reject_body_too_large(NULL, 10, &r) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_reject_body_too_large(c, 10, NULL) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(apprunner_codec_result_get(c, &r) == APPRUNNER_CODEC_NO_RESULT);

  CHECK(apprunner_codec_set_max_body_size(c, 3) == APPRUNNER_CODEC_OK);
  r = EXPECT_REJECT(c, &req, APPRUNNER_CODEC_CHECK_BODY_TOO_LARGE, 413, "RequestEntityTooLargeException",
                    "request body of 41 bytes exceeds the limit of 3 bytes");
  CHECK(apprunner_codec_copy_body(c, from_inspect, sizeof from_inspect, &needed) == APPRUNNER_CODEC_OK);

  CHECK(apprunner_codec_set_report_only(c, 1) == APPRUNNER_CODEC_OK);
  r = NULL;
  CHECK(apprunner_codec_reject_body_too_large(c, req.body_len, &r) == APPRUNNER_CODEC_OK);
  CHECK(r != NULL);
  if (r != NULL) {
    CHECK(r->verdict == APPRUNNER_CODEC_REJECT);
    CHECK(r->check == APPRUNNER_CODEC_CHECK_BODY_TOO_LARGE);
    CHECK(r->status == 413);
    CHECK(str_eq(r->error_type, "RequestEntityTooLargeException"));
    CHECK(str_eq(r->content_type, kCT));
    CHECK(str_eq(r->operation, ""));
    CHECK(r->violation_count == 0);
    CHECK(r->body.size == needed && memcmp(r->body.data, from_inspect, needed) == 0);
    CHECK(r->body.data[r->body.size] == '\0');
  }
  /* Size unknown (0): the message leaves it out. */
  CHECK(apprunner_codec_reject_body_too_large(c, 0, &r) == APPRUNNER_CODEC_OK);
  CHECK(r != NULL && str_eq(r->message, "request body exceeds the limit of 3 bytes"));
  CHECK(r != NULL &&
        strstr(r->body.data, "\"Message\":\"request body exceeds the limit of 3 bytes\"") != NULL);
  CHECK(apprunner_codec_violation_stored(c) == 0);
  /* The next inspect replaces it. */
  CHECK(apprunner_codec_set_report_only(c, 0) == APPRUNNER_CODEC_OK);
  CHECK(apprunner_codec_set_max_body_size(c, 1000) == APPRUNNER_CODEC_OK);
  EXPECT_FORWARD(c, &req, "PauseService");
  apprunner_codec_destroy(c);
}

static void expect_no_result_at(apprunner_codec* c, int line, const char* ctx) {
  const apprunner_codec_result* r = (const apprunner_codec_result*)c;
  apprunner_codec_violation v;
  char buf[8];
  size_t needed = 5;
  CHECK_AT(apprunner_codec_result_get(c, &r) == APPRUNNER_CODEC_NO_RESULT, line, ctx);
  CHECK_AT(r == NULL, line, ctx);
  CHECK_AT(apprunner_codec_violation_stored(c) == 0, line, ctx);
  CHECK_AT(apprunner_codec_violation_get(c, 0, &v) == APPRUNNER_CODEC_NO_RESULT, line, ctx);
  CHECK_AT(apprunner_codec_copy_body(c, buf, sizeof buf, &needed) == APPRUNNER_CODEC_NO_RESULT, line, ctx);
  CHECK_AT(needed == 0, line, ctx);
}

static void test_result_lifetime(void) {
  apprunner_codec* c = new_codec();
  apprunner_codec_request invalid = req_of("AppRunner.PauseService", "{}");
  const apprunner_codec_result* first = NULL;
  const apprunner_codec_result* r = NULL;
  int step;

  expect_no_result_at(c, __LINE__, "fresh handle");
  first = INSPECT(c, &invalid);
  CHECK(first != NULL);
  CHECK(apprunner_codec_result_get(c, &r) == APPRUNNER_CODEC_OK && r == first);
  CHECK(apprunner_codec_violation_stored(c) == 1);
  /* result_get is idempotent. */
  CHECK(apprunner_codec_result_get(c, &r) == APPRUNNER_CODEC_OK && r == first);

  /* Every configuration call invalidates the result. */
  for (step = 0; step < 6; ++step) {
    static const char* names[] = {
        "set_max_body_size", "set_report_only", "set_unknown_operation_status", "allow", "deny",
        "clear_policy"};
    int rc = -100;
    CHECK(INSPECT(c, &invalid) == first);
    CHECK(apprunner_codec_violation_stored(c) == 1);
    switch (step) {
      case 0: rc = apprunner_codec_set_max_body_size(c, 1000); break;
      case 1: rc = apprunner_codec_set_report_only(c, 0); break;
      case 2: rc = apprunner_codec_set_unknown_operation_status(c, 400); break;
      case 3: rc = apprunner_codec_allow(c, "*", 1); break;
      case 4:
        rc = apprunner_codec_deny(c, "Zzz*", 4) == APPRUNNER_CODEC_INVALID_ARGUMENT
                 ? apprunner_codec_deny(c, "ListOperations", 14)
                 : -99;
        break;
      default: rc = apprunner_codec_clear_policy(c); break;
    }
    CHECKC(rc == APPRUNNER_CODEC_OK, names[step]);
    expect_no_result_at(c, __LINE__, names[step]);
  }
  /* The result after re-inspecting is the handle's one result again, with new content. */
  invalid = req_of("AppRunner.PauseService", kValidPause);
  r = INSPECT(c, &invalid);
  CHECK(r == first && r->check == APPRUNNER_CODEC_CHECK_NONE);
  apprunner_codec_destroy(c);
}

static void test_copy_body(void) {
  apprunner_codec* c = new_codec();
  apprunner_codec_request req = req_of("AppRunner.PauseService", "{}");
  const apprunner_codec_result* r;
  char buf[512];
  size_t len, needed;

  {
    char one[1] = {'x'};
    needed = 9;
    CHECK(apprunner_codec_copy_body(c, one, 1, &needed) == APPRUNNER_CODEC_NO_RESULT); /* before inspect */
    CHECK(needed == 0);
  }
  r = INSPECT(c, &req);
  if (!CHECK(r != NULL)) return;
  len = r->body.size;
  CHECK(len > 10 && len + 1 < sizeof buf);

  /* Capacity 0: nothing written, the length reported. */
  memset(buf, '#', sizeof buf);
  needed = 0;
  CHECK(apprunner_codec_copy_body(c, buf, 0, &needed) == APPRUNNER_CODEC_BUFFER_TOO_SMALL);
  CHECK(needed == len);
  CHECK(buf[0] == '#');
  needed = 0;
  CHECK(apprunner_codec_copy_body(c, NULL, 0, &needed) == APPRUNNER_CODEC_BUFFER_TOO_SMALL);
  CHECK(needed == len);

  /* Capacity 1: just the terminator. */
  memset(buf, '#', sizeof buf);
  CHECK(apprunner_codec_copy_body(c, buf, 1, &needed) == APPRUNNER_CODEC_BUFFER_TOO_SMALL);
  CHECK(needed == len && buf[0] == '\0' && buf[1] == '#');

  /* Capacity 2: one byte. */
  memset(buf, '#', sizeof buf);
  CHECK(apprunner_codec_copy_body(c, buf, 2, &needed) == APPRUNNER_CODEC_BUFFER_TOO_SMALL);
  CHECK(buf[0] == '{' && buf[1] == '\0' && buf[2] == '#');

  /* Exactly the length: one byte short for the terminator. */
  memset(buf, '#', sizeof buf);
  CHECK(apprunner_codec_copy_body(c, buf, len, &needed) == APPRUNNER_CODEC_BUFFER_TOO_SMALL);
  CHECK(needed == len);
  CHECK(memcmp(buf, r->body.data, len - 1) == 0 && buf[len - 1] == '\0' && buf[len] == '#');

  /* Length + 1: the whole body and its terminator; nothing past it. */
  memset(buf, '#', sizeof buf);
  needed = 0;
  CHECK(apprunner_codec_copy_body(c, buf, len + 1, &needed) == APPRUNNER_CODEC_OK);
  CHECK(needed == len && memcmp(buf, r->body.data, len) == 0 && buf[len] == '\0' && buf[len + 1] == '#');
  CHECK(
      strcmp(buf,
             "{\"__type\":\"InvalidRequestException\",\"Message\":\"1 validation error detected: Value null "
             "at 'serviceArn' failed to satisfy constraint: Member must not be null\"}") == 0);

  /* Plenty; needed may be NULL. */
  memset(buf, '#', sizeof buf);
  CHECK(apprunner_codec_copy_body(c, buf, sizeof buf, NULL) == APPRUNNER_CODEC_OK);
  CHECK(strlen(buf) == len && buf[len + 1] == '#');
  CHECK(apprunner_codec_copy_body(c, buf, len, NULL) == APPRUNNER_CODEC_BUFFER_TOO_SMALL);

  /* NULL buf with a capacity. */
  needed = 7;
  CHECK(apprunner_codec_copy_body(c, NULL, 10, &needed) == APPRUNNER_CODEC_NULL_ARGUMENT);
  CHECK(needed == 0);

  /* An accepted request has an empty body. */
  req = req_of("AppRunner.PauseService", kValidPause);
  EXPECT_FORWARD(c, &req, "PauseService");
  memset(buf, '#', sizeof buf);
  needed = 9;
  CHECK(apprunner_codec_copy_body(c, buf, 0, &needed) == APPRUNNER_CODEC_OK && needed == 0 && buf[0] == '#');
  CHECK(apprunner_codec_copy_body(c, buf, 1, &needed) == APPRUNNER_CODEC_OK && needed == 0 && buf[0] == '\0');
  CHECK(buf[1] == '#');
  apprunner_codec_destroy(c);
}

/* One request, unpadded and padded (in place), must give the same answer; the caller's
 * buffer is not written. */
static void compare_padded_at(const char* target, const char* body, size_t body_len, char fill, int line) {
  apprunner_codec* plain = new_codec();
  apprunner_codec* padded = new_codec();
  apprunner_codec_request req = req_of(target, NULL);
  const apprunner_codec_result* a;
  const apprunner_codec_result* b;
  const size_t cap = body_len + APPRUNNER_CODEC_PADDING;
  char* buf = (char*)malloc(cap + 1);
  char* orig = (char*)malloc(cap + 1);
  int pass;
  if (buf == NULL || orig == NULL) {
    fprintf(stderr, "out of memory\n");
    exit(2);
  }
  memcpy(buf, body, body_len);
  memset(buf + body_len, fill, cap - body_len);
  memcpy(orig, buf, cap);

  req.body = body;
  req.body_len = body_len;
  a = inspect_at(plain, &req, line, body);
  /* Padded by exactly APPRUNNER_CODEC_PADDING, one byte short of it (copied), and the
   * capacity equal to the length (copied). */
  for (pass = 0; pass < 3; ++pass) {
    static const char* what[] = {"padded", "padding - 1", "capacity == length"};
    req.body = buf;
    req.body_capacity = pass == 0 ? cap : pass == 1 ? cap - 1 : body_len;
    b = inspect_at(padded, &req, line, what[pass]);
    if (a == NULL || b == NULL) continue;
    CHECK_AT(a->verdict == b->verdict && a->check == b->check && a->status == b->status, line, what[pass]);
    CHECK_AT(a->violation_count == b->violation_count, line, what[pass]);
    CHECK_AT(
        a->message.size == b->message.size && memcmp(a->message.data, b->message.data, a->message.size) == 0,
        line, what[pass]);
    CHECK_AT(a->body.size == b->body.size && memcmp(a->body.data, b->body.data, a->body.size) == 0, line,
             what[pass]);
    CHECK_AT(a->operation.size == b->operation.size &&
                 memcmp(a->operation.data, b->operation.data, a->operation.size) == 0,
             line, what[pass]);
    CHECK_AT(memcmp(buf, orig, cap) == 0, line, what[pass]); /* the caller's bytes are untouched */
  }
  free(buf);
  free(orig);
  apprunner_codec_destroy(plain);
  apprunner_codec_destroy(padded);
}

static void test_padded(void) {
  static const char* bodies[] = {
      "{\"ServiceArn\":\"arn:aws:::123456789012:x\"}",
      "{}",
      "{",
      "{\"ServiceArn\":\"abc\"}",
      "{\"ServiceArn\":\"arn:aws:::123456789012:x\"",
      "{\"ServiceArn\":\"a\\u00e9\\\"b\"}",
      "{\"ServiceArn\":\"arn:aws:::123456789012:x\"}   ",
      "",
      "{\"ServiceArn\":\"arn:aws:::123456789012:x\",\"Extra\":{\"a\":[1,2,{\"b\":null}]}}",
  };
  static const char fills[] = {' ', '"', '}', '\0', (char)0xFF};
  size_t i, f;
  for (i = 0; i < sizeof bodies / sizeof bodies[0]; ++i) {
    for (f = 0; f < sizeof fills; ++f) {
      compare_padded_at("AppRunner.PauseService", bodies[i], strlen(bodies[i]), fills[f], __LINE__);
    }
  }
  compare_padded_at("AppRunner.PauseService", "{\"ServiceArn\":\"a\0b\"}", 20, '"', __LINE__);
  compare_padded_at("AppRunner.ListServices", "{\"MaxResults\":5}", 16, 'x', __LINE__);
  compare_padded_at("AppRunner.ListServices", "{\"MaxResults\":0}", 16, '9', __LINE__);

  /* A padded valid request is accepted; the padding's content does not matter. */
  {
    apprunner_codec* c = new_codec();
    char buf[sizeof kValidPause - 1 + APPRUNNER_CODEC_PADDING];
    apprunner_codec_request req = req_of("AppRunner.PauseService", NULL);
    memcpy(buf, kValidPause, sizeof kValidPause - 1);
    memset(buf + sizeof kValidPause - 1, '{', APPRUNNER_CODEC_PADDING);
    req.body = buf;
    req.body_len = sizeof kValidPause - 1;
    req.body_capacity = sizeof buf;
    EXPECT_FORWARD(c, &req, "PauseService");
    apprunner_codec_destroy(c);
  }
}

static void test_operations(void) {
  size_t i;
  apprunner_codec_str s;
  g_num_ops = apprunner_codec_operation_count();
  CHECK(g_num_ops == 37);
  if (g_num_ops > sizeof g_ops / sizeof g_ops[0]) g_num_ops = sizeof g_ops / sizeof g_ops[0];
  for (i = 0; i < g_num_ops; ++i) {
    s.data = NULL;
    s.size = 999;
    CHECK(apprunner_codec_operation_name(i, &s) == APPRUNNER_CODEC_OK);
    CHECK(str_ok(s) && s.size > 0 && strlen(s.data) == s.size);
    g_ops[i] = s;
    if (i > 0) {
      /* In name order, no duplicates. */
      size_t n = g_ops[i - 1].size < s.size ? g_ops[i - 1].size : s.size;
      int cmp = memcmp(g_ops[i - 1].data, s.data, n);
      CHECKC(cmp < 0 || (cmp == 0 && g_ops[i - 1].size < s.size), s.data);
    }
  }
  CHECK(g_num_ops > 0 && str_eq(g_ops[0], "AssociateCustomDomain"));
  CHECK(g_num_ops == 37 && str_eq(g_ops[36], "UpdateVpcIngressConnection"));
  {
    int found = 0;
    for (i = 0; i < g_num_ops; ++i) found += str_eq(g_ops[i], "PauseService");
    CHECK(found == 1);
  }
  /* Out of range. */
  s.data = NULL;
  s.size = 5;
  CHECK(apprunner_codec_operation_name(g_num_ops, &s) == APPRUNNER_CODEC_NO_RESULT);
  CHECK(str_eq(s, ""));
  CHECK(apprunner_codec_operation_name(SIZE_MAX, &s) == APPRUNNER_CODEC_NO_RESULT);
  CHECK(str_eq(s, ""));
  CHECK(apprunner_codec_operation_name((size_t)1 << 40, &s) == APPRUNNER_CODEC_NO_RESULT);
}

/* "serviceArn" -> "ServiceArn" */
static void upper_first(const char* in, char* out, size_t cap) {
  snprintf(out, cap, "%s", in);
  if (out[0] >= 'a' && out[0] <= 'z') out[0] = (char)(out[0] - 'a' + 'A');
}

static char* read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* data = NULL;
  size_t cap = 0, n = 0;
  if (f == NULL) return NULL;
  for (;;) {
    size_t got;
    if (n == cap) {
      char* more;
      cap = cap ? cap * 2 : 4096;
      more = (char*)realloc(data, cap);
      if (more == NULL) {
        free(data);
        fclose(f);
        return NULL;
      }
      data = more;
    }
    got = fread(data + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  fclose(f);
  *len = n;
  return data;
}

/* Every operation: "{}" is accepted when the input has no required member, else every
 * violation is "Member must not be null" on a top-level member that the operation's
 * full sample has; the sample itself is accepted. */
static void test_every_operation(int argc, char** argv) {
  apprunner_codec* c = new_codec();
  size_t i;
  int samples = 0, with_required = 0, without_required = 0;
  char dir[4096] = "";
  const char* srcdir = getenv("TEST_SRCDIR");
  const char* workspace = getenv("TEST_WORKSPACE");

  if (srcdir != NULL && workspace != NULL) {
    snprintf(dir, sizeof dir, "%s/%s/examples/operations", srcdir, workspace);
  }
  for (i = 0; i < g_num_ops; ++i) {
    const char* name = g_ops[i].data;
    char target[128];
    char path[4400];
    char* sample = NULL;
    size_t sample_len = 0;
    const apprunner_codec_result* r;
    apprunner_codec_request req;
    int a;

    snprintf(target, sizeof target, "AppRunner.%s", name);
    CHECKC(apprunner_codec_is_allowed(c, name, g_ops[i].size) == 1, name);

    /* The sample: from the arguments (Bazel's $(locations)), else the runfiles. */
    for (a = 1; a < argc; ++a) {
      size_t alen = strlen(argv[a]);
      char suffix[160];
      snprintf(suffix, sizeof suffix, "/%s.request.json", name);
      if (alen >= strlen(suffix) && strcmp(argv[a] + alen - strlen(suffix), suffix) == 0) {
        sample = read_file(argv[a], &sample_len);
        break;
      }
    }
    if (sample == NULL && dir[0] != '\0') {
      snprintf(path, sizeof path, "%s/%s.request.json", dir, name);
      sample = read_file(path, &sample_len);
    }
    CHECKC(sample != NULL && sample_len > 2, name);

    req = req_of(target, "{}");
    r = inspect_at(c, &req, __LINE__, name);
    if (r == NULL) {
      free(sample);
      continue;
    }
    CHECKC(str_eq(r->operation, name), name);
    if (r->verdict == APPRUNNER_CODEC_FORWARD) {
      ++without_required;
      CHECKC(r->check == APPRUNNER_CODEC_CHECK_NONE && r->status == 200 && r->violation_count == 0, name);
      CHECKC(r->body.size == 0 && r->error_type.size == 0, name);
    } else {
      size_t k, stored = apprunner_codec_violation_stored(c);
      ++with_required;
      CHECKC(r->verdict == APPRUNNER_CODEC_REJECT, name);
      CHECKC(r->check == APPRUNNER_CODEC_CHECK_VALIDATION && r->status == 400, name);
      CHECKC(str_eq(r->error_type, "InvalidRequestException"), name);
      CHECKC(is_error_body(r->body), name);
      CHECKC(r->violation_count >= 1 && stored == r->violation_count, name);
      CHECKC(str_contains(r->message, "validation error"), name);
      for (k = 0; k < stored; ++k) {
        apprunner_codec_violation v;
        char member[256], quoted[272], sentence[512];
        if (!CHECKC(apprunner_codec_violation_get(c, k, &v) == APPRUNNER_CODEC_OK, name)) continue;
        CHECKC(str_eq(v.constraint, "Member must not be null"), name);
        CHECKC(str_contains(v.message, "Member must not be null"), name);
        snprintf(sentence, sizeof sentence,
                 "Value null at '%s' failed to satisfy constraint: Member must not be null", v.path.data);
        CHECKC(str_eq(v.message, sentence), name);
        CHECKC(str_contains(r->message, sentence), name);
        CHECKC(v.path.size > 0 && memchr(v.path.data, '.', v.path.size) == NULL, name); /* top level */
        /* The full sample has the required member. */
        upper_first(v.path.data, member, sizeof member);
        snprintf(quoted, sizeof quoted, "\"%s\"", member);
        CHECKC(sample != NULL && mem_contains(sample, sample_len, quoted, strlen(quoted)), name);
      }
    }

    if (sample != NULL) {
      ++samples;
      req = req_of(target, NULL);
      req.body = sample;
      req.body_len = sample_len;
      expect_forward_at(c, &req, name, __LINE__, name);
      /* The sample sent to another operation's target is rejected or accepted, but
       * never crashes and always yields a well-formed result. */
      req.target = "AppRunner.PauseService";
      req.target_len = 22;
      r = inspect_at(c, &req, __LINE__, name);
      CHECKC(r != NULL && (r->verdict == APPRUNNER_CODEC_FORWARD || is_error_body(r->body)), name);
      /* Report-only: the sample still is FORWARD/NONE. */
      CHECKC(apprunner_codec_set_report_only(c, 1) == APPRUNNER_CODEC_OK, name);
      req.target = target;
      req.target_len = strlen(target);
      expect_forward_at(c, &req, name, __LINE__, name);
      CHECKC(apprunner_codec_set_report_only(c, 0) == APPRUNNER_CODEC_OK, name);
      free(sample);
    }
  }
  CHECK(samples == 37);
  /* Both kinds exist in this model. */
  CHECK(with_required > 0 && without_required > 0);
  CHECK(with_required + without_required == (int)g_num_ops);
  apprunner_codec_destroy(c);
}

/* ------------------------------------------------------------------------------------ */
/* Two handles, two threads, at once.                                                     */

enum { kThreadCases = 8, kIterations = 400 };

typedef struct {
  const char* target;
  const char* body;
  int check;
  int status;
  size_t violations;
  char body_text[1024];
  char message[1024];
} thread_case;

static thread_case g_cases[kThreadCases] = {
    {"AppRunner.PauseService", "{\"ServiceArn\":\"arn:aws:::123456789012:x\"}", 0, 0, 0, "", ""},
    {"AppRunner.PauseService", "{}", 0, 0, 0, "", ""},
    {"AppRunner.PauseService", "{\"ServiceArn\":\"bad\"}", 0, 0, 0, "", ""},
    {"AppRunner.PauseService", "{", 0, 0, 0, "", ""},
    {"AppRunner.Nope", "{}", 0, 0, 0, "", ""},
    {"AppRunner.ListServices", "{\"MaxResults\":0}", 0, 0, 0, "", ""},
    {"AppRunner.TagResource", "{\"Tags\":[{\"Key\":\"aws:x\",\"Value\":\"v\"},{\"Key\":\"\"}]}", 0, 0, 0, "",
     ""},
    {"AppRunner.ListServices", "{}", 0, 0, 0, "", ""},
};

typedef struct {
  int id;
  long inspected;
  long mismatches;
  pthread_barrier_t* start;
} thread_arg;

static void* thread_main(void* p) {
  thread_arg* arg = (thread_arg*)p;
  apprunner_codec* c = NULL;
  int it, k;
  if (apprunner_codec_create(&c) != APPRUNNER_CODEC_OK) {
    arg->mismatches = -1;
    pthread_barrier_wait(arg->start);
    return NULL;
  }
  pthread_barrier_wait(arg->start);
  for (it = 0; it < kIterations; ++it) {
    for (k = 0; k < kThreadCases; ++k) {
      /* The threads walk the cases in opposite orders. */
      const thread_case* tc = &g_cases[arg->id == 0 ? k : kThreadCases - 1 - k];
      apprunner_codec_request req = req_of(tc->target, tc->body);
      const apprunner_codec_result* r = NULL;
      apprunner_codec_violation v;
      ++arg->inspected;
      if (apprunner_codec_inspect(c, &req, &r) != APPRUNNER_CODEC_OK || r == NULL) {
        ++arg->mismatches;
        continue;
      }
      if (r->check != tc->check || r->status != tc->status || r->violation_count != tc->violations ||
          strcmp(r->body.data, tc->body_text) != 0 || strcmp(r->message.data, tc->message) != 0) {
        ++arg->mismatches;
      }
      if (tc->violations > 0 &&
          (apprunner_codec_violation_get(c, 0, &v) != APPRUNNER_CODEC_OK ||
           !mem_contains(r->message.data, r->message.size, v.message.data, v.message.size))) {
        ++arg->mismatches;
      }
    }
  }
  apprunner_codec_destroy(c);
  return NULL;
}

static void test_threads(void) {
  apprunner_codec* c = new_codec();
  pthread_t threads[2];
  thread_arg args[2];
  pthread_barrier_t start;
  int k, t, distinct = 0;

  /* Expected answers, from this thread's handle. */
  for (k = 0; k < kThreadCases; ++k) {
    apprunner_codec_request req = req_of(g_cases[k].target, g_cases[k].body);
    const apprunner_codec_result* r = inspect_at(c, &req, __LINE__, g_cases[k].body);
    if (r == NULL) continue;
    g_cases[k].check = r->check;
    g_cases[k].status = r->status;
    g_cases[k].violations = r->violation_count;
    CHECK(r->body.size < sizeof g_cases[k].body_text && r->message.size < sizeof g_cases[k].message);
    snprintf(g_cases[k].body_text, sizeof g_cases[k].body_text, "%s", r->body.data);
    snprintf(g_cases[k].message, sizeof g_cases[k].message, "%s", r->message.data);
  }
  /* The cases cover accepted, validation, serialization and unknown-operation answers. */
  CHECK(g_cases[0].check == APPRUNNER_CODEC_CHECK_NONE && g_cases[7].check == APPRUNNER_CODEC_CHECK_NONE);
  CHECK(g_cases[1].check == APPRUNNER_CODEC_CHECK_VALIDATION &&
        g_cases[2].check == APPRUNNER_CODEC_CHECK_VALIDATION);
  CHECK(g_cases[3].check == APPRUNNER_CODEC_CHECK_SERIALIZATION);
  CHECK(g_cases[4].check == APPRUNNER_CODEC_CHECK_UNKNOWN_OPERATION);
  CHECK(g_cases[5].check == APPRUNNER_CODEC_CHECK_VALIDATION);
  CHECK(g_cases[6].check == APPRUNNER_CODEC_CHECK_VALIDATION && g_cases[6].violations >= 3);
  for (k = 1; k < kThreadCases; ++k) distinct += strcmp(g_cases[k].body_text, g_cases[k - 1].body_text) != 0;
  CHECK(distinct >= 6);
  apprunner_codec_destroy(c);

  if (!CHECK(pthread_barrier_init(&start, NULL, 2) == 0)) return;
  for (t = 0; t < 2; ++t) {
    args[t].id = t;
    args[t].inspected = 0;
    args[t].mismatches = 0;
    args[t].start = &start;
    CHECK(pthread_create(&threads[t], NULL, thread_main, &args[t]) == 0);
  }
  for (t = 0; t < 2; ++t) CHECK(pthread_join(threads[t], NULL) == 0);
  pthread_barrier_destroy(&start);
  for (t = 0; t < 2; ++t) {
    CHECK(args[t].inspected == (long)kIterations * kThreadCases);
    CHECK(args[t].mismatches == 0);
  }
}

/* ------------------------------------------------------------------------------------ */

/* Regression (fixed): with a padded body (parsed in place) the violation texts are built on the
 * first violation_get from views into the CALLER's buffer, after inspect returned; if
 * the caller reuses (or frees: heap-use-after-free) the buffer, the texts change. */
static void test_known_bug_violation_reads_caller_buffer(void) {
  apprunner_codec* c = new_codec();
  static const char body[] = "{\"ServiceArn\":\"abcdef\"}";
  char buf[sizeof body - 1 + APPRUNNER_CODEC_PADDING];
  apprunner_codec_request req = req_of("AppRunner.PauseService", NULL);
  const apprunner_codec_result* r;
  apprunner_codec_violation v;
  memset(buf, ' ', sizeof buf);
  memcpy(buf, body, sizeof body - 1);
  req.body = buf;
  req.body_len = sizeof body - 1;
  req.body_capacity = sizeof buf;
  r = INSPECT(c, &req);
  CHECK(r != NULL && str_contains(r->message, "Value 'abcdef'"));
  memset(buf, 'X', sizeof body - 1); /* the caller reuses its buffer */
  CHECK(apprunner_codec_violation_get(c, 0, &v) == APPRUNNER_CODEC_OK);
  CHECK(str_starts_with(v.message, "Value 'abcdef' at 'serviceArn'"));
  apprunner_codec_destroy(c);
}

int main(int argc, char** argv) {
  test_version();
  test_names();
  test_create_destroy_null();
  test_operations(); /* fills g_ops for the tests below */
  test_setters();
  test_policy();
  test_inspect_arguments();
  test_checks();
  test_embedded_nul();
  test_report_only();
  test_reject_body_too_large();
  test_result_lifetime();
  test_copy_body();
  test_padded();
  test_every_operation(argc, argv);
  test_threads();
  test_known_bug_violation_reads_caller_buffer();
  printf("%d checks, %d failed\n", g_checks, g_failed);
  return g_failed == 0 ? 0 : 1;
}
