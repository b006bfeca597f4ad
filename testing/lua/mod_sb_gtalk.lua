-- mod_sb_gtalk: emulates Google Talk's SASL X-GOOGLE-TOKEN and X-OAUTH2 for Switchboard's tests
-- (@switchboard/testing). See PROTOCOLS.md, "X-GOOGLE-TOKEN and X-OAUTH2".
--
-- Both are client-first with the payload "\0" .. user .. "\0" .. token, where user is the full
-- address `local@domain` (domain = this host) and the token belongs to that user in the token
-- table; an entry's `mechanisms` list can restrict a token to one of the two.
-- X-OAUTH2 additionally requires the attribute auth:service='oauth2' in the namespace
-- http://www.google.com/talk/protocol/auth on `<auth/>`; a hook (priority 10, ahead of
-- mod_saslauth) answers not-authorized without it.
--
-- Offered only on the hosts that load this module. Options (per host or global):
--   sb_token_file = "/path/tokens.json"  -- the token table (see mod_sb_tokens)

local sasl = require "util.sasl";
local st = require "util.stanza";
local nodeprep = require "util.encodings".stringprep.nodeprep;
local nameprep = require "util.encodings".stringprep.nameprep;

local sb = module:depends("sb_tokens");

local GOOGLE_AUTH = "http://www.google.com/talk/protocol/auth";
local XMLNS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";

local function mechanism(name)
	return function (self, message)
		if message == nil or message == "" then
			return "failure", "malformed-request", name.." needs \\0user@domain\\0token";
		end
		local _, user, token = message:match("^([^%z]*)%z([^%z]+)%z([^%z]+)$");
		if not user then
			return "failure", "malformed-request", name.." needs \\0user@domain\\0token";
		end
		local node, domain = user:match("^([^@]+)@([^@/]+)$");
		node, domain = node and nodeprep(node), domain and nameprep(domain);
		if not node or not domain then
			return "failure", "not-authorized", "The user must be the full address local@domain";
		end
		if domain ~= self.realm then
			return "failure", "not-authorized", "The user's domain is not this host";
		end
		local entry, why = sb.lookup(self.realm, token, name);
		if not entry then return "failure", "not-authorized", "Token rejected: "..why; end
		if nodeprep(entry.user) ~= node then
			return "failure", "not-authorized", "Token rejected: it belongs to another user";
		end
		self.username = node;
		return "success";
	end
end

for _, name in ipairs({ "X-GOOGLE-TOKEN", "X-OAUTH2" }) do
	sasl.registerMechanism(name, {}, mechanism(name));
	sb.offer_mechanism(module, name);
end

module:hook("stanza/urn:ietf:params:xml:ns:xmpp-sasl:auth", function (event)
	local session, stanza = event.origin, event.stanza;
	if session.type ~= "c2s_unauthed" or stanza.attr.mechanism ~= "X-OAUTH2" then return; end
	if stanza.attr[GOOGLE_AUTH.."\1service"] == "oauth2" then return; end
	session.send(st.stanza("failure", { xmlns = XMLNS_SASL })
		:tag("not-authorized"):up()
		:text_tag("text", "X-OAUTH2 requires the attribute auth:service=oauth2 in the namespace "..GOOGLE_AUTH));
	return true;
end, 10);
