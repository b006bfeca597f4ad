-- mod_sb_messenger: emulates Windows Live Messenger's SASL X-MESSENGER-OAUTH2 (2011-2013) for
-- Switchboard's tests (@switchboard/testing). See PROTOCOLS.md, "X-MESSENGER-OAUTH2".
--
-- One client-first step, no challenge: the access token is the whole payload and `<success/>`
-- follows. Live tokens are themselves base64 text and clients put them *verbatim* into `<auth/>`.
-- Prosody base64-decodes the `<auth/>` text before a mechanism sees it, so a hook (priority 10,
-- ahead of mod_saslauth) first base64-encodes the text of an X-MESSENGER-OAUTH2 `<auth/>`: the
-- mechanism then receives exactly the characters on the wire. (Re-encoding the decoded bytes
-- instead would only recover canonical base64: Prosody decodes `QUI` to "" and `QUJ=` to "AB".)
--
-- Offered only on the hosts that load this module. Options (per host or global):
--   sb_token_file = "/path/tokens.json"  -- the token table (see mod_sb_tokens)

local base64 = require "util.encodings".base64;
local sasl = require "util.sasl";

local sb = module:depends("sb_tokens");

local NAME = "X-MESSENGER-OAUTH2";

local function messenger(self, message)
	if message == nil or message == "" then
		return "failure", "not-authorized", NAME.." needs the access token as the text of <auth/>";
	end
	local entry, why = sb.lookup(self.realm, message, NAME);
	if not entry then
		return "failure", "not-authorized", "Access token rejected: "..why;
	end
	self.username = entry.user;
	return "success";
end

sasl.registerMechanism(NAME, {}, messenger);
sb.offer_mechanism(module, NAME);

module:hook("stanza/urn:ietf:params:xml:ns:xmpp-sasl:auth", function (event)
	local session, stanza = event.origin, event.stanza;
	if session.type ~= "c2s_unauthed" or stanza.attr.mechanism ~= NAME then return; end
	local text = stanza[1];
	if type(text) ~= "string" then return; end
	text = text:match("^%s*(.-)%s*$");
	if text == "" or text == "=" then return; end -- no token: the mechanism says so
	stanza[1] = base64.encode(text);
end, 10);
