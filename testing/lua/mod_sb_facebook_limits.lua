-- mod_sb_facebook_limits: Facebook Chat's XMPP limits, for Switchboard's tests
-- (@switchboard/testing). See PROTOCOLS.md, "X-FACEBOOK-PLATFORM", Limits.
--
-- - Roster changes (iq type='set' to jabber:iq:roster) -> cancel/feature-not-implemented:
--   "roster and subscriptions cannot be changed over XMPP".

local sb_common = module:require("sb_limits");

sb_common.refuse_roster_changes(module, false);
