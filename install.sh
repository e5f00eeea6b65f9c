#!/bin/sh
# Installs raport from its GitHub release on Linux and macOS: downloads the
# archive for this computer, checks its SHA-256 against the release's
# sha256sums.txt, and puts `raport` into ~/.local/bin (or RAPORT_INSTALL_DIR).
#
#   curl -fsSL https://github.com/<owner>/raport/releases/latest/download/install.sh | sh
#   sh install.sh --version 0.1.0 --to /usr/local/bin
#
# Environment (the options win):
#   RAPORT_VERSION       the version to install, e.g. 0.1.0, or `latest`
#   RAPORT_INSTALL_DIR   where to put raport (default: ~/.local/bin)
#   RAPORT_DOWNLOAD_URL  the folder holding the release files (a mirror, or a
#                        local server in tests); default: the GitHub release
#
# Exit status: 0 installed, 1 failed (nothing installed), 2 bad arguments,
# 3 no prebuilt raport for this computer (build it with cargo instead).
# The GitHub Action of this repository runs this script too.
set -eu

# Filled in by the release workflow; in a checkout, Cargo.toml beside this
# script gives them.
REPOSITORY=""
RELEASE_VERSION=""

fail() {
  echo "install.sh: error: $*" >&2
  exit 1
}

version="${RAPORT_VERSION:-}"
dest="${RAPORT_INSTALL_DIR:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --version) [ $# -ge 2 ] || { echo "install.sh: --version needs a value" >&2; exit 2; }; version="$2"; shift 2 ;;
    --to) [ $# -ge 2 ] || { echo "install.sh: --to needs a folder" >&2; exit 2; }; dest="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0" 2>/dev/null | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

cargo_toml="$(dirname "$0")/Cargo.toml"
if [ -z "$REPOSITORY" ] && [ -f "$cargo_toml" ]; then
  REPOSITORY=$(sed -n 's/^repository = "\(.*\)"$/\1/p' "$cargo_toml" | head -n 1)
  RELEASE_VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$cargo_toml" | head -n 1)
fi
version="${version#v}"
[ -n "$version" ] || version="${RELEASE_VERSION:-latest}"
[ -n "$dest" ] || dest="${HOME:?}/.local/bin"

# The release's name for this computer.
os=$(uname -s)
arch=$(uname -m)
case "$arch" in
  x86_64|amd64) arch=x86_64 ;;
  aarch64|arm64) arch=aarch64 ;;
esac
case "$os" in
  Linux) target="$arch-unknown-linux-musl" ;;
  Darwin) target="$arch-apple-darwin" ;;
  MINGW*|MSYS*|CYGWIN*|Windows_NT)
    echo "install.sh: on Windows, use install.ps1 (see docs/install.md)" >&2
    exit 3 ;;
  *) target="$arch-$os" ;;
esac
case "$target" in
  x86_64-unknown-linux-musl|aarch64-unknown-linux-musl|x86_64-apple-darwin|aarch64-apple-darwin) ;;
  *)
    echo "install.sh: no prebuilt raport for $os $arch; build it with: cargo install --locked --git ${REPOSITORY:-<repository>} raport" >&2
    exit 3 ;;
esac

if [ -n "${RAPORT_DOWNLOAD_URL:-}" ]; then
  base="${RAPORT_DOWNLOAD_URL%/}"
elif [ -z "$REPOSITORY" ]; then
  fail "no repository to download from: set RAPORT_DOWNLOAD_URL"
elif [ "$version" = latest ]; then
  base="$REPOSITORY/releases/latest/download"
else
  base="$REPOSITORY/releases/download/v$version"
fi

download() { # url file
  if command -v curl >/dev/null 2>&1; then
    curl --proto '=https,http' -fsSL --retry 3 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    fail "neither curl nor wget is installed"
  fi
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  elif command -v openssl >/dev/null 2>&1; then
    openssl dgst -sha256 -r "$1" | cut -d ' ' -f 1
  else
    fail "no sha256sum, shasum or openssl to check the download with"
  fi
}

archive="raport-$target.tar.gz"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raport-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

echo "downloading raport $version for $target from $base"
download "$base/sha256sums.txt" "$tmp/sha256sums.txt" || fail "could not download $base/sha256sums.txt"
expected=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1; exit }' "$tmp/sha256sums.txt")
if [ -z "$expected" ]; then
  echo "install.sh: release $version has no $archive; build raport with: cargo install --locked --git ${REPOSITORY:-<repository>} --tag v$version raport" >&2
  exit 3
fi
download "$base/$archive" "$tmp/$archive" || fail "could not download $base/$archive"
actual=$(sha256 "$tmp/$archive")
if [ "$actual" != "$expected" ]; then
  fail "checksum mismatch for $archive: sha256sums.txt says $expected, the download is $actual; nothing was installed (try again; if it persists, report it)"
fi

mkdir -p "$tmp/x"
tar -xzf "$tmp/$archive" -C "$tmp/x" || fail "could not unpack $archive"
bin=$(find "$tmp/x" -type f -name raport | head -n 1)
[ -n "$bin" ] || fail "$archive holds no raport binary"
mkdir -p "$dest" || fail "could not create $dest"
# Copy beside, then rename: a running raport is never half overwritten.
cp "$bin" "$dest/.raport.tmp" && chmod 755 "$dest/.raport.tmp" && mv -f "$dest/.raport.tmp" "$dest/raport" \
  || fail "could not write $dest/raport"
echo "installed $("$dest/raport" --version 2>/dev/null || echo raport) to $dest/raport"
case ":${PATH:-}:" in
  *":$dest:"*) ;;
  *) echo "note: $dest is not on your PATH; add it, e.g. echo 'export PATH=\"$dest:\$PATH\"' >> ~/.profile" ;;
esac
