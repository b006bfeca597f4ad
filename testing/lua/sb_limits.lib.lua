-- sb_limits: hooks shared by mod_sb_messenger_limits and mod_sb_facebook_limits
-- (@switchboard/testing). Loaded with module:require("sb_limits"), so `module` is the caller's.

local st = require "util.stanza";

local ROSTER_TEXT = "Roster changes are not supported by this service";

-- Answers every roster set with cancel/feature-not-implemented, before mod_roster does (its
-- handler runs at priority 0; `iq-set/...` would never fire because mod_roster answers first).
-- With allow_add, a set that adds one contact not yet on the roster is left to mod_roster.
local function refuse_roster_changes(mod, allow_add)
	mod:hook("iq/self/jabber:iq:roster:query", function (event)
		local origin, stanza = event.origin, event.stanza;
		if stanza.attr.type ~= "set" then return; end
		if allow_add then
			local item = stanza.tags[1]:get_child("item");
			local jid = item and item.attr.jid;
			if jid and item.attr.subscription ~= "remove" and origin.roster and not origin.roster[jid] then
				return;
			end
		end
		origin.send(st.error_reply(stanza, "cancel", "feature-not-implemented", ROSTER_TEXT));
		return true;
	end, 10);
end

-- Answers every vcard-temp set with auth/forbidden, before mod_vcard does; gets still work.
local function refuse_vcard_updates(mod)
	local function refuse(event)
		local origin, stanza = event.origin, event.stanza;
		if stanza.attr.type ~= "set" then return; end
		origin.send(st.error_reply(stanza, "auth", "forbidden", "vCards cannot be updated on this service"));
		return true;
	end
	mod:hook("iq/bare/vcard-temp:vCard", refuse, 10);
	mod:hook("iq/host/vcard-temp:vCard", refuse, 10);
end

-- Closes a session whose connection was silent for the read timeout with the stream error
-- connection-timeout (mod_c2s's whitespace keepalive at priority -1 then never runs).
-- With `seconds`, sets the read timeout of the network backend to it: process-wide, for every
-- connection accepted from now on (the same as network_settings.read_timeout in the config).
local function drop_idle_sessions(mod, seconds)
	if seconds then
		local server = require "net.server";
		local settings = {};
		for key, value in pairs(require "core.configmanager".get("*", "network_settings") or {}) do
			settings[key] = value;
		end
		settings.read_timeout = seconds;
		if server.set_config then
			server.set_config(settings);
			mod:log("info", "Idle drop: read_timeout is now %s s for every connection", seconds);
		else
			mod:log("error", "Idle drop: this network backend cannot change read_timeout at run time");
		end
	end
	mod:hook("c2s-read-timeout", function (event)
		local session = event.session;
		session.log("info", "Idle for read_timeout: closing with connection-timeout");
		session:close({ condition = "connection-timeout", text = "Idle connection dropped" });
		return true;
	end, 10);
end

return {
	refuse_roster_changes = refuse_roster_changes;
	refuse_vcard_updates = refuse_vcard_updates;
	drop_idle_sessions = drop_idle_sessions;
};
