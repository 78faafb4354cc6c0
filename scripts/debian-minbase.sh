#!/bin/sh
# Builds a Debian bookworm minbase root filesystem tar with debootstrap, from the Debian mirror apt
# is configured with on this machine (so the only downloads are from that mirror), and prints how
# long debootstrap took: it is the expensive part of the build tests, which cache its result.
# Usage: scripts/debian-minbase.sh <out.tar>   (import it with `docker import <out.tar> debian-minbase`)
set -eu
out=${1:?usage: $0 <out.tar>}
command -v debootstrap >/dev/null 2>&1 || { echo "debootstrap not found: apt-get install debootstrap" >&2; exit 1; }
mirror=${DEBIAN_MIRROR:-$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' \
  | awk '$2 == "bookworm" { print $1; exit }')}
[ -n "$mirror" ] || { echo "no bookworm mirror configured for apt: set DEBIAN_MIRROR" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
work=$(mktemp -d "$(dirname "$out")/debian-minbase.XXXXXX")
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
# Bounded: a stalled mirror must fail the run, not hang it.
timeout 900 debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
  || { tail -n 30 "$work/debootstrap.log" >&2; echo "debootstrap failed" >&2; exit 1; }
echo "debootstrap --variant=minbase bookworm from $mirror took $(( $(date +%s) - start )) s" >&2
# The package lists and .debs debootstrap kept are not part of a base image.
rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
(cd "$work/rootfs" && tar --numeric-owner --sort=name -cf - .) > "$out.tmp"
mv "$out.tmp" "$out"
echo "$out: $(du -k "$out" | cut -f1) KiB" >&2
