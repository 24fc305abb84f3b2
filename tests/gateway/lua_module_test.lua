-- lua_module_test.lua MODULE_DIR LIBRARY LAYOUT_FILE HEADER: gateway/nginx/apprunner_codec.lua
-- in the standalone LuaJIT, outside nginx:
--   1. every struct size and member offset/size of its ffi.cdef equals the C compiler's
--      (LAYOUT_FILE, printed by abi_layout), and every member the header declares is
--      one the layout file lists (so a member added to the header fails here until the
--      module and abi_layout.c declare it too);
--   2. every function the module declares is one the header declares;
--   3. init/define/inspect: the verdicts of the C ABI through the module, bad
--      configuration raising errors, profiles.
-- Prints "ok ..." / "FAIL ..." lines and "N passed, N failed"; exits 1 on a failure.
local module_dir, library, layout_file, header_file = arg[1], arg[2], arg[3], arg[4]
package.path = module_dir .. "/?.lua;" .. package.path
local ffi = require "ffi"
local codec = require "apprunner_codec"

local passed, failed = 0, 0
local function check(ok, what)
  if ok then passed = passed + 1 else failed = failed + 1; print("FAIL " .. what) end
end

-- 1. Layouts.
local structs = 0
for line in io.lines(layout_file) do
  local t, size = line:match("^(%S+) size (%d+)$")
  if t then
    structs = structs + 1
    check(ffi.sizeof(t) == tonumber(size), ("sizeof(%s) = %s (C: %s)"):format(t, tostring(ffi.sizeof(t)), size))
  else
    local ty, member, off, msize = line:match("^(%S+)%.(%S+) offset (%d+) size (%d+)$")
    assert(ty, "unreadable layout line: " .. line)
    local lua_off = ffi.offsetof(ty, member)
    check(lua_off == tonumber(off), ("offsetof(%s, %s) = %s (C: %s)"):format(ty, member, tostring(lua_off), off))
    local ok, field = pcall(function() return ffi.new(ty)[member] end)
    if ok and type(field) == "cdata" then
      check(ffi.sizeof(field) == tonumber(msize), ("sizeof(%s.%s) (C: %s)"):format(ty, member, msize))
    else
      check(ok, ("%s.%s readable"):format(ty, member))
    end
  end
end
check(structs == 4, "the layout file describes the 4 structs (found " .. structs .. ")")

local header = assert(io.open(header_file)):read("*a")
-- Members of each typedef'd struct in the header vs the layout file's.
local listed = {}
for line in io.lines(layout_file) do
  local ty, member = line:match("^(%S+)%.(%S+) offset")
  if ty then listed[ty .. "." .. member] = true end
end
local members = 0
for name, body in header:gmatch("typedef struct (apprunner_codec_[%w_]+) {(.-)}") do
  body = body:gsub("/%*.-%*/", "")
  for member in body:gmatch("([%w_]+)%s*;") do
    members = members + 1
    check(listed[name .. "." .. member], ("%s.%s (header) is checked by abi_layout"):format(name, member))
  end
end
check(members == 2 + 11 + 9 + 3, "the header's struct members were read (" .. members .. ")")

-- 2. Functions: the module's declarations are the header's.
local source = assert(io.open(module_dir .. "/apprunner_codec.lua")):read("*a")
local cdef = source:match("ffi%.cdef %[%[(.-)%]%]")
local declared = 0
for fn in cdef:gmatch("(apprunner_codec_[%w_]+)%(") do
  declared = declared + 1
  check(header:find(fn .. "(", 1, true) ~= nil, fn .. " is declared by the header")
end
check(declared >= 15, "the module declares the functions it calls (" .. declared .. ")")

-- 3. Behaviour.
check(not pcall(codec.init, { library = module_dir .. "/no-such-library.so" }), "init with a missing library fails")
codec.init { library = library }
check(codec.version() == "1.1.0", "version 1.1.0 (" .. tostring(codec.version()) .. ")")
codec.define("default", { deny = { "Delete*" } })
local CT = "application/x-amz-json-1.0"
local arn = '{"ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service/x/0123456789abcdef"}'
local t = codec.inspect("default", "POST", "/", "AppRunner.PauseService", CT, arn)
check(t and t.verdict == "forward" and t.check == "None" and t.status == 200 and t.operation == "PauseService"
      and t.body == "" and t.error_type == "", "valid PauseService is forwarded")
t = codec.inspect("default", "POST", "/", "AppRunner.PauseService", CT, '{"ServiceArn":"x"}', true)
check(t.verdict == "reject" and t.check == "Validation" and t.status == 400 and
      t.error_type == "InvalidRequestException" and t.violation_count == 1 and #t.violations == 1 and
      t.violations[1].path == "serviceArn" and t.body:find('"__type":"InvalidRequestException"', 1, true) ~= nil,
      "invalid PauseService is rejected with its violation")
check(t.message:match("^1 validation error detected: Value 'x' at 'serviceArn' failed to satisfy constraint: ") ~= nil,
      "the AWS sentence: " .. t.message)
t = codec.inspect("default", "POST", "/", nil, CT, "{}")
check(t.check == "UnknownOperation" and t.message:find("missing X-Amz-Target", 1, true) ~= nil, "missing target")
t = codec.inspect("default", "POST", "/", "AppRunner.PauseService", nil, arn)
check(t.check == "ContentType" and t.status == 415, "missing Content-Type")
t = codec.inspect("default", "POST", "/", "AppRunner.DeleteService", CT, arn)
check(t.check == "Denied" and t.error_type == "AccessDeniedException", "denied by the profile's policy")
-- Lengths, not NULs, end the inputs: cut at the NUL the body would be valid.
t = codec.inspect("default", "POST", "/", "AppRunner.PauseService", CT, arn .. "\0 ")
check(t.check == "Serialization" and t.status == 400, "a NUL after the JSON is data: " .. t.message)
-- Profiles are independent; configuration errors fail define().
codec.define("observe", { report_only = true, max_body_size = 10, unknown_operation_status = 404 })
t = codec.inspect("observe", "POST", "/", "AppRunner.PauseService", CT, arn)
check(t.verdict == "forward" and t.check == "BodyTooLarge" and t.status == 413, "report-only profile")
t = codec.inspect("observe", "POST", "/", "AppRunner.Nope", CT, "{}")
check(t.verdict == "forward" and t.status == 404, "unknown_operation_status 404")
t = codec.inspect("default", "POST", "/", "AppRunner.DeleteService", CT, arn)
check(t.verdict == "reject" and t.check == "Denied", "the default profile is unchanged")
for _, bad in ipairs {
  { allow = { "Nope" } }, { deny = { "Paus" } }, { max_body_size = 0 }, { unknown_operation_status = 500 },
} do
  local ok, err = pcall(codec.define, "bad", bad)
  check(not ok and tostring(err):find("apprunner_codec: ", 1, true) ~= nil, "bad configuration fails: " .. tostring(err))
end
check(not pcall(codec.inspect, "bad", "POST", "/", "AppRunner.PauseService", CT, arn),
      "a profile whose definition failed does not exist")
check(not pcall(codec.inspect, "nope", "POST", "/", "AppRunner.PauseService", CT, arn), "unknown profile")

print(("%d passed, %d failed"):format(passed, failed))
os.exit(failed == 0 and 0 or 1)
