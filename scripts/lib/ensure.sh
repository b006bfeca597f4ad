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

ensure_prosody() {
  if command -v prosody >/dev/null 2>&1 && command -v prosodyctl >/dev/null 2>&1; then return; fi
  if command -v apt-get >/dev/null 2>&1; then
    say "Installing Debian's prosody (the XMPP server the tests run against)"
    if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prosody >/dev/null 2>&1 ||
      { as_root apt-get update -qq >/dev/null 2>&1 &&
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prosody >/dev/null; }; then
      return
    fi
  fi
  die "Prosody is missing and could not be installed here: run 'sudo apt-get install -y prosody' (Debian/Ubuntu)."
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
