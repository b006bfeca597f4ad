# Shared checks for the scripts in this folder: each installs what is missing or says exactly
# what to install. Source it; do not run it.

PNPM_VERSION=10.34.9
NODE_MAJOR_MIN=20

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}

ensure_node() {
  command -v node >/dev/null 2>&1 || die "Node.js is missing: install Node.js ${NODE_MAJOR_MIN}.19 or newer (Debian: apt-get install nodejs, or https://nodejs.org)."
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge "$NODE_MAJOR_MIN" ] || die "Node.js $(node --version) is too old: install Node.js ${NODE_MAJOR_MIN}.19 or newer."
}

ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1; then return; fi
  say "Installing pnpm ${PNPM_VERSION} with npm"
  npm install -g "pnpm@${PNPM_VERSION}" >/dev/null 2>&1 || as_root npm install -g "pnpm@${PNPM_VERSION}" >/dev/null ||
    die "Could not install pnpm: run 'npm install -g pnpm@${PNPM_VERSION}' (with sudo if npm's prefix is not writable)."
  command -v pnpm >/dev/null 2>&1 || die "pnpm was installed but is not on PATH: add \"$(npm prefix -g)/bin\" to PATH."
}

# Prosody 13 with Debian's prosody-modules (mod_sasl2, sasl2_bind2, sasl2_sm, sasl2_fast,
# sasl_ssdp): Debian trixie and newer have them; bookworm gets them from bookworm-backports, Debian's
# own suite, added as an apt source (its Release file pins it at 100: nothing else is taken from it
# unless asked for). A pin at 500 for these two packages keeps them following the backports: the
# trixie source that ensure_ergochat adds offers newer builds of them, which need trixie's libc.
PROSODY_MAJOR_MIN=13
BACKPORTS_SOURCE=/etc/apt/sources.list.d/switchboard-bookworm-backports.sources
BACKPORTS_PIN=/etc/apt/preferences.d/switchboard-bookworm-backports
PROSODY_APT_OPTIONS=(-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)

# A path the prosody launcher sets (CFG_SOURCEDIR, CFG_PLUGINDIR), as the testing kit reads it.
prosody_cfg() {
  sed -n "s/^$1 *= *['\"]\([^'\"]*\)['\"].*/\1/p" "$(command -v prosody)" 2>/dev/null | head -n 1
}

# The installed Prosody release (e.g. 13.0.1), or nothing.
prosody_release() {
  command -v prosody >/dev/null 2>&1 || return 0
  local dir
  dir=$(prosody_cfg CFG_SOURCEDIR)
  cat "${dir:-/usr/lib/prosody}/prosody.version" 2>/dev/null
}

# True when prosody and prosodyctl are on PATH, the release is 13 or newer and mod_sasl2 is there.
prosody_ready() {
  command -v prosody >/dev/null 2>&1 && command -v prosodyctl >/dev/null 2>&1 || return 1
  local release major plugins
  release=$(prosody_release)
  major=${release%%.*}
  case "$major" in '' | *[!0-9]*) return 1 ;; esac
  [ "$major" -ge "$PROSODY_MAJOR_MIN" ] || return 1
  plugins=$(prosody_cfg CFG_PLUGINDIR)
  plugins=${plugins:-/usr/lib/prosody/modules/}
  [ -f "${plugins%/}/mod_sasl2/mod_sasl2.lua" ] || [ -f "${plugins%/}/mod_sasl2.lua" ]
}

add_backports_source() {
  if ! grep -rqsE '^[^#]*bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    say "Adding Debian bookworm-backports as an apt source (${BACKPORTS_SOURCE})"
    printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' 'Suites: bookworm-backports' \
      'Components: main' 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' |
      as_root tee "$BACKPORTS_SOURCE" >/dev/null || return 1
  fi
  if [ ! -f "$BACKPORTS_PIN" ]; then
    printf '%s\n' 'Package: prosody prosody-modules' 'Pin: release n=bookworm-backports' 'Pin-Priority: 500' |
      as_root tee "$BACKPORTS_PIN" >/dev/null || return 1
  fi
}

# apt-get install of Prosody 13 and prosody-modules; on bookworm from bookworm-backports. An
# older Prosody is upgraded in place, its /etc/prosody configuration kept (the tests use their own).
apt_install_prosody() {
  local target=()
  [ "$1" = bookworm ] && target=(-t bookworm-backports)
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PROSODY_APT_OPTIONS[@]}" \
    "${target[@]}" prosody prosody-modules >/dev/null 2>&1
}

ensure_prosody() {
  prosody_ready && return
  local found codename
  found=$(prosody_release)
  local hint="Prosody ${PROSODY_MAJOR_MIN} with prosody-modules is needed"
  case "$found" in
    '') ;;
    [0-9] | [0-9].* | 1[0-2].*) hint="${hint} (found Prosody ${found})" ;;
    *) hint="${hint} (found Prosody ${found} without mod_sasl2)" ;;
  esac
  hint="${hint}: run 'sudo apt-get install -y prosody prosody-modules' (Debian trixie or newer; on bookworm add bookworm-backports as an apt source first and install with -t bookworm-backports, see scripts/lib/ensure.sh)"
  command -v apt-get >/dev/null 2>&1 || die "${hint}."
  codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  say "Installing Debian's prosody ${PROSODY_MAJOR_MIN} and prosody-modules (the XMPP server the tests run against)"
  if [ "$codename" = bookworm ]; then
    add_backports_source || die "Could not add bookworm-backports as an apt source: ${hint}."
  fi
  if ! apt_install_prosody "$codename"; then
    as_root apt-get update -qq >/dev/null 2>&1 && apt_install_prosody "$codename"
  fi
  prosody_ready || die "${hint}."
}

# Debian's ergochat (the IRC server the tests run against) is in trixie and newer. On bookworm it
# comes from trixie, added as a low-priority apt source (pin 100: nothing else upgrades from it);
# the package is a Go binary that needs only adduser and libc6, so nothing else is pulled in.
ERGO_TRIXIE_SOURCE=/etc/apt/sources.list.d/switchboard-trixie.sources
ERGO_TRIXIE_PIN=/etc/apt/preferences.d/switchboard-trixie

apt_install_quiet() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

add_trixie_source() {
  say "Adding Debian trixie as a low-priority apt source (${ERGO_TRIXIE_SOURCE}, pin 100 in ${ERGO_TRIXIE_PIN})"
  printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' 'Suites: trixie' 'Components: main' \
    'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' | as_root tee "$ERGO_TRIXIE_SOURCE" >/dev/null &&
    printf '%s\n' 'Package: *' 'Pin: release n=trixie' 'Pin-Priority: 100' | as_root tee "$ERGO_TRIXIE_PIN" >/dev/null &&
    as_root apt-get update -qq >/dev/null 2>&1
}

ensure_ergochat() {
  if command -v ergochat >/dev/null 2>&1; then return; fi
  local hint="run 'sudo apt-get install -y ergochat' (Debian trixie or newer; on bookworm add trixie as an apt source first, see scripts/lib/ensure.sh)"
  command -v apt-get >/dev/null 2>&1 || die "ergochat (the IRC server the tests run against) is missing: ${hint}."
  say "Installing Debian's ergochat (the IRC server the tests run against)"
  if apt_install_quiet ergochat 2>/dev/null ||
    { as_root apt-get update -qq >/dev/null 2>&1 && apt_install_quiet ergochat 2>/dev/null; }; then
    return
  fi
  local codename
  codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  if [ "$codename" = bookworm ] && add_trixie_source && apt_install_quiet -t trixie ergochat; then
    return
  fi
  die "ergochat is missing and could not be installed here: ${hint}."
}

ensure_openssl() {
  command -v openssl >/dev/null 2>&1 && return
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null 2>&1 ||
    die "openssl is missing: run 'sudo apt-get install -y openssl'."
}

ensure_workspace() {
  say "Installing workspace dependencies"
  pnpm install --frozen-lockfile --reporter=silent || die "pnpm install failed (see above)."
}

# Everything the scripts need before they build: Node, pnpm, openssl, Prosody, ergochat,
# dependencies.
ensure_all() {
  ensure_node
  ensure_pnpm
  ensure_openssl
  ensure_prosody
  ensure_ergochat
  ensure_workspace
}

# The quiet build the demo and the benchmark run before they start.
build_workspace() {
  say "Build (pnpm build)"
  pnpm build --output-logs=errors-only || die "The build failed (see above)."
}
