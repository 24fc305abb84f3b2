/* apprunner_codec.h: the C ABI of apprunner-codec, the AWS App Runner (awsJson1_0)
 * request validator, for gateways written in C, Lua (LuaJIT FFI), Python (ctypes), Go,
 * Rust or anything else that can call C.
 *
 *   apprunner_codec* codec = NULL;
 *   if (apprunner_codec_create(&codec) != APPRUNNER_CODEC_OK) abort();   // one per thread
 *   apprunner_codec_set_max_body_size(codec, 1 << 20);
 *   apprunner_codec_request req = {0};
 *   req.method = "POST";  req.method_len = 4;
 *   req.path = "/";       req.path_len = 1;
 *   req.target = target;  req.target_len = target_len;        // X-Amz-Target
 *   req.content_type = ct; req.content_type_len = ct_len;     // Content-Type
 *   req.body = body;      req.body_len = body_len;
 *   const apprunner_codec_result* r = NULL;
 *   if (apprunner_codec_inspect(codec, &req, &r) == APPRUNNER_CODEC_OK &&
 *       r->verdict == APPRUNNER_CODEC_REJECT) {
 *     reply(r->status, r->content_type.data, r->error_type.data, r->body.data, r->body.size);
 *   }
 *   apprunner_codec_destroy(codec);
 *
 * Conventions
 * - Every function is safe to call with any argument: NULL pointers and bad values give
 *   an error code (never a crash, abort or exception). Functions that can fail return
 *   an apprunner_codec_status; APPRUNNER_CODEC_OK is 0, errors are negative.
 * - Inputs are pointer + length: no NUL terminator is assumed and embedded NUL bytes are
 *   data. A NULL pointer with length 0 is an empty input; NULL with a length > 0 is
 *   APPRUNNER_CODEC_NULL_ARGUMENT.
 * - Output strings (apprunner_codec_str) are pointer + length, and also NUL-terminated
 *   (data[size] == 0) for C convenience; data is never NULL (empty strings are "").
 * - The result and every string in it stay valid until the next inspect, configuration
 *   call or destroy on the same handle.
 * - Threads: a handle is used by one thread at a time; use one handle per thread. The
 *   compiled validators behind the handles are shared and read-only.
 * - Cost: inspect allocates nothing in steady state. When the caller's body buffer has
 *   at least APPRUNNER_CODEC_PADDING readable bytes after the body (body_capacity >=
 *   body_len + APPRUNNER_CODEC_PADDING; their content does not matter), the body is
 *   parsed in place; otherwise it is copied once into the handle's buffer.
 * - ABI: the library's SONAME is libapprunner_codec.so.<APPRUNNER_CODEC_VERSION_MAJOR>;
 *   the structures below only change with the major version. Only apprunner_codec_*
 *   symbols are exported.
 */
#ifndef APPRUNNER_CODEC_H_
#define APPRUNNER_CODEC_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(APPRUNNER_CODEC_BUILDING) && defined(__GNUC__)
#define APPRUNNER_CODEC_API __attribute__((visibility("default")))
#else
#define APPRUNNER_CODEC_API
#endif

/* C++ callers see every entry point as noexcept: nothing is thrown across the ABI. */
#ifdef __cplusplus
#define APPRUNNER_CODEC_NOEXCEPT noexcept
#else
#define APPRUNNER_CODEC_NOEXCEPT
#endif

#define APPRUNNER_CODEC_VERSION_MAJOR 1
#define APPRUNNER_CODEC_VERSION_MINOR 1
#define APPRUNNER_CODEC_VERSION_PATCH 0
/* MAJOR * 10000 + MINOR * 100 + PATCH, as apprunner_codec_version_number() returns. */
#define APPRUNNER_CODEC_VERSION_NUMBER 10100

/* Readable bytes after a body that let inspect parse it in place. */
#define APPRUNNER_CODEC_PADDING 64

typedef enum apprunner_codec_status {
  APPRUNNER_CODEC_OK = 0,
  APPRUNNER_CODEC_NULL_ARGUMENT = -1,    /* a required pointer is NULL */
  APPRUNNER_CODEC_INVALID_ARGUMENT = -2, /* a value out of range, an unknown pattern */
  APPRUNNER_CODEC_NO_MEMORY = -3,        /* allocation failed; the handle is unchanged */
  APPRUNNER_CODEC_BUFFER_TOO_SMALL = -4, /* output truncated; *needed says how much */
  APPRUNNER_CODEC_NO_RESULT = -5,        /* no inspect yet, or index out of range */
  APPRUNNER_CODEC_INTERNAL = -6          /* a bug: please report it */
} apprunner_codec_status;

typedef enum apprunner_codec_verdict {
  APPRUNNER_CODEC_FORWARD = 0, /* pass the request on unchanged */
  APPRUNNER_CODEC_REJECT = 1   /* answer with status, content_type, error_type, body */
} apprunner_codec_verdict;

/* Which check decided, cheapest first (APPRUNNER_CODEC_CHECK_NONE: all passed). */
typedef enum apprunner_codec_check {
  APPRUNNER_CODEC_CHECK_NONE = 0,
  APPRUNNER_CODEC_CHECK_BODY_TOO_LARGE = 1,    /* 413 RequestEntityTooLargeException */
  APPRUNNER_CODEC_CHECK_METHOD = 2,            /* 405 MethodNotAllowedException */
  APPRUNNER_CODEC_CHECK_PATH = 3,              /* 400 UnknownOperationException */
  APPRUNNER_CODEC_CHECK_CONTENT_TYPE = 4,      /* 415 UnsupportedMediaTypeException */
  APPRUNNER_CODEC_CHECK_UNKNOWN_OPERATION = 5, /* 400 UnknownOperationException */
  APPRUNNER_CODEC_CHECK_DENIED = 6,            /* 400 AccessDeniedException */
  APPRUNNER_CODEC_CHECK_SERIALIZATION = 7,     /* 400 SerializationException */
  APPRUNNER_CODEC_CHECK_VALIDATION = 8         /* 400 InvalidRequestException */
} apprunner_codec_check;

typedef struct apprunner_codec apprunner_codec; /* opaque; one per thread */

typedef struct apprunner_codec_str {
  const char* data; /* never NULL; NUL-terminated */
  size_t size;      /* bytes, without the terminator */
} apprunner_codec_str;

/* What a gateway has of one request. Zero-initialize, then fill. A NULL target or
 * content_type (length 0) means the header is absent. */
typedef struct apprunner_codec_request {
  const char* method;
  size_t method_len;
  const char* path;
  size_t path_len;
  const char* target; /* X-Amz-Target */
  size_t target_len;
  const char* content_type; /* Content-Type */
  size_t content_type_len;
  const char* body;
  size_t body_len;
  /* Readable bytes at body (>= body_len); >= body_len + APPRUNNER_CODEC_PADDING parses
   * in place, without a copy. 0: body_len. */
  size_t body_capacity;
} apprunner_codec_request;

/* The verdict. In report-only mode verdict is always FORWARD, and check, status,
 * error_type, message and violation_count say what would have been rejected. */
typedef struct apprunner_codec_result {
  int verdict;                      /* apprunner_codec_verdict */
  int check;                        /* apprunner_codec_check; NONE when accepted */
  int status;                       /* HTTP status of the answer; 200 when accepted */
  apprunner_codec_str operation;    /* "PauseService"; "" before dispatch */
  apprunner_codec_str content_type; /* "application/x-amz-json-1.0" */
  apprunner_codec_str error_type;   /* X-Amzn-ErrorType and __type; "" when accepted */
  apprunner_codec_str message;      /* the error message; "" when accepted */
  apprunner_codec_str body;         /* the awsJson1_0 error body; "" when accepted */
  size_t violation_count;           /* constraint violations found (CHECK_VALIDATION) */
} apprunner_codec_result;

/* One constraint violation of the last inspect. */
typedef struct apprunner_codec_violation {
  apprunner_codec_str path;       /* member path: "serviceArn", "tags.2.member.key" */
  apprunner_codec_str constraint; /* "Member must not be null", ... */
  apprunner_codec_str message;    /* the whole AWS sentence for this violation */
} apprunner_codec_violation;

/* "1.1.0" (static storage). */
APPRUNNER_CODEC_API const char* apprunner_codec_version(void) APPRUNNER_CODEC_NOEXCEPT;
/* APPRUNNER_CODEC_VERSION_NUMBER of the loaded library. */
APPRUNNER_CODEC_API int apprunner_codec_version_number(void) APPRUNNER_CODEC_NOEXCEPT;
/* "OK", "NULL_ARGUMENT", ... ("UNKNOWN" for other values); static storage. */
APPRUNNER_CODEC_API const char* apprunner_codec_status_name(int status) APPRUNNER_CODEC_NOEXCEPT;
/* "None", "BodyTooLarge", "Method", ... ("Unknown" for other values); static storage. */
APPRUNNER_CODEC_API const char* apprunner_codec_check_name(int check) APPRUNNER_CODEC_NOEXCEPT;

/* A handle with the default configuration: 1 MiB body limit, every operation allowed,
 * enforcing (not report-only), unknown-operation status 400. *out is NULL on failure. */
APPRUNNER_CODEC_API int apprunner_codec_create(apprunner_codec** out) APPRUNNER_CODEC_NOEXCEPT;
/* NULL is a no-op. */
APPRUNNER_CODEC_API void apprunner_codec_destroy(apprunner_codec* codec) APPRUNNER_CODEC_NOEXCEPT;

/* Configuration (between inspects; each invalidates the last result). */
/* Largest accepted body, checked before parsing: 1 .. 2^31 bytes. */
APPRUNNER_CODEC_API int apprunner_codec_set_max_body_size(apprunner_codec* codec,
                                                          size_t bytes) APPRUNNER_CODEC_NOEXCEPT;
/* Non-zero: always forward, still compute the verdict. */
APPRUNNER_CODEC_API int apprunner_codec_set_report_only(apprunner_codec* codec,
                                                        int report_only) APPRUNNER_CODEC_NOEXCEPT;
/* HTTP status of UnknownOperationException (path or target): 400 (default) or 404. */
APPRUNNER_CODEC_API int apprunner_codec_set_unknown_operation_status(apprunner_codec* codec,
                                                                     int status) APPRUNNER_CODEC_NOEXCEPT;
/* Operation policy. A pattern is an operation name ("PauseService") or a prefix ending
 * in '*' ("Describe*"). Allowed = (no allow pattern, or one matches) and no deny
 * pattern matches. A pattern matching no operation is INVALID_ARGUMENT (nothing
 * changes; apprunner_codec_last_error says why). */
APPRUNNER_CODEC_API int apprunner_codec_allow(apprunner_codec* codec, const char* pattern,
                                              size_t pattern_len) APPRUNNER_CODEC_NOEXCEPT;
APPRUNNER_CODEC_API int apprunner_codec_deny(apprunner_codec* codec, const char* pattern,
                                             size_t pattern_len) APPRUNNER_CODEC_NOEXCEPT;
APPRUNNER_CODEC_API int apprunner_codec_clear_policy(apprunner_codec* codec) APPRUNNER_CODEC_NOEXCEPT;
/* Whether the operation named (e.g. "PauseService") is allowed: 1 allowed, 0 denied,
 * negative status when the name is no operation. */
APPRUNNER_CODEC_API int apprunner_codec_is_allowed(const apprunner_codec* codec, const char* name,
                                                   size_t name_len) APPRUNNER_CODEC_NOEXCEPT;

/* Inspects one request. On OK, *result points at the handle's result (valid until the
 * next call on the handle). A rejected request is still OK: read result->verdict. */
APPRUNNER_CODEC_API int apprunner_codec_inspect(
    apprunner_codec* codec, const apprunner_codec_request* request,
    const apprunner_codec_result** result) APPRUNNER_CODEC_NOEXCEPT;
/* Since 1.1. The answer for a body the gateway refused for its size before reading it
 * (nginx's client_max_body_size): REJECT (also in report-only mode), CHECK_BODY_TOO_LARGE,
 * 413 RequestEntityTooLargeException, the message inspect gives against this handle's
 * limit (set it equal to the gateway's). body_len: the declared size; 0 when unknown. */
APPRUNNER_CODEC_API int apprunner_codec_reject_body_too_large(
    apprunner_codec* codec, size_t body_len, const apprunner_codec_result** result) APPRUNNER_CODEC_NOEXCEPT;
/* The last result again (NO_RESULT before the first inspect). */
APPRUNNER_CODEC_API int apprunner_codec_result_get(
    const apprunner_codec* codec, const apprunner_codec_result** result) APPRUNNER_CODEC_NOEXCEPT;
/* Violation `index` (0-based, < stored count) of the last inspect. Up to 64 are
 * stored; result->violation_count counts them all. NO_RESULT past the stored ones. */
APPRUNNER_CODEC_API int apprunner_codec_violation_get(
    const apprunner_codec* codec, size_t index, apprunner_codec_violation* out) APPRUNNER_CODEC_NOEXCEPT;
/* Violations stored for the last inspect (<= result->violation_count). */
APPRUNNER_CODEC_API size_t apprunner_codec_violation_stored(const apprunner_codec* codec)
    APPRUNNER_CODEC_NOEXCEPT;

/* Copies the last result's error body into buf (capacity bytes, NUL-terminated when
 * capacity > 0). *needed (if not NULL) gets the body's length. BUFFER_TOO_SMALL when
 * capacity <= length: buf then holds a truncated, NUL-terminated prefix. */
APPRUNNER_CODEC_API int apprunner_codec_copy_body(const apprunner_codec* codec, char* buf, size_t capacity,
                                                  size_t* needed) APPRUNNER_CODEC_NOEXCEPT;

/* Why the last failing call on this handle failed ("" when none); never NULL. */
APPRUNNER_CODEC_API const char* apprunner_codec_last_error(const apprunner_codec* codec)
    APPRUNNER_CODEC_NOEXCEPT;

/* The model's operations, in name order: count, and the name of operation `index`. */
APPRUNNER_CODEC_API size_t apprunner_codec_operation_count(void) APPRUNNER_CODEC_NOEXCEPT;
APPRUNNER_CODEC_API int apprunner_codec_operation_name(size_t index,
                                                       apprunner_codec_str* out) APPRUNNER_CODEC_NOEXCEPT;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* APPRUNNER_CODEC_H_ */
