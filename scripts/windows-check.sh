#!/bin/sh
# The Windows check that runs on Linux: cross-build kaohe.exe for
# x86_64-pc-windows-gnu and walk a department's and the office's round under
# Wine, as a Windows user types it (cmd passes *.json unexpanded, so the
# arguments here are quoted and kaohe expands them itself).
#
#   sh scripts/windows-check.sh
#
# Installs what it needs: the Rust target, and from apt mingw-w64 and Wine.
#
# What Wine cannot confirm, and only a real Windows 10/11 machine can:
# - Wine does not enforce file locks between handles (LockFileEx), so the
#   draft lock's Windows rule is held by a unit test instead
#   (tests/store.rs: the locked file is never read or written);
# - Wine 8 has no bcryptprimitives.dll (Windows 10 and later do): the .exe
#   runs here only with scripts/windows/bcryptprimitives.c, a stand-in built
#   for this check and never shipped;
# - the console: VT sequences, a legacy console without them, fonts and
#   ambiguous-width glyphs;
# - key file access lists (kaohe checks none on Windows; see the README).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
target=x86_64-pc-windows-gnu

say() { printf '== %s\n' "$*"; }

if ! rustup target list --installed | grep -qx "$target"; then
    rustup target add "$target"
fi
if ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || ! command -v wine >/dev/null 2>&1; then
    apt-get install -y -q --no-install-recommends gcc-mingw-w64-x86-64 wine wine64
fi

say "cross-building kaohe.exe for $target (and kaohe for Linux, to compare)"
cargo build --release --target "$target"
cargo build --release
work="$root/target/windows-check"
rm -rf "$work"
mkdir -p "$work/bin" "$work/round"
cp "target/$target/release/kaohe.exe" "$work/bin/"
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bin/bcryptprimitives.dll" \
    scripts/windows/bcryptprimitives.c scripts/windows/bcryptprimitives.def
printf 'kaohe.exe imports: '
x86_64-w64-mingw32-objdump -p "$work/bin/kaohe.exe" | sed -n 's/.*DLL Name: //p' | sort -uf | tr '\n' ' '
echo

export WINEPREFIX="$work/prefix" WINEDEBUG=-all LANG=C.UTF-8
# Config and data in the prefix's %APPDATA%, as on a Windows PC.
unset KAOHE_CONFIG_DIR KAOHE_DATA_DIR KAOHE_PASSPHRASE
exe="$work/bin/kaohe.exe"
k() { wine "$exe" "$@"; }
cd "$work/round"

say "kaohe --version and rubric list"
k --version
k rubric list

say "rubric check: the same words as on Linux"
k rubric check suizhou-2022 > windows.txt 2>&1 || true
"$root/target/release/kaohe" rubric check suizhou-2022 > linux.txt 2>&1 || true
tr -d '\r' < windows.txt > windows.lf
cmp windows.lf linux.txt && echo "identical ($(wc -l < linux.txt) lines)"

say "keygen and key show (the department)"
k keygen --rubric suizhou --dept 水利 --scorer 王五 --no-passphrase
k key show --dept 水利 > key.txt
cat key.txt

say "import of a GBK CSV as Excel saves it on a Chinese Windows"
printf '区县,项目,得分,备注\r\n曾都区,1.1.3#1,0.5,现场核查\r\n随县,1.1.3#2,1,\r\n' | iconv -f UTF-8 -t GBK > scores.csv
k import --rubric suizhou-2022 --dept 水利 --scorer 王五 scores.csv

say "export, twice (revisions 1 and 2)"
k export --rubric suizhou-2022 --dept 水利 --out out
k export --rubric suizhou-2022 --dept 水利 --out out

say "the office: trust the key, verify and merge out\\*.json, expanded by kaohe"
k trust add "$(tr -d '\r' < key.txt)" --trust trust.toml --rubric suizhou-2022 --yes
k verify 'out\*.json' --trust trust.toml
k merge 'out\*.json' --trust trust.toml --out merged
ls merged

say "windows check passed"
