#!/bin/bash
# What reading a build costs: `wbkg show`, `wbkg query`, `wbkg export` and `wbkg serve` start-up on a synthetic
# corpus of N articles, an older checkout's code (OLD, e.g. a worktree of 1f1dd03, built with --store oxigraph)
# against this one, on copies of the same corpus. Usage: bench/read_costs.sh N OLD_CHECKOUT
# (bench/results/show-export-serve-1000.txt is its output for N=1000 and OLD at 1f1dd03)
set -u
cd "$(dirname "$0")/.."
PY=$PWD/.venv/bin/python
N=${1:-1000}
M=${TMPDIR:-/tmp}/wbkg-read-costs-$N
OLD=${2:?the older checkout to compare with}/src
rm -rf $M-new $M-old
$PY -m wbkg.cli synth --articles $N --seed 1 -o $M-new > /dev/null
cp -r $M-new $M-old
t() { local label=$1; shift; local s=$(date +%s.%N); "$@" > /tmp/out.$$ 2>/tmp/err.$$; local rc=$?; local e=$(date +%s.%N); echo "$label: $(echo "$e - $s" | bc) s, rc $rc"; }
peak() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, max RSS %M KB, rc %x" "$@" > /dev/null 2>/tmp/time.$$; tail -1 /tmp/time.$$; }
peak "old build --store oxigraph" env PYTHONPATH=$OLD WBKG_PROGRESS=0 $PY -m wbkg.cli --root $M-old build --store oxigraph
peak "new build" env WBKG_PROGRESS=0 $PY -m wbkg.cli --root $M-new build
for code in old new; do
  if [ $code = old ]; then P="env PYTHONPATH=$OLD"; R=$M-old; else P="env"; R=$M-new; fi
  peak "$code show id:kfor" $P $PY -m wbkg.cli --root $R show id:kfor
  peak "$code query entity-facts" $P $PY -m wbkg.cli --root $R query entity-facts --param entity=id:kfor
  peak "$code export turtle" $P $PY -m wbkg.cli --root $R export --format turtle -o /tmp/export-$code.ttl
done
cmp /tmp/export-old.ttl /tmp/export-new.ttl && echo "turtle exports identical" || echo "turtle exports differ (old: in-memory rdflib serialiser; new: the published file)"
echo "--- serve, old"; env PYTHONPATH=$OLD $PY bench/serve_startup.py $M-old --starts 3 --budget 300 2>&1 | tail -12
echo "--- serve, new"; $PY bench/serve_startup.py $M-new --starts 3 2>&1 | tail -12
