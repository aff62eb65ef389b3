#!/bin/sh
# What an analyst downloads, built on this Linux machine:
#   kaohe-<v>-windows-x86_64.zip   kaohe.exe, README, LICENSE, PowerShell completions
#   kaohe-<v>-linux-x86_64         runs on glibc 2.28 and later (UOS, Kylin, Debian 10+)
#   kaohe-<v>-linux-aarch64        the same for arm64 (Kunpeng, Phytium)
#   kaohe_<v>_amd64.deb, kaohe_<v>_arm64.deb
#                                  the binary, man page, bash/zsh/fish completions
#   SHA256SUMS
# into target/release-files/.
#
#   sh scripts/release.sh            everything
#   sh scripts/release.sh windows    the Windows zip only (scripts/windows-check.sh)
#
# Installs what it needs: the Rust targets, mingw-w64 and zip from apt, and
# cargo-zigbuild with zig from PyPI (which link against glibc 2.28's symbols
# while keeping glibc's speed; static musl builds merge 3x slower).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
out="$root/target/release-files"
glibc=2.28
only=${1:-all}
case "$only" in all | windows) ;; *) echo "usage: sh scripts/release.sh [windows]" >&2; exit 2 ;; esac

say() { printf '== %s\n' "$*"; }

targets="x86_64-pc-windows-gnu aarch64-unknown-linux-gnu"
[ "$only" = all ] || targets=x86_64-pc-windows-gnu
for t in $targets; do
    rustup target list --installed | grep -qx "$t" || rustup target add "$t"
done
missing=""
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || missing="$missing gcc-mingw-w64-x86-64"
command -v zip >/dev/null 2>&1 || missing="$missing zip"
command -v dpkg-deb >/dev/null 2>&1 || missing="$missing dpkg"
[ -z "$missing" ] || apt-get install -y -q --no-install-recommends $missing
[ "$only" = windows ] || command -v cargo-zigbuild >/dev/null 2>&1 || pip install -q ziglang cargo-zigbuild

rm -rf "$out"
mkdir -p "$out"

say "the host binary, for the man page and the completions"
cargo build --release
host="$root/target/release/kaohe"
mkdir -p "$out/share"
"$host" manpage | gzip -9n > "$out/share/kaohe.1.gz"
"$host" completions bash > "$out/share/kaohe.bash"
"$host" completions zsh > "$out/share/_kaohe"
"$host" completions fish > "$out/share/kaohe.fish"
"$host" completions powershell > "$out/share/_kaohe.ps1"

say "Windows x86_64"
cargo build --release --target x86_64-pc-windows-gnu
win="kaohe-$version-windows-x86_64"
mkdir -p "$out/$win"
cp target/x86_64-pc-windows-gnu/release/kaohe.exe README.md LICENSE "$out/$win/"
cp "$out/share/_kaohe.ps1" "$out/$win/"
(cd "$out" && zip -qr "$win.zip" "$win" && rm -rf "$win")
if [ "$only" = windows ]; then
    rm -rf "$out/share"
    ls -l "$out/$win.zip"
    exit 0
fi

for arch in x86_64 aarch64; do
    say "Linux $arch for glibc $glibc"
    cargo zigbuild --release --target "$arch-unknown-linux-gnu.$glibc"
    bin="$out/kaohe-$version-linux-$arch"
    cp "target/$arch-unknown-linux-gnu/release/kaohe" "$bin"
    newest=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)
    echo "newest glibc symbol: $newest"
    if [ "$(printf '%s\n%s\n' "$newest" "$glibc" | sort -V | tail -n 1)" != "$glibc" ]; then
        echo "kaohe-$arch needs glibc $newest, more than $glibc" >&2
        exit 1
    fi

    case "$arch" in x86_64) deb_arch=amd64 ;; aarch64) deb_arch=arm64 ;; esac
    pkg="$out/deb-$deb_arch"
    mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/man/man1" "$pkg/usr/share/doc/kaohe" \
        "$pkg/usr/share/bash-completion/completions" "$pkg/usr/share/zsh/vendor-completions" \
        "$pkg/usr/share/fish/vendor_completions.d"
    install -m 0755 "$bin" "$pkg/usr/bin/kaohe"
    install -m 0644 "$out/share/kaohe.1.gz" "$pkg/usr/share/man/man1/kaohe.1.gz"
    install -m 0644 "$out/share/kaohe.bash" "$pkg/usr/share/bash-completion/completions/kaohe"
    install -m 0644 "$out/share/_kaohe" "$pkg/usr/share/zsh/vendor-completions/_kaohe"
    install -m 0644 "$out/share/kaohe.fish" "$pkg/usr/share/fish/vendor_completions.d/kaohe.fish"
    install -m 0644 LICENSE "$pkg/usr/share/doc/kaohe/copyright"
    install -m 0644 README.md "$pkg/usr/share/doc/kaohe/README.md"
    size=$(du -sk "$pkg/usr" | cut -f1)
    cat > "$pkg/DEBIAN/control" <<EOF
Package: kaohe
Version: $version
Architecture: $deb_arch
Maintainer: the kaohe authors
Depends: libc6 (>= $glibc)
Section: utils
Priority: optional
Installed-Size: $size
Description: score local governments' quality work on the official rubrics (考核)
 kaohe is a keyboard-driven terminal workbench for the people who score
 Chinese local governments' annual quality work (政府质量工作考核): the
 official rubrics bundled verbatim, scores entered with the criteria
 alongside, signed department score files, and the quality office's
 verification and merge into totals, grades, ranks and reports.
EOF
    dpkg-deb --root-owner-group --build "$pkg" "$out/kaohe_${version}_$deb_arch.deb" >/dev/null
    rm -rf "$pkg"
done
rm -rf "$out/share"

say "what was built"
(cd "$out" && sha256sum -- * > SHA256SUMS && ls -l)
dpkg-deb -I "$out/kaohe_${version}_amd64.deb"
