#!/usr/bin/env bash
# Install, from Debian's packages, whatever the build and the tests need and
# this machine lacks. Safe to run every time: it only calls apt-get when
# something is missing. Needs root (or sudo) only in that case.
set -euo pipefail

host_pkgs=(gcc make gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
	qemu-system-arm gdb-multiarch device-tree-compiler
	u-boot-qemu u-boot-tools fdisk dosfstools mtools
	liblz4-dev libfdt-dev lz4 python3 perl)
arm64_pkgs=(liblz4-dev:arm64)

# libfdt-dev is not co-installable for two architectures, and the host tests
# of the kernel's device-tree code need the host (amd64) one. So the arm64
# libfdt.a the kernel links is taken from Debian's libfdt-dev:arm64 package
# unpacked into build/arm64/ (apt-get download + dpkg -x), not installed.
ARM64_ROOT=${ARM64_ROOT:-build/arm64}
fetch_arm64_libfdt() {
	[ -f "$ARM64_ROOT/usr/lib/aarch64-linux-gnu/libfdt.a" ] && return 0
	echo "deps: unpacking libfdt-dev:arm64 into $ARM64_ROOT"
	mkdir -p "$ARM64_ROOT/debs"
	(cd "$ARM64_ROOT/debs" && apt-get download -q libfdt-dev:arm64) ||
		{ $SUDO apt-get update -q && (cd "$ARM64_ROOT/debs" && apt-get download -q libfdt-dev:arm64); }
	dpkg -x "$ARM64_ROOT"/debs/libfdt-dev_*_arm64.deb "$ARM64_ROOT"
}

missing=()
for p in "${host_pkgs[@]}" "${arm64_pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if [ ${#missing[@]} -eq 0 ]; then
	fetch_arm64_libfdt
	exit 0
fi

echo "deps: installing ${missing[*]}"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	$SUDO dpkg --add-architecture arm64
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fetch_arm64_libfdt
