/** The version of @switchboard/core; modules declare which core versions they support. */
export const CORE_VERSION = '0.1.0';
