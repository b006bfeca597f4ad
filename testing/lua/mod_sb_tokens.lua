-- mod_sb_tokens: shared helper of Switchboard's provider-emulation modules (@switchboard/testing).
--
-- 1. The token table: a JSON file named by the option `sb_token_file` (global or per host),
--      { "<token>": { "user": "<localpart>", "host": "<domain>",
--                     "expires": <unix seconds> | null, "mechanisms": [ "<SASL name>", ... ] } }
--    The parse is cached per file and re-read when the file's mtime, size or inode changes (and
--    always while the file is younger than one second, as mtimes have one-second resolution here).
--    Writers must replace the file by rename so that readers never see half a file.
-- 2. offer_mechanism(module, NAME): offers a SASL mechanism registered with an empty backend list
--    on the calling module's host only, by wrapping that host's auth provider's get_sasl_handler.
--
-- Other modules use it through `local sb = module:depends("sb_tokens")`.
--
-- The mechanism functions are process-wide (util.sasl keeps one table), so everything here is
-- keyed by the SASL handler's realm (the virtual host), never by the loading module's host.

local json = require "util.json";
local lfs = require "lfs";
local now = require "util.time".now;
local configmanager = require "core.configmanager";
local resolve_relative_path = require "util.paths".resolve_relative_path;

local caches = {}; -- path -> { mtime, size, ino, read_at, tokens }

local function token_file_for(realm)
	local path = configmanager.get(realm, "sb_token_file");
	if type(path) ~= "string" or path == "" then return nil; end
	return resolve_relative_path(prosody.paths.config or ".", path);
end

local function read_tokens(path)
	local attr = lfs.attributes(path);
	if not attr then
		caches[path] = nil;
		return {}, "token file missing";
	end
	local cached = caches[path];
	if cached and cached.mtime == attr.modification and cached.size == attr.size
			and cached.ino == attr.ino and attr.modification < cached.read_at then
		return cached.tokens;
	end
	local read_at = os.time();
	local f, err = io.open(path, "r");
	if not f then
		module:log("warn", "Cannot open token file %s: %s", path, err);
		return {}, "token file unreadable";
	end
	local text = f:read("a");
	f:close();
	local tokens, parse_err = json.decode(text);
	if type(tokens) ~= "table" then
		module:log("warn", "Token file %s is not a JSON object: %s", path, parse_err or "wrong type");
		tokens = {};
	end
	caches[path] = {
		mtime = attr.modification, size = attr.size, ino = attr.ino, read_at = read_at, tokens = tokens,
	};
	return tokens;
end

local function contains(list, value)
	for _, item in ipairs(list) do
		if item == value then return true; end
	end
	return false;
end

-- Looks a token up for a login to `realm` with SASL mechanism `mechanism`.
-- Returns the entry ({ user, host, expires, mechanisms }) or nil and a reason safe to show
-- (it never contains the token).
function lookup(realm, token, mechanism)
	local path = token_file_for(realm);
	if not path then return nil, "no sb_token_file configured for "..tostring(realm); end
	if type(token) ~= "string" or token == "" then return nil, "no token given"; end
	local tokens = read_tokens(path);
	local entry = tokens[token];
	if type(entry) ~= "table" then return nil, "unknown token"; end
	if entry.host ~= realm then return nil, "token was issued for another host"; end
	if type(entry.user) ~= "string" or entry.user == "" then return nil, "token entry has no user"; end
	if type(entry.expires) == "number" and entry.expires <= now() then
		return nil, "token expired";
	end
	if type(entry.mechanisms) == "table" and #entry.mechanisms > 0
			and not contains(entry.mechanisms, mechanism) then
		return nil, "token is not valid for "..mechanism;
	end
	return entry;
end

local offered = setmetatable({}, { __mode = "k" }); -- provider -> set of names already wrapped in

-- Offers SASL mechanism `name` on `mod.host` only: every SASL handler the host's auth provider
-- creates from now on (including after the provider is replaced) gets mechs[name] = true.
function offer_mechanism(mod, name)
	local host = mod.host;
	local function wrap()
		local provider = prosody.hosts[host] and prosody.hosts[host].users;
		if not provider then return; end
		local names = offered[provider];
		if not names then names = {}; offered[provider] = names; end
		if names[name] then return; end
		names[name] = true;
		local get_sasl_handler = provider.get_sasl_handler;
		provider.get_sasl_handler = function (...)
			local handler = get_sasl_handler(...);
			if handler and handler.mechs then handler.mechs[name] = true; end
			return handler;
		end;
		mod:log("debug", "Offering SASL %s on %s (auth provider %s)", name, host, tostring(provider.name));
	end
	wrap();
	-- usermanager installs a new provider at priority 0; wrap it afterwards.
	mod:hook("item-added/auth-provider", wrap, -10);
end
