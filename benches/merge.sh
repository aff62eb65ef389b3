#!/bin/sh
# `kaohe merge` of the national-scale synthetic set, as the office runs it:
# the real release binary, wall time and peak memory, over 5 runs.
#   sh benches/merge.sh [districts] [items] [departments]
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/kaohe
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
$bin synth --districts "${1:-2844}" --items "${2:-300}" --departments "${3:-40}" --out "$dir" > /dev/null
echo "set: ${1:-2844} districts x ${2:-300} items, ${3:-40} signed files ($(du -sh "$dir/files" | cut -f1))"
for run in 1 2 3 4 5; do
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "run $run: %e s, peak %M KB" \
            $bin merge --rubric "$dir/rubric.toml" --trust "$dir/trust.toml" --out "$dir/merged" "$dir"/files/*.json > /dev/null
    else
        start=$(date +%s.%N)
        $bin merge --rubric "$dir/rubric.toml" --trust "$dir/trust.toml" --out "$dir/merged" "$dir"/files/*.json > /dev/null
        echo "run $run: $(echo "$(date +%s.%N) - $start" | bc) s (install GNU time for peak memory)"
    fi
done
