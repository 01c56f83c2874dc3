#!/usr/bin/env bash
# What the tests need from the system, in one place. `npm test` runs this first.
#   As root: installs whatever is missing (Debian's packages), then returns.
#   Otherwise (or with --check): prints ONE line naming the packages to install and exits 1.
# Detection looks only at PATH, CHROMIUM_PATH, SBIN_DIR and NGINX_MODULES_DIR, so a test can hide the tools.
set -u

# The one list of Debian packages the tests need; present() says what shows each is installed.
packages=(chromium libhamlib-utils nginx libnginx-mod-nchan caddy openssl xvfb)

chromium_ok() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then [ -x "$CHROMIUM_PATH" ]; else [ -x /usr/bin/chromium ]; fi
}
nchan_ok() {
  local dir="${NGINX_MODULES_DIR:-/usr/lib/nginx/modules}"
  [ -e "$dir/ngx_nchan_module.so" ]
}
# nginx lives in /usr/sbin, which a user's PATH often lacks (SBIN_DIR lets a test hide it too).
on_path() { command -v "$1" >/dev/null 2>&1 || [ -x "${SBIN_DIR:-/usr/sbin}/$1" ]; }

present() {
  case "$1" in
    chromium) chromium_ok ;;
    libhamlib-utils) on_path rigctld ;;
    nginx) on_path nginx ;;
    libnginx-mod-nchan) nchan_ok ;;
    caddy) on_path caddy ;;
    openssl) on_path openssl ;;
    xvfb) on_path xvfb-run ;;
    *) return 1 ;;
  esac
}

missing() {
  local out=()
  for p in "${packages[@]}"; do present "$p" || out+=("$p"); done
  echo "${out[*]:-}"
}

need="$(missing)"
[ -z "$need" ] && exit 0

check_only=0
[ "${1:-}" = "--check" ] && check_only=1

if [ "$check_only" = 0 ] && [ "${EUID:-$(id -u)}" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: installing ${need}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086
  apt-get update -qq && apt-get install -y -qq $need >/dev/null || exit 1
  need="$(missing)"
  [ -z "$need" ] && exit 0
fi

hint=""
case " $need " in *" chromium "*) hint=" (or set CHROMIUM_PATH to a Chromium binary)" ;; esac
echo "npm test needs Debian packages that are missing: as root run: apt-get install -y ${need}${hint}" >&2
exit 1
