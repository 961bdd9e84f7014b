#!/usr/bin/env bash
# Install, from Debian's packages, whatever the build and the tests need and
# this machine lacks. Safe to run every time: it only calls apt-get when
# something is missing. Needs root (or sudo) only in that case.
#
# python3-matplotlib is for scripts/plot-pressure.py: `make demo` draws with
# it, and `make test` checks the drawing (tests/e2e/plot-pressure.t).
#
# `deps.sh rpi` also unpacks (never installs) what the Raspberry Pi boot
# paths need into build/rpi/: the DTBs of Debian's arm64 kernel package and
# the U-Boot builds of u-boot-rpi:arm64 (see fetch_rpi_files below).
#
# `deps.sh qemu10` also unpacks (never installs) QEMU 10 from Debian
# bookworm-backports into build/qemu10/, for -M raspi4b, which the system's
# QEMU 7.2 lacks (see fetch_qemu10 below; qemu/rpi4.sh runs it).
set -euo pipefail

host_pkgs=(gcc make gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
	qemu-system-arm gdb-multiarch device-tree-compiler
	u-boot-qemu u-boot-tools fdisk dosfstools mtools
	liblz4-dev libfdt-dev lz4 python3 python3-matplotlib perl valgrind)
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

# Raspberry Pi files, unpacked from Debian arm64 packages into build/rpi/
# (the packages are for another architecture and are not installed):
#   build/rpi/dtb/       the broadcom/*.dtb of linux-image-<version>-arm64 (only
#                        those are extracted from the ~60 MB package)
#   build/rpi/u-boot/    rpi_3, rpi_4, rpi_arm64 u-boot.bin from u-boot-rpi
# Each .deb is deleted once unpacked; build/rpi/SOURCES says which versions.
RPI_ROOT=${RPI_ROOT:-build/rpi}
apt_download() {	# apt_download DIR PKG: retry once after refreshing the lists
	(cd "$1" && apt-get download -q "$2") ||
		{ $SUDO apt-get update -q && (cd "$1" && apt-get download -q "$2"); }
}
fetch_rpi_files() {
	local tmp kpkg deb
	if [ -f "$RPI_ROOT/dtb/bcm2711-rpi-4-b.dtb" ] && [ -f "$RPI_ROOT/dtb/bcm2837-rpi-3-b.dtb" ] &&
		[ -f "$RPI_ROOT/u-boot/rpi_4/u-boot.bin" ]; then
		return 0
	fi
	mkdir -p "$RPI_ROOT/dtb" "$RPI_ROOT/u-boot"
	tmp=$(mktemp -d "$RPI_ROOT/.fetch.XXXXXX")
	trap 'rm -rf "$tmp"; trap - RETURN' RETURN
	if [ ! -f "$RPI_ROOT/dtb/bcm2711-rpi-4-b.dtb" ] || [ ! -f "$RPI_ROOT/dtb/bcm2837-rpi-3-b.dtb" ]; then
		# linux-image-arm64 is a meta package: take the versioned image it names.
		kpkg=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
			sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*-arm64\).*/\1/p' | head -1)
		if [ -z "$kpkg" ]; then
			$SUDO apt-get update -q
			kpkg=$(apt-cache depends linux-image-arm64:arm64 |
				sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*-arm64\).*/\1/p' | head -1)
		fi
		echo "deps: unpacking the Raspberry Pi DTBs of $kpkg:arm64 into $RPI_ROOT/dtb"
		apt_download "$tmp" "$kpkg:arm64"
		deb=$(ls "$tmp"/linux-image-*_arm64.deb)
		dpkg-deb --fsys-tarfile "$deb" |
			tar -x -C "$tmp" --wildcards './usr/lib/linux-image-*/broadcom/*.dtb'
		cp "$tmp"/usr/lib/linux-image-*/broadcom/*.dtb "$RPI_ROOT/dtb/"
		echo "dtb: $(basename "$deb")" >> "$RPI_ROOT/SOURCES"
	fi
	if [ ! -f "$RPI_ROOT/u-boot/rpi_4/u-boot.bin" ]; then
		echo "deps: unpacking u-boot-rpi:arm64 into $RPI_ROOT/u-boot"
		apt_download "$tmp" u-boot-rpi:arm64
		deb=$(ls "$tmp"/u-boot-rpi_*_arm64.deb)
		dpkg -x "$deb" "$tmp/root"
		cp -r "$tmp"/root/usr/lib/u-boot/. "$RPI_ROOT/u-boot/"
		echo "u-boot: $(basename "$deb")" >> "$RPI_ROOT/SOURCES"
	fi
}

# QEMU 10 (qemu-system-arm, -common, -data, all of one version) from
# bookworm-backports, unpacked into build/qemu10/ beside the system's QEMU 7.2,
# which stays as it is. apt runs with a private configuration in
# build/qemu10/apt/ (its own sources list naming only bookworm-backports, its
# own package lists and cache): the system's sources, lists and pins are
# neither read nor changed, and nothing is installed. QEMU10_VERSION=V picks a
# version (default: the newest in bookworm-backports; it must be 10 or later).
# Run it as build/qemu10/usr/bin/qemu-system-aarch64 -L build/qemu10/usr/share/qemu
# with QEMU_MODULE_DIR=build/qemu10/usr/lib/x86_64-linux-gnu/qemu (qemu/rpi4.sh).
QEMU10_ROOT=${QEMU10_ROOT:-build/qemu10}
fetch_qemu10() {
	local apt_dir v tmp
	[ -x "$QEMU10_ROOT/usr/bin/qemu-system-aarch64" ] && return 0
	apt_dir=$(mkdir -p "$QEMU10_ROOT/apt" && cd "$QEMU10_ROOT/apt" && pwd)
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" \
		"$apt_dir/sources.list.d" "$apt_dir/preferences.d"
	echo "deb http://deb.debian.org/debian bookworm-backports main" > "$apt_dir/sources.list"
	local o=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
		-o "Dir::Etc::Preferences=$apt_dir/preferences" -o "Dir::Etc::PreferencesParts=$apt_dir/preferences.d"
		-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
		-o APT::Sandbox::User=root -o Acquire::Languages=none -q)
	echo "deps: bookworm-backports package lists into $apt_dir (private apt configuration)"
	apt-get "${o[@]}" update > "$apt_dir/update.log" 2>&1 ||
		{ cat "$apt_dir/update.log" >&2; return 1; }
	v=${QEMU10_VERSION:-$(apt-cache "${o[@]}" madison qemu-system-arm |
		awk -F' *[|] *' '$3 ~ /bookworm-backports/ {print $2; exit}')}
	case $v in
	[1-9]:1[0-9].*|[1-9]:[2-9][0-9].*) ;;
	*) echo "deps: no QEMU 10 or later in bookworm-backports (found '${v:-nothing}')" >&2; return 1 ;;
	esac
	echo "deps: unpacking qemu-system-arm, -common, -data $v into $QEMU10_ROOT"
	tmp=$(mktemp -d "$QEMU10_ROOT/.fetch.XXXXXX")
	trap 'rm -rf "$tmp"; trap - RETURN' RETURN
	(cd "$tmp" && apt-get "${o[@]}" download "qemu-system-arm=$v" "qemu-system-common=$v" "qemu-system-data=$v")
	for deb in "$tmp"/*.deb; do
		dpkg -x "$deb" "$tmp/root"
		echo "qemu10: $(basename "$deb")" >> "$QEMU10_ROOT/SOURCES"
	done
	rm -rf "$QEMU10_ROOT/usr"
	mv "$tmp/root/usr" "$QEMU10_ROOT/usr"
	"$QEMU10_ROOT/usr/bin/qemu-system-aarch64" -M help | grep -q '^raspi4b ' ||
		{ echo "deps: $QEMU10_ROOT/usr/bin/qemu-system-aarch64 has no raspi4b machine" >&2; return 1; }
}

extra() {	# what `deps.sh rpi` / `deps.sh qemu10` add
	case ${1:-} in
	rpi) fetch_rpi_files ;;
	qemu10) fetch_qemu10 ;;
	esac
}

if [ ${#missing[@]} -eq 0 ]; then
	fetch_arm64_libfdt
	extra "${1:-}"
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
extra "${1:-}"
