#!/bin/sh
# The Windows check that runs on Linux, under Wine:
# - builds the Windows zip (scripts/release.sh windows);
# - cross-builds the test suite for x86_64-pc-windows-gnu and runs every
#   test binary (tests that assume Unix, such as PTYs, signals, /dev/zero,
#   symlinks and control characters in file names, are cfg(unix));
# - unzips the zip as an analyst would and walks a department's and the
#   office's round as a Windows user types it (cmd passes *.json
#   unexpanded, so the arguments here are quoted and kaohe expands them).
#
#   sh scripts/windows-check.sh
#
# Installs what it needs: the Rust target, and from apt mingw-w64, Wine,
# zip and unzip.
#
# What Wine cannot confirm, and only a real Windows 10/11 machine can:
# - Wine does not enforce file locks between handles (LockFileEx), so the
#   draft lock's Windows rule is held by a unit test instead
#   (tests/store.rs: the locked file is never read or written);
# - Wine 8 has no bcryptprimitives.dll (Windows 10 and later do): the .exe
#   runs here only with scripts/windows/bcryptprimitives.c, a stand-in built
#   for this check and never shipped;
# - the console: VT sequences, a legacy console without them, fonts,
#   ambiguous-width glyphs, and the workbench in a terminal at all (the PTY
#   tests do not run: under Wine the ConPTY shows nothing);
# - key file access lists (kaohe checks none on Windows; see the README).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
target=x86_64-pc-windows-gnu

say() { printf '== %s\n' "$*"; }

if ! rustup target list --installed | grep -qx "$target"; then
    rustup target add "$target"
fi
missing=""
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || missing="$missing gcc-mingw-w64-x86-64"
command -v wine >/dev/null 2>&1 || missing="$missing wine wine64"
command -v unzip >/dev/null 2>&1 || missing="$missing unzip"
[ -z "$missing" ] || apt-get install -y -q --no-install-recommends $missing

say "the Windows zip, as an analyst downloads it"
sh scripts/release.sh windows
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
work="$root/target/windows-check"
rm -rf "$work"
mkdir -p "$work/round"
# The stand-in DLL, for Wine 8 only; a real Windows has its own.
standin="$work/bcryptprimitives.dll"
x86_64-w64-mingw32-gcc -shared -O2 -o "$standin" \
    scripts/windows/bcryptprimitives.c scripts/windows/bcryptprimitives.def

export WINEPREFIX="$work/prefix" WINEDEBUG=-all LANG=C.UTF-8
# Config and data in the prefix's %APPDATA%, as on a Windows PC.
unset KAOHE_CONFIG_DIR KAOHE_DATA_DIR KAOHE_PASSPHRASE

say "the test suite, cross-built and run under Wine (Unix-only tests are cfg(unix))"
cargo test --release --no-run --target "$target" 2> "$work/tests-built.txt" || {
    cat "$work/tests-built.txt" >&2
    exit 1
}
cp "$standin" "target/$target/release/"
failed=0
for exe in $(sed -n 's/.*Executable .*(\(.*\.exe\))$/\1/p' "$work/tests-built.txt"); do
    cp "$standin" "$(dirname "$exe")/"
    name=$(basename "$exe" .exe)
    if wine "$exe" --test-threads 4 > "$work/$name.log" 2>&1; then
        printf '%-40s %s\n' "${name%-*}" "$(grep 'test result' "$work/$name.log" | tail -n 1)"
    else
        failed=$((failed + 1))
        printf '%-40s FAILED, see %s\n' "${name%-*}" "$work/$name.log"
    fi
done
[ "$failed" -eq 0 ] || { echo "$failed test binaries failed under Wine" >&2; exit 1; }

say "unzip it and start"
cd "$work"
unzip -q "$root/target/release-files/kaohe-$version-windows-x86_64.zip"
bin="$work/kaohe-$version-windows-x86_64"
ls "$bin"
cp "$standin" "$bin/"
printf 'kaohe.exe imports: '
x86_64-w64-mingw32-objdump -p "$bin/kaohe.exe" | sed -n 's/.*DLL Name: //p' | sort -uf | tr '\n' ' '
echo
exe="$bin/kaohe.exe"
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
