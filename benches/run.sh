#!/bin/sh
# The one benchmark command: every figure of issue 5 in one table, each
# with its goal, a pass/miss mark and the previous run's figure, written to
# target/bench/last.tsv for the next run.
#   sh benches/run.sh
set -eu
cd "$(dirname "$0")/.."
# kaohe search - is compared with fzf --filter; fzf is a Debian package.
if ! command -v fzf > /dev/null 2>&1; then
    echo "fzf is missing: installing it with apt-get" >&2
    if [ "$(id -u)" = 0 ]; then
        as_root=""
    elif command -v sudo > /dev/null 2>&1; then
        as_root="sudo"
    else
        as_root="none"
    fi
    if [ "$as_root" = none ] || ! { $as_root apt-get update -qq && $as_root apt-get install -y -qq fzf; } > /dev/null 2>&1; then
        echo "could not install fzf: the table will say so" >&2
    fi
fi
exec cargo bench --bench report
