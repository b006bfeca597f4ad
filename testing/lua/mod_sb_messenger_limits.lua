-- mod_sb_messenger_limits: Windows Live Messenger's XMPP limits, for Switchboard's tests
-- (@switchboard/testing). See PROTOCOLS.md, "X-MESSENGER-OAUTH2", Limits.
--
-- - Roster changes (iq type='set' to jabber:iq:roster) -> cancel/feature-not-implemented.
--   With `sb_roster_allow_add = true`, a set that adds a contact not yet on the roster passes
--   (Microsoft's reference allowed adding only).
-- - vCard updates (vcard-temp, type='set') -> auth/forbidden; fetching still works.
-- - Idle drop, opt-in with `sb_idle_drop = true`: when the connection's read timeout fires, the
--   session is closed with the stream error connection-timeout instead of mod_c2s's whitespace
--   keepalive (Live dropped idle connections after one to two minutes). The timeout is
--   process-wide: `network_settings = { read_timeout = N }`, or `sb_idle_timeout = N` here,
--   which sets the same value at run time. Use a server of its own for it.

local sb_common = module:require("sb_limits");

sb_common.refuse_roster_changes(module, module:get_option_boolean("sb_roster_allow_add", false));
sb_common.refuse_vcard_updates(module);
if module:get_option_boolean("sb_idle_drop", false) then
	sb_common.drop_idle_sessions(module, module:get_option_number("sb_idle_timeout"));
end
