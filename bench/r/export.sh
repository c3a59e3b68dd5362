#!/bin/sh
# Regenerates bench/data/real-series.json (issue 10) from R's data packages and R forecast's own
# ets() and auto.arima() answers. Needs R only here; the bench and CI read the committed JSON.
#   sh bench/r/export.sh            (EXPORT_WORKERS=2 processes; an interrupted run resumes)
set -eu
cd "$(dirname "$0")/../.."
if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'library(forecast)' >/dev/null 2>&1; then
  echo "Installerar R och forecast från Debian (r-base-core r-cran-forecast) …" >&2
  apt-get install -y r-base-core r-cran-forecast
fi
OUT=bench/data/real-series.json
WORKERS=${EXPORT_WORKERS:-2}
i=0
while [ "$i" -lt "$WORKERS" ]; do
  EXPORT_WORKER=$i EXPORT_WORKERS=$WORKERS Rscript bench/r/export-real-series.R "$OUT" &
  i=$((i + 1))
done
wait
Rscript bench/r/export-real-series.R "$OUT"
# The parts stay (committed) so a later run resumes where this one stopped.
