-- mod_sb_oauthbearer: the server side of SASL OAUTHBEARER (RFC 7628) for Switchboard's tests
-- (@switchboard/testing), e.g. to stand in for a third-party provider.
--
-- Client-first: gs2 header `n,a=<authzid>,` (or `n,,`), then %x01, then key=value pairs each
-- ended by %x01 (`auth=Bearer <token>` required, `host=`/`port=` optional), then a final %x01.
-- A gs2 header whose authzid lacks the `a=` prefix is a malformed-request. An authzid, if
-- given, must be the token's user (`user@host` or `user`), else invalid-authzid.
-- Invalid, unknown or expired token: the server sends a challenge with the JSON error
-- `{"status":"invalid_token"}` (plus `scope` / `openid-configuration` when configured); the
-- client must answer with the single byte %x01; then `<failure><not-authorized/>`.
--
-- Offered only on the hosts that load this module. Options (per host or global):
--   sb_token_file = "/path/tokens.json"            -- the token table (see mod_sb_tokens)
--   sb_oauthbearer_scope = "xmpp"                  -- optional: `scope` in the error JSON
--   sb_oauthbearer_openid_configuration = "https://..." -- optional: `openid-configuration`

local sasl = require "util.sasl";
local json = require "util.json";
local configmanager = require "core.configmanager";

local sb = module:depends("sb_tokens");

local NAME = "OAUTHBEARER";

local function malformed(text)
	return "failure", "malformed-request", text;
end

local function error_json(realm)
	local body = { status = "invalid_token" };
	local scope = configmanager.get(realm, "sb_oauthbearer_scope");
	if type(scope) == "string" then body.scope = scope; end
	local openid = configmanager.get(realm, "sb_oauthbearer_openid_configuration");
	if type(openid) == "string" then body["openid-configuration"] = openid; end
	return json.encode(body);
end

-- "auth=Bearer x\1host=h\1\1" -> { auth = "Bearer x", host = "h" }, or nil
local function parse_pairs(text)
	if text:sub(-2) ~= "\1\1" and text ~= "\1" then return nil; end
	local pairs_ = {};
	for pair in text:sub(1, -2):gmatch("([^\1]*)\1") do
		local key, value = pair:match("^([A-Za-z]+)=(.*)$");
		if not key then return nil; end
		pairs_[key] = value;
	end
	return pairs_;
end

local function oauthbearer(self, message)
	if self.sb_error then
		if message == "\1" then return "failure", "not-authorized", self.sb_error; end
		return malformed("After the error challenge the client must send %x01");
	end
	if message == nil or message == "" then return malformed(NAME.." is client-first"); end
	local flag, authz, rest = message:match("^([^,]*),([^,]*),\1(.*)$");
	if not flag then return malformed("Expected the gs2 header `n,a=<authzid>,` then %x01"); end
	if flag ~= "n" and flag ~= "y" then return malformed("Channel binding is not supported"); end
	if authz ~= "" and not authz:match("^a=") then
		return malformed("The gs2 header's authzid must start with a=");
	end
	local kv = parse_pairs(rest);
	if not kv then return malformed("Expected key=value pairs each ended by %x01, then %x01"); end
	local token = kv.auth and kv.auth:match("^[Bb][Ee][Aa][Rr][Ee][Rr] +(%S+)$");
	if not token then return malformed("Expected auth=Bearer <token>"); end

	local entry, why = sb.lookup(self.realm, token, NAME);
	if not entry then
		self.sb_error = "invalid_token: "..why;
		return "challenge", error_json(self.realm);
	end
	if authz ~= "" then
		local authzid = authz:sub(3):gsub("=2[Cc]", ","):gsub("=3[Dd]", "=");
		if authzid ~= entry.user and authzid ~= entry.user.."@"..self.realm then
			return "failure", "invalid-authzid", "The authzid is not the token's user";
		end
	end
	self.username = entry.user;
	return "success";
end

sasl.registerMechanism(NAME, {}, oauthbearer);
sb.offer_mechanism(module, NAME);
