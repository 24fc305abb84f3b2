-- apprunner_codec.lua: AWS App Runner (awsJson1_0) request validation for nginx with
-- lua-nginx-module (and so OpenResty, Kong, APISIX), over the C ABI of apprunner-codec
-- (include/apprunner_codec.h) through LuaJIT FFI.
--
--   init_by_lua_block {
--     local codec = require "apprunner_codec"
--     codec.init { library = "/usr/local/lib/libapprunner_codec.so.1" }
--     codec.define("default", { max_body_size = 1048576, deny = { "Delete*" } })
--   }
--   location = / {
--     access_by_lua_block { require("apprunner_codec").access("default") }
--     error_page 413 = @apprunner_too_large;
--     proxy_pass http://backend;
--   }
--   location @apprunner_too_large {
--     content_by_lua_block { require("apprunner_codec").body_too_large("default") }
--   }
--
-- access() reads the body (from memory, or from the temp file nginx wrote a large body
-- to), inspects the request and either returns (the request goes on, unchanged) or
-- answers with the ready response: status, Content-Type, X-Amzn-ErrorType,
-- X-Amzn-RequestId, Content-Length and the awsJson1_0 error body. It sets the nginx
-- variables $apprunner_operation, $apprunner_verdict, $apprunner_check and
-- $apprunner_error_type for the access log (declare them with `set`; or pass
-- `variables = false` to define()).
--
-- One codec handle per profile per worker: define() creates it in init_by_lua (in the
-- master, so a typo in an allow/deny pattern fails `nginx -t`), and each worker process
-- inherits its own copy at fork. A worker runs one request's Lua at a time; the FFI
-- request and result are used between two yields only.

local ffi = require "ffi"

local _M = { _VERSION = "1.1.0" }

-- The C ABI, as include/apprunner_codec.h declares it (tests/gateway checks the
-- layouts against the C compiler's).
ffi.cdef [[
typedef struct apprunner_codec apprunner_codec;
typedef struct apprunner_codec_str { const char* data; size_t size; } apprunner_codec_str;
typedef struct apprunner_codec_request {
  const char* method; size_t method_len;
  const char* path; size_t path_len;
  const char* target; size_t target_len;
  const char* content_type; size_t content_type_len;
  const char* body; size_t body_len;
  size_t body_capacity;
} apprunner_codec_request;
typedef struct apprunner_codec_result {
  int verdict; int check; int status;
  apprunner_codec_str operation;
  apprunner_codec_str content_type;
  apprunner_codec_str error_type;
  apprunner_codec_str message;
  apprunner_codec_str body;
  size_t violation_count;
} apprunner_codec_result;
typedef struct apprunner_codec_violation {
  apprunner_codec_str path; apprunner_codec_str constraint; apprunner_codec_str message;
} apprunner_codec_violation;
const char* apprunner_codec_version(void);
int apprunner_codec_version_number(void);
const char* apprunner_codec_check_name(int check);
const char* apprunner_codec_status_name(int status);
int apprunner_codec_create(apprunner_codec** out);
void apprunner_codec_destroy(apprunner_codec* codec);
int apprunner_codec_set_max_body_size(apprunner_codec* codec, size_t bytes);
int apprunner_codec_set_report_only(apprunner_codec* codec, int report_only);
int apprunner_codec_set_unknown_operation_status(apprunner_codec* codec, int status);
int apprunner_codec_allow(apprunner_codec* codec, const char* pattern, size_t pattern_len);
int apprunner_codec_deny(apprunner_codec* codec, const char* pattern, size_t pattern_len);
int apprunner_codec_inspect(apprunner_codec* codec, const apprunner_codec_request* request,
                            const apprunner_codec_result** result);
int apprunner_codec_reject_body_too_large(apprunner_codec* codec, size_t body_len,
                                          const apprunner_codec_result** result);
size_t apprunner_codec_violation_stored(const apprunner_codec* codec);
int apprunner_codec_violation_get(const apprunner_codec* codec, size_t index,
                                  apprunner_codec_violation* out);
const char* apprunner_codec_last_error(const apprunner_codec* codec);
]]

local ABI_MAJOR = 1
local ABI_MIN_NUMBER = 10100 -- 1.1.0: apprunner_codec_reject_body_too_large
local OK, REJECT = 0, 1

local C            -- the loaded library
local profiles = {} -- name -> { codec, variables, check_names }
local request = ffi.new("apprunner_codec_request")
local result_out = ffi.new("const apprunner_codec_result*[1]")

local function str(s)
  return ffi.string(s.data, s.size)
end

-- Loads the library (once; in init_by_lua, before the workers fork). opts.library: a
-- path or a soname; default $APPRUNNER_CODEC_LIBRARY (declare `env
-- APPRUNNER_CODEC_LIBRARY;`) or "libapprunner_codec.so.1" from the loader's path.
function _M.init(opts)
  opts = opts or {}
  if C then return _M end
  local name = opts.library or os.getenv("APPRUNNER_CODEC_LIBRARY") or "libapprunner_codec.so.1"
  local ok, lib = pcall(ffi.load, name)
  if not ok then
    error("apprunner_codec: cannot load " .. name .. ": " .. tostring(lib), 2)
  end
  local number = lib.apprunner_codec_version_number()
  if math.floor(number / 10000) ~= ABI_MAJOR or number < ABI_MIN_NUMBER then
    error(("apprunner_codec: %s is version %s; this module needs %d.x, at least %d"):format(
      name, ffi.string(lib.apprunner_codec_version()), ABI_MAJOR, ABI_MIN_NUMBER), 2)
  end
  C = lib
  return _M
end

function _M.version()
  return C and ffi.string(C.apprunner_codec_version()) or nil
end

local function must(codec, status, what)
  if status ~= OK then
    local why = ffi.string(C.apprunner_codec_last_error(codec))
    C.apprunner_codec_destroy(codec)
    error(("apprunner_codec: %s: %s (%s)"):format(what, why,
      ffi.string(C.apprunner_codec_status_name(status))), 3)
  end
end

-- Defines the profile `name` (a handle with its configuration). opts:
--   max_body_size  bytes, 1 .. 2^31 (default 1 MiB); set nginx's client_max_body_size
--                  to the same value, so both limits and their 413 answers agree
--   report_only    true: always forward; the verdict is still logged
--   allow, deny    lists of operation names or prefixes ending in '*' ("Describe*")
--   unknown_operation_status  400 (default) or 404
--   variables      false: do not set the $apprunner_* log variables
function _M.define(name, opts)
  if not C then _M.init() end
  assert(type(name) == "string", "apprunner_codec.define: name must be a string")
  opts = opts or {}
  local out = ffi.new("apprunner_codec*[1]")
  local status = C.apprunner_codec_create(out)
  if status ~= OK then error("apprunner_codec: create failed: " ..
    ffi.string(C.apprunner_codec_status_name(status)), 2) end
  local codec = out[0]
  if opts.max_body_size then
    must(codec, C.apprunner_codec_set_max_body_size(codec, opts.max_body_size), "max_body_size")
  end
  if opts.report_only then
    must(codec, C.apprunner_codec_set_report_only(codec, 1), "report_only")
  end
  if opts.unknown_operation_status then
    must(codec, C.apprunner_codec_set_unknown_operation_status(codec, opts.unknown_operation_status),
      "unknown_operation_status")
  end
  for _, p in ipairs(opts.allow or {}) do
    must(codec, C.apprunner_codec_allow(codec, p, #p), "allow " .. p)
  end
  for _, p in ipairs(opts.deny or {}) do
    must(codec, C.apprunner_codec_deny(codec, p, #p), "deny " .. p)
  end
  local old = profiles[name]
  if old then C.apprunner_codec_destroy(old.codec) end
  profiles[name] = { codec = ffi.gc(codec, C.apprunner_codec_destroy), variables = opts.variables ~= false }
  return _M
end

local function profile(name)
  local p = profiles[name or "default"]
  if not p then error("apprunner_codec: no profile '" .. tostring(name or "default") .. "' (define it in init_by_lua)", 3) end
  return p
end

-- One inspect through the worker's shared request; the strings must stay alive (they
-- are the caller's locals) and nothing may yield before the result is read.
local function inspect(codec, method, path, target, content_type, body)
  request.method, request.method_len = method, #method
  request.path, request.path_len = path, #path
  request.target, request.target_len = target, target and #target or 0
  request.content_type, request.content_type_len = content_type, content_type and #content_type or 0
  request.body, request.body_len = body, body and #body or 0
  request.body_capacity = 0
  local status = C.apprunner_codec_inspect(codec, request, result_out)
  request.body, request.target, request.content_type = nil, nil, nil
  return status
end

-- The verdict as Lua values (no nginx needed): a table with verdict ("forward" or
-- "reject"), check ("None", "Validation", ...), status, operation, content_type,
-- error_type, message, body, violation_count and, when `with_violations`, violations
-- ({path, constraint, message}...). For plugins of other gateways and for tests.
function _M.inspect(name, method, path, target, content_type, body, with_violations)
  local p = profile(name)
  local status = inspect(p.codec, method, path, target, content_type, body)
  if status ~= OK then
    return nil, ffi.string(C.apprunner_codec_last_error(p.codec))
  end
  local r = result_out[0]
  local t = {
    verdict = r.verdict == REJECT and "reject" or "forward",
    check = ffi.string(C.apprunner_codec_check_name(r.check)),
    status = r.status,
    operation = str(r.operation),
    content_type = str(r.content_type),
    error_type = str(r.error_type),
    message = str(r.message),
    body = str(r.body),
    violation_count = tonumber(r.violation_count),
  }
  if with_violations then
    local v = ffi.new("apprunner_codec_violation")
    t.violations = {}
    for i = 0, tonumber(C.apprunner_codec_violation_stored(p.codec)) - 1 do
      if C.apprunner_codec_violation_get(p.codec, i, v) == OK then
        t.violations[#t.violations + 1] = { path = str(v.path), constraint = str(v.constraint),
                                            message = str(v.message) }
      end
    end
  end
  return t
end

-- nginx only below.

local function read_body()
  ngx.req.read_body()
  local body = ngx.req.get_body_data()
  if body then return body end
  local file = ngx.req.get_body_file()
  if not file then return nil end -- no body
  local f, err = io.open(file, "rb")
  if not f then return nil, err end
  body = f:read("*a")
  f:close()
  return body
end

-- Sets the log variables and, on REJECT, answers (never returns then).
local function conclude(p, r)
  local verdict = r.verdict
  if p.variables then
    local var = ngx.var
    var.apprunner_operation = r.operation.size > 0 and str(r.operation) or "-"
    var.apprunner_verdict = verdict == REJECT and "reject" or "forward"
    var.apprunner_check = ffi.string(C.apprunner_codec_check_name(r.check))
    var.apprunner_error_type = r.error_type.size > 0 and str(r.error_type) or "-"
  end
  if verdict ~= REJECT then return end
  local status, body = r.status, str(r.body)
  local header = ngx.header
  ngx.status = status
  header["Content-Type"] = str(r.content_type)
  header["X-Amzn-ErrorType"] = str(r.error_type)
  header["X-Amzn-RequestId"] = ngx.var.request_id
  header["Content-Length"] = #body
  ngx.print(body)
  return ngx.exit(status)
end

local function internal_error(p, what)
  ngx.log(ngx.ERR, "apprunner_codec: ", what, ": ", ffi.string(C.apprunner_codec_last_error(p.codec)))
  return ngx.exit(ngx.HTTP_INTERNAL_SERVER_ERROR)
end

-- The access phase handler: returns when the request may go on; answers otherwise.
function _M.access(name)
  local p = profile(name)
  local body, err = read_body()
  if err then
    ngx.log(ngx.ERR, "apprunner_codec: reading the request body: ", err)
    return ngx.exit(ngx.HTTP_INTERNAL_SERVER_ERROR)
  end
  local var = ngx.var
  local method = ngx.req.get_method()
  local path = var.request_uri
  local target = var.http_x_amz_target
  local content_type = var.http_content_type
  -- No yield from here to conclude(): request and result_out are shared by the worker.
  local status = inspect(p.codec, method, path, target, content_type, body)
  if status ~= OK then return internal_error(p, "inspect") end
  return conclude(p, result_out[0])
end

-- For `error_page 413 = @named_location`: the awsJson1_0 413 answer for a body nginx
-- refused for its size (client_max_body_size) before any Lua ran.
function _M.body_too_large(name)
  local p = profile(name)
  local declared = tonumber(ngx.var.http_content_length) or 0
  local status = C.apprunner_codec_reject_body_too_large(p.codec, declared, result_out)
  if status ~= OK then return internal_error(p, "reject_body_too_large") end
  return conclude(p, result_out[0])
end

return _M
