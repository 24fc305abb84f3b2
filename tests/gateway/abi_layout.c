/* Prints the C compiler's layout of the structs of include/apprunner_codec.h, one line
 * per struct ("TYPE size N") and per member ("TYPE.MEMBER offset N size N"), for
 * lua_module_test to compare with LuaJIT's view of the module's ffi.cdef. */
#include <stddef.h>
#include <stdio.h>

#include "apprunner_codec.h"

#define STRUCT(T) printf("%s size %zu\n", #T, sizeof(T))
#define MEMBER(T, m) printf("%s.%s offset %zu size %zu\n", #T, #m, offsetof(T, m), sizeof(((T*)0)->m))

int main(void) {
  STRUCT(apprunner_codec_str);
  MEMBER(apprunner_codec_str, data);
  MEMBER(apprunner_codec_str, size);
  STRUCT(apprunner_codec_request);
  MEMBER(apprunner_codec_request, method);
  MEMBER(apprunner_codec_request, method_len);
  MEMBER(apprunner_codec_request, path);
  MEMBER(apprunner_codec_request, path_len);
  MEMBER(apprunner_codec_request, target);
  MEMBER(apprunner_codec_request, target_len);
  MEMBER(apprunner_codec_request, content_type);
  MEMBER(apprunner_codec_request, content_type_len);
  MEMBER(apprunner_codec_request, body);
  MEMBER(apprunner_codec_request, body_len);
  MEMBER(apprunner_codec_request, body_capacity);
  STRUCT(apprunner_codec_result);
  MEMBER(apprunner_codec_result, verdict);
  MEMBER(apprunner_codec_result, check);
  MEMBER(apprunner_codec_result, status);
  MEMBER(apprunner_codec_result, operation);
  MEMBER(apprunner_codec_result, content_type);
  MEMBER(apprunner_codec_result, error_type);
  MEMBER(apprunner_codec_result, message);
  MEMBER(apprunner_codec_result, body);
  MEMBER(apprunner_codec_result, violation_count);
  STRUCT(apprunner_codec_violation);
  MEMBER(apprunner_codec_violation, path);
  MEMBER(apprunner_codec_violation, constraint);
  MEMBER(apprunner_codec_violation, message);
  return 0;
}
