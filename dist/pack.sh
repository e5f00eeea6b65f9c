#!/bin/sh
# Packs a release from built binaries; the release workflow
# (.github/workflows/release.yml) runs it, and so can anyone, locally.
#
#   dist/pack.sh BINS OUT
#
# BINS holds one folder per target with the binary in it
# (BINS/x86_64-unknown-linux-musl/raport, BINS/x86_64-pc-windows-msvc/raport.exe).
# OUT receives, for the version in Cargo.toml:
#   raport-<target>.tar.gz (.zip on Windows): raport, LICENSE, README.md,
#     man/*.1 and completions/ for bash, zsh, fish and PowerShell
#   install.sh, install.ps1: with the repository and version filled in
#   sha256sums.txt: the SHA-256 of every file above, as `sha256sum` writes it
# RAPORT_HOST_BIN names a raport binary that runs here, to write the man
# pages and completions (default: the x86_64 Linux one in BINS).
# Run it from the repository root.
set -eu
[ $# -eq 2 ] || { echo "usage: dist/pack.sh BINS OUT" >&2; exit 2; }
bins=$1
out=$2
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
repository=$(sed -n 's/^repository = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
host="${RAPORT_HOST_BIN:-$bins/x86_64-unknown-linux-musl/raport}"
chmod 755 "$host"
mkdir -p "$out"
extras=$(mktemp -d)
trap 'rm -rf "$extras"' EXIT
"$host" man "$extras/man" >/dev/null
mkdir -p "$extras/completions"
"$host" completions bash > "$extras/completions/raport.bash"
"$host" completions zsh > "$extras/completions/_raport"
"$host" completions fish > "$extras/completions/raport.fish"
"$host" completions powershell > "$extras/completions/_raport.ps1"

for dir in "$bins"/*/; do
  target=$(basename "$dir")
  name="raport-$target"
  stage="$extras/$name"
  mkdir -p "$stage"
  cp LICENSE README.md "$stage/"
  cp -R "$extras/man" "$extras/completions" "$stage/"
  case "$target" in
    *windows*)
      cp "$dir/raport.exe" "$stage/"
      (cd "$extras" && rm -f "$name.zip" && zip -qr "$name.zip" "$name")
      mv "$extras/$name.zip" "$out/" ;;
    *)
      cp "$dir/raport" "$stage/"
      chmod 755 "$stage/raport"
      tar -czf "$out/$name.tar.gz" -C "$extras" --owner=0 --group=0 "$name" ;;
  esac
  echo "packed $name"
done

# The install scripts name this release and where it lives.
sed -e "s|^REPOSITORY=\"\"|REPOSITORY=\"$repository\"|" -e "s|^RELEASE_VERSION=\"\"|RELEASE_VERSION=\"$version\"|" \
  install.sh > "$out/install.sh"
sed -e "s|^\$Repository = \"\"|\$Repository = \"$repository\"|" -e "s|^\$ReleaseVersion = \"\"|\$ReleaseVersion = \"$version\"|" \
  install.ps1 > "$out/install.ps1"
grep -q "^REPOSITORY=\"$repository\"" "$out/install.sh" && grep -q "^\$Repository = \"$repository\"" "$out/install.ps1" \
  || { echo "dist/pack.sh: could not fill in the install scripts" >&2; exit 1; }

(cd "$out" && rm -f sha256sums.txt && sha256sum -- raport-* install.sh install.ps1 > sha256sums.txt.tmp && mv sha256sums.txt.tmp sha256sums.txt)
echo "raport $version: $(ls "$out" | wc -l) files in $out"
