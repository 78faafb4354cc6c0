#!/bin/sh
# Builds a minimal busybox root filesystem tar from Debian's busybox-static (/bin/busybox).
# Usage: scripts/busybox-rootfs.sh <out.tar>   (import it with `docker import <out.tar> busybox`)
set -eu
out=${1:?usage: $0 <out.tar>}
busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || { echo "$busybox not found: apt-get install busybox-static" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/busybox-rootfs.XXXXXX")
trap 'rm -rf "$work"' EXIT
r=$work/rootfs
mkdir -p "$r/bin" "$r/sbin" "$r/usr/bin" "$r/usr/sbin" "$r/etc" "$r/root" "$r/home/app" \
  "$r/proc" "$r/sys" "$r/dev" "$r/tmp" "$r/var/tmp"
cp "$busybox" "$r/bin/busybox"
chmod 0755 "$r/bin/busybox"
# Applet links in busybox's own layout (bin/, sbin/, usr/bin/, usr/sbin/), all pointing at /bin/busybox.
"$busybox" --list-full | while read -r applet; do
  [ "$applet" = bin/busybox ] && continue
  [ -e "$r/$applet" ] || ln -s /bin/busybox "$r/$applet"
done
cat > "$r/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
app:x:1000:1000:app:/home/app:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
P
cat > "$r/etc/group" <<'G'
root:x:0:
tty:x:5:
staff:x:50:app
app:x:1000:
nogroup:x:65534:
G
echo 'hosts: files dns' > "$r/etc/nsswitch.conf"
chmod 1777 "$r/tmp" "$r/var/tmp"
chmod 0700 "$r/root"
chown 1000:1000 "$r/home/app"
# Deterministic, root-owned (except app's home) tar with relative names, no leading "./".
(cd "$r" && tar --numeric-owner --sort=name --mtime=@0 -cf - -- *) > "$out.tmp"
mv "$out.tmp" "$out"
echo "$out: $(tar -tf "$out" | wc -l) entries, $(du -k "$out" | cut -f1) KiB" >&2
