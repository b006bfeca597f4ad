-- mod_sb_facebook: emulates Facebook Chat's SASL X-FACEBOOK-PLATFORM (until 2015) for
-- Switchboard's tests (@switchboard/testing). See PROTOCOLS.md, "X-FACEBOOK-PLATFORM".
--
-- Server-first. The client sends `<auth/>` without text (or `=`); the server challenges with
-- `version=1&method=auth.xmpp_login&nonce=<hex>`; the client answers with a form-encoded string
-- that echoes `method` and `nonce` and carries `access_token`, `api_key`, `call_id` (any value,
-- may be empty) and `v=1.0`, in any order. The access token must be valid in the token table.
-- The legacy variant (`session_key` + `sig = md5hex(sorted "k=v" pairs .. app_secret)`) is
-- accepted when `sb_facebook_app_secret` is set; its `session_key` is looked up as a token.
--
-- Offered only on the hosts that load this module. Options (per host or global):
--   sb_token_file = "/path/tokens.json"      -- the token table (see mod_sb_tokens)
--   sb_facebook_api_key = "APIKEY"           -- required: the app id clients must send
--   sb_facebook_app_secret = "SECRET"        -- optional: enables the legacy sig variant
--   sb_facebook_nonce = "AA4E..."            -- optional: a fixed nonce (for test vectors)

local sasl = require "util.sasl";
local configmanager = require "core.configmanager";
local formdecode = require "util.http".formdecode;
local random_bytes = require "util.random".bytes;
local hex = require "util.hex";
local md5 = require "util.hashes".md5;

local sb = module:depends("sb_tokens");

local NAME = "X-FACEBOOK-PLATFORM";
local METHOD = "auth.xmpp_login";

local function option(realm, name)
	local value = configmanager.get(realm, name);
	if type(value) == "string" and value ~= "" then return value; end
	return nil;
end

local function legacy_sig(form, secret)
	local keys = {};
	for _, field in ipairs(form) do
		if field.name ~= "sig" then table.insert(keys, field.name); end
	end
	table.sort(keys);
	local parts = {};
	for _, key in ipairs(keys) do table.insert(parts, key.."="..form[key]); end
	return md5(table.concat(parts)..secret, true);
end

local function reject(text)
	return "failure", "not-authorized", text;
end

local function facebook(self, message)
	if not self.sb_nonce then
		if message ~= nil and message ~= "" then
			return "failure", "malformed-request", NAME.." is server-first: send <auth/> without text";
		end
		self.sb_nonce = option(self.realm, "sb_facebook_nonce") or hex.encode(random_bytes(16)):upper();
		return "challenge", "version=1&method="..METHOD.."&nonce="..self.sb_nonce;
	end
	if message == nil or not message:find("=", 1, true) then
		return "failure", "malformed-request", "Expected a form-encoded response to the challenge";
	end
	local form = formdecode(message);
	if form.method ~= METHOD then return reject("method must be "..METHOD); end
	if form.nonce ~= self.sb_nonce then return reject("nonce does not match the challenge"); end
	if form.v ~= "1.0" then return reject("v must be 1.0"); end
	local api_key = option(self.realm, "sb_facebook_api_key");
	if not api_key then return reject("The server has no sb_facebook_api_key configured"); end
	if form.api_key ~= api_key then return reject("api_key is not this server's application"); end

	local token;
	if form.sig ~= nil then
		local secret = option(self.realm, "sb_facebook_app_secret");
		if not secret then return reject("Legacy sig login is not enabled (sb_facebook_app_secret)"); end
		if not form.session_key or form.session_key == "" then return reject("session_key missing"); end
		if legacy_sig(form, secret) ~= form.sig:lower() then return reject("sig does not verify"); end
		token = form.session_key;
	else
		token = form.access_token;
		if not token or token == "" then return reject("access_token missing"); end
	end
	local entry, why = sb.lookup(self.realm, token, NAME);
	if not entry then return reject("Access token rejected: "..why); end
	self.username = entry.user;
	return "success";
end

sasl.registerMechanism(NAME, {}, facebook);
sb.offer_mechanism(module, NAME);
