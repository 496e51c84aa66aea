#!/usr/bin/env bash
# Installs the VTrack edge agent on Debian or Ubuntu as a systemd service, and enrols it.
#
#   From a release (npm run agent:release makes vtrack-agent-<version>.tar.gz):
#     tar -xzf vtrack-agent-0.1.0.tar.gz && sudo bash vtrack-agent-0.1.0/install.sh --api https://your-vtrack-site --code ABCDE23456
#   From a checkout of the repository:
#     sudo bash edge-agent/install/install.sh --api https://your-vtrack-site --code ABCDE23456
#
# What it does, each step only when needed (run it again to upgrade; it is idempotent):
#   1. Node.js 20 or newer and ffmpeg from the distribution (apt-get) when missing (npm too from a checkout);
#   2. a system user `vtrack-agent` and the state folder /var/lib/vtrack-agent (mode 750);
#   3. the agent in /opt/vtrack-agent: from a release the bundle beside this script (no npm, no
#      node_modules); from a checkout the code with its production packages (npm ci) run through tsx;
#   4. /usr/local/bin/vtrack-agent and the unit /etc/systemd/system/vtrack-agent.service;
#   5. `vtrack-agent enrol` with the one-time code (skipped when --code is not given);
#   6. systemctl enable --now vtrack-agent.
# --dry-run prints the plan (and the unit file) without changing anything; it needs no root.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# An unpacked release holds the bundle beside this script; a checkout has it two folders up.
if [ -f "${SCRIPT_DIR}/vtrack-agent.mjs" ]; then
  FROM_RELEASE=1
  SOURCE_DIR="$SCRIPT_DIR"
else
  FROM_RELEASE=0
  SOURCE_DIR="$(cd "${SCRIPT_DIR}/../.." && pwd)"
fi
RELEASE_FILES=(vtrack-agent.mjs zxingWorker.mjs zxing_reader.wasm VERSION THIRD-PARTY-NOTICES.txt)
INSTALL_DIR=/opt/vtrack-agent
STATE_DIR=/var/lib/vtrack-agent
BIN=/usr/local/bin/vtrack-agent
UNIT=/etc/systemd/system/vtrack-agent.service
SERVICE_USER=vtrack-agent
MIN_NODE_MAJOR=20
API=""
CODE=""
FOOTAGE_GROUP=""
DRY_RUN=0
PRINT_UNIT=0

usage() {
  cat <<'USAGE'
Usage: install.sh [--api URL --code CODE] [--footage-group GROUP] [--dry-run] [--print-unit]

  --api URL              your VTrack site, as shown in the web app (https://…)
  --code CODE            the one-time enrolment code from the web app's Agents page
  --footage-group GROUP  a group that may read (and clean) the footage folders; the agent's user joins it
  --dry-run              print what would be done, change nothing (no root needed)
  --print-unit           print the systemd unit this script writes, and stop
USAGE
}

fail() {
  echo "install.sh: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --api) API="${2:-}"; shift 2 || fail "--api needs a URL" ;;
    --code) CODE="${2:-}"; shift 2 || fail "--code needs the enrolment code" ;;
    --footage-group) FOOTAGE_GROUP="${2:-}"; shift 2 || fail "--footage-group needs a group name" ;;
    --dry-run) DRY_RUN=1; shift ;;
    --print-unit) PRINT_UNIT=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

if [ -n "$API" ] && ! [[ "$API" =~ ^https?://[^[:space:]]+$ ]]; then
  echo "install.sh: --api must be the URL of your VTrack site, such as https://vtrack.example.com" >&2
  exit 2
fi
if [ -n "$CODE" ] && ! [[ "$CODE" =~ ^[A-Za-z0-9-]{4,40}$ ]]; then
  echo "install.sh: --code must be the enrolment code shown in the web app (letters, digits and -)" >&2
  exit 2
fi
if { [ -n "$API" ] && [ -z "$CODE" ]; } || { [ -z "$API" ] && [ -n "$CODE" ]; }; then
  echo "install.sh: --api and --code go together" >&2
  exit 2
fi
if [ -n "$FOOTAGE_GROUP" ] && ! [[ "$FOOTAGE_GROUP" =~ ^[a-z_][a-z0-9_-]{0,31}$ ]]; then
  echo "install.sh: --footage-group must be a group name" >&2
  exit 2
fi

unit_text() {
  sed -e "s|@BIN@|${BIN}|g" -e "s|@STATE_DIR@|${STATE_DIR}|g" "${SCRIPT_DIR}/vtrack-agent.service"
}

if [ "$PRINT_UNIT" = 1 ]; then
  unit_text
  exit 0
fi

# Every change goes through run: printed in a dry run, done otherwise.
run() {
  if [ "$DRY_RUN" = 1 ]; then
    printf 'would run:'
    printf ' %q' "$@"
    printf '\n'
  else
    "$@"
  fi
}

# write_file PATH MODE: standard input becomes PATH (shown in a dry run).
write_file() {
  local target="$1" mode="$2" temporary
  if [ "$DRY_RUN" = 1 ]; then
    echo "would write ${target} (mode ${mode}):"
    sed 's/^/    /'
    return
  fi
  temporary="$(mktemp "${target}.XXXXXX")"
  cat >"$temporary"
  chmod "$mode" "$temporary"
  mv -f "$temporary" "$target"
}

node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

if [ "$DRY_RUN" = 0 ] && [ "$(id -u)" != 0 ]; then
  fail "run it as root (sudo), or with --dry-run to see what it would do"
fi
if [ -r /etc/os-release ]; then
  # shellcheck disable=SC1091
  . /etc/os-release
  case " ${ID:-} ${ID_LIKE:-} " in
    *" debian "* | *" ubuntu "*) ;;
    *) fail "this script is for Debian and Ubuntu (found ${PRETTY_NAME:-an unknown system}); see docs/EDGE-AGENT.md to install by hand" ;;
  esac
fi

if [ "$FROM_RELEASE" = 1 ]; then
  echo "== VTrack edge agent $(cat "${SOURCE_DIR}/VERSION" 2>/dev/null || echo '?'): installing the release in ${SOURCE_DIR}"
else
  echo "== VTrack edge agent: installing from ${SOURCE_DIR}"
fi

# 1. Node.js and ffmpeg from the distribution (and npm, to install a checkout's packages).
packages=()
if [ "$FROM_RELEASE" = 1 ]; then
  if [ "$(node_major)" -lt "$MIN_NODE_MAJOR" ]; then packages+=(nodejs); fi
else
  if [ "$(node_major)" -lt "$MIN_NODE_MAJOR" ]; then packages+=(nodejs npm); fi
  if ! command -v npm >/dev/null 2>&1 && [[ " ${packages[*]:-} " != *" npm "* ]]; then packages+=(npm); fi
fi
if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1; then packages+=(ffmpeg); fi
if [ "${#packages[@]}" -gt 0 ]; then
  run env DEBIAN_FRONTEND=noninteractive apt-get update
  run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
else
  echo "Node.js $(node -v) and ffmpeg are installed"
fi
if [ "$DRY_RUN" = 0 ] && [ "$(node_major)" -lt "$MIN_NODE_MAJOR" ]; then
  fail "this distribution's Node.js is $(node -v 2>/dev/null || echo missing); the agent needs ${MIN_NODE_MAJOR} or newer (Debian 13, Ubuntu 24.10 and later have it; otherwise install Node.js ${MIN_NODE_MAJOR} from nodejs.org and run this again)"
fi

# 2. The service user and the state folder.
if id -u "$SERVICE_USER" >/dev/null 2>&1; then
  echo "user ${SERVICE_USER} exists"
else
  run useradd --system --home-dir "$STATE_DIR" --no-create-home --shell /usr/sbin/nologin --user-group "$SERVICE_USER"
fi
if [ -n "$FOOTAGE_GROUP" ]; then run usermod --append --groups "$FOOTAGE_GROUP" "$SERVICE_USER"; fi
run install -d -o "$SERVICE_USER" -g "$SERVICE_USER" -m 0750 "$STATE_DIR"

# 3. The agent itself.
run install -d -m 0755 "$INSTALL_DIR"
if [ "$FROM_RELEASE" = 1 ]; then
  # One bundled file (and its barcode worker): Node.js alone runs it. A checkout installed before is replaced.
  for part in package.json package-lock.json bin core adapters edge-agent node_modules; do
    if [ -e "${INSTALL_DIR}/${part}" ]; then run rm -rf "${INSTALL_DIR:?}/${part}"; fi
  done
  for file in "${RELEASE_FILES[@]}"; do
    [ -f "${SOURCE_DIR}/${file}" ] || fail "the release is incomplete: ${file} is missing beside install.sh (unpack the whole tarball)"
    run install -m 0644 "${SOURCE_DIR}/${file}" "${INSTALL_DIR}/${file}"
  done
  entry="${INSTALL_DIR}/vtrack-agent.mjs"
else
  # The code and its production packages; tsx runs the TypeScript.
  for part in package.json package-lock.json bin core adapters edge-agent; do
    run cp -a "${SOURCE_DIR}/${part}" "${INSTALL_DIR}/"
  done
  tsx_version="$(node -p 'require(process.argv[1]).devDependencies.tsx' "${SOURCE_DIR}/package.json" 2>/dev/null || echo latest)"
  run sh -c "cd '${INSTALL_DIR}' && npm ci --omit=dev --omit=optional --no-audit --no-fund && npm install --no-save --omit=optional --no-audit --no-fund 'tsx@${tsx_version}'"
  entry="${INSTALL_DIR}/bin/vtrack-agent.mjs"
fi

# 4. The command and the unit.
printf '#!/bin/sh\n# The VTrack edge agent (installed by install.sh).\nexec node %s "$@"\n' "$entry" | write_file "$BIN" 0755
unit_text | write_file "$UNIT" 0644
run systemctl daemon-reload

# 5. Enrolment, as the service user so the credential belongs to it.
if [ -n "$CODE" ]; then
  run runuser -u "$SERVICE_USER" -- "$BIN" enrol --api "$API" --code "$CODE" --state-dir "$STATE_DIR"
else
  echo "no --code given: enrol later with  sudo -u ${SERVICE_USER} ${BIN} enrol --api <site> --code <code> --state-dir ${STATE_DIR}"
fi

# 6. Start now and at every boot.
run systemctl enable --now vtrack-agent.service
echo "== done: journalctl -u vtrack-agent -f  shows what it does; ${BIN} status --state-dir ${STATE_DIR} what it holds"
