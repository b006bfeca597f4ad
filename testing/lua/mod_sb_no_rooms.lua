-- mod_sb_no_rooms: a retired provider's host offered no multi-user chat (XEP-0045), for
-- Switchboard's tests (@switchboard/testing). Loaded by withProviders on the Messenger, Facebook
-- and Google Talk hosts, next to `modules_disabled = { "carbons", "mam" }` (the providers had
-- no Message Carbons and no MAM either, so those modules never load there).
--
-- Any stanza a user of this host sends to a multi-user chat service of the same server (a host
-- that loaded Prosody's `muc`) is refused before it is routed: a join presence, a groupchat or
-- private message, an iq (disco, room configuration, ...) gets an error reply of type cancel,
-- condition service-unavailable; an unavailable presence, a result or an error is dropped.
-- Hooks `pre-<stanza>/<bare|full|host>` on this host at priority 1000, ahead of every handler.

local st = require "util.stanza";
local jid_host = require "util.jid".host;
local is_loaded = require "core.modulemanager".is_loaded;

local TEXT = "Group chat is not available on this service";

local function is_room_service(host)
	return host ~= nil and prosody.hosts[host] ~= nil and is_loaded(host, "muc") == true;
end

local function refuse(event)
	local origin, stanza = event.origin, event.stanza;
	if not is_room_service(jid_host(stanza.attr.to)) then return; end
	local kind = stanza.attr.type;
	if kind == "error" or kind == "result" or (stanza.name == "presence" and kind == "unavailable") then
		return true;
	end
	module:log("debug", "Refusing %s to %s: no group chat on this service", stanza.name, stanza.attr.to);
	origin.send(st.error_reply(stanza, "cancel", "service-unavailable", TEXT));
	return true;
end

for _, name in ipairs({ "presence", "message", "iq" }) do
	for _, to in ipairs({ "bare", "full", "host" }) do
		module:hook("pre-"..name.."/"..to, refuse, 1000);
	end
end
