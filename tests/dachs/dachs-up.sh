#!/usr/bin/env bash
# A real TAP server for the Downloader's integration tests: GAVO DaCHS (Debian gavodachs2-server, TAP 1.1, UWS 1.1)
# on 127.0.0.1, serving the simulated sky of data-samples/ in tables shaped like the real ones:
#   irsa.allwise_p3as_psd      the AllWISE columns the toolkit selects (w3/w4 and pm are NULL: the samples have none)
#   gaiadr3.gaia_source        source_id, ra, dec, pmra, pmdec, parallax, phot_g_mean_mag, ref_epoch
#   irsa.neowiser_p1bs_psd     NEOWISE-R single exposures with the quality columns (qual_frame, qi_fact, saa_sep, ...)
#
#   sudo tests/dachs/dachs-up.sh          install what is missing, start PostgreSQL and DaCHS, load the tables
#   sudo tests/dachs/dachs-up.sh stop     stop both
#
# Root is needed (apt-get, pg_ctlcluster, runuser). Idempotent: a second run checks and returns in about a second; the
# tables are re-imported only when the samples or this script change. The tables are exported from data-samples/ with
# the toolkit jar; without the jar the server starts with none (build it, then run this again). Progress goes to
# stderr; stdout gets one line, the TAP base URL. Environment: DACHS_PORT (default 8080).
#
# The pitfalls this handles (see the project's TAP notes): PostgreSQL must run before the package's postinst;
# nothing auto-starts in a container; bookworm's pgsphere does not load into PostgreSQL 15.20 without removing two
# DaCHS-compatibility operator clauses; DaCHS runs under /usr/bin/python3 and must not see a pyenv/virtualenv.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PORT="${DACHS_PORT:-8080}"
PGV=15
TAP="http://localhost:${PORT}/tap"
JAR="$ROOT/toolkit/target/tasni-toolkit.jar"
CLEANENV=(env -i LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin)

log() { printf '[dachs-up %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (it installs packages and starts PostgreSQL)"

dachs_admin() { runuser -u dachsroot -- "${CLEANENV[@]}" /usr/bin/dachs "$@"; }
dachs_root() { "${CLEANENV[@]}" /usr/bin/dachs "$@"; }
psql_pg() { runuser -u postgres -- psql -X -q -tA "$@"; }
server_up() { local a; a=$(curl -sf --max-time 5 "${TAP}/availability" 2>/dev/null) || return 1; [[ "$a" == *'>true<'* ]]; }
pkg_ok() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = 'install ok installed' ]; }

if [ "${1:-}" = stop ]; then
  [ -x /usr/bin/dachs ] && { dachs_root serve stop >&2 || true; }
  pg_ctlcluster "$PGV" main stop >&2 2>/dev/null || true
  log "stopped"
  exit 0
fi

# ---- packages: PostgreSQL and the sphere extensions first, DaCHS only once the cluster runs
export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends)
MISSING=()
for p in "postgresql-${PGV}" "postgresql-${PGV}-pgsphere" "postgresql-${PGV}-q3c" curl python3; do
  pkg_ok "$p" || MISSING+=("$p") # only what is missing: naming an installed postgresql-15 would upgrade it
done
if [ "${#MISSING[@]}" -gt 0 ] || ! pkg_ok gavodachs2-server; then
  log "apt-get update"
  apt-get -q -o DPkg::Lock::Timeout=300 update >&2
fi
if [ "${#MISSING[@]}" -gt 0 ]; then
  log "installing ${MISSING[*]}"
  "${APT[@]}" install "${MISSING[@]}" >&2
fi

# PostgreSQL >= 15.20 refuses pgsphere 1.1.1's two DaCHS-compat operators @(bigint,smoc), @(spoint,smoc) ("commutator
# operator @> is already the commutator of operator <@"); upstream dropped them, DaCHS 2.7 does not use them.
PGS_SQL="/usr/share/postgresql/${PGV}/extension/pg_sphere--1.2.0.sql"
if [ -f "$PGS_SQL" ] && sed -n '/backwards-compatible operators for GAVO DaCHS/,/^-- debugging/p' "$PGS_SQL" \
     | grep -q "COMMUTATOR = '@>'"; then
  log "patching $PGS_SQL (pgsphere's DaCHS-compat operators vs. PostgreSQL 15.20)"
  sed -i '/backwards-compatible operators for GAVO DaCHS/,/^-- debugging/{/COMMUTATOR = .@>.,/d;/NEGATOR    = .!<@.,/d}' "$PGS_SQL"
fi

pg_lsclusters -h | awk -v v="$PGV" '$1==v && $2=="main"{f=1} END{exit !f}' || { log "creating cluster"; pg_createcluster "$PGV" main >&2; }
if ! pg_lsclusters -h | awk -v v="$PGV" '$1==v && $2=="main" && $4 ~ /^online/{f=1} END{exit !f}'; then
  log "starting PostgreSQL ${PGV}"
  pg_ctlcluster "$PGV" main start >&2
fi
for _ in $(seq 1 60); do pg_isready -q && break; sleep 0.5; done
pg_isready -q || die "PostgreSQL did not become ready"

pkg_ok gavodachs2-server || dpkg --configure -a >&2 || true # a half-configured install from a run without PostgreSQL
if ! pkg_ok gavodachs2-server; then
  log "installing gavodachs2-server"
  "${APT[@]}" install gavodachs2-server >&2
fi
if [ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname='gavo'")" != 1 ] || [ ! -f /var/gavo/etc/dsn ]; then
  log "initialising the DaCHS database"
  [ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname='gavo'")" = 1 ] \
    || runuser -u postgres -- createdb --encoding=UTF-8 --template template0 gavo
  [ "$(psql_pg -c "SELECT 1 FROM pg_roles WHERE rolname='dachsroot'")" = 1 ] || runuser -u postgres -- createuser -s dachsroot
  mkdir -p /var/gavo && chown dachsroot /var/gavo
  dachs_admin init >&2
fi

RESTART=0
RC=$(cat <<EOF
[web]
bindAddress: 127.0.0.1
serverPort: ${PORT}
serverURL: http://localhost:${PORT}
sitename: TASNI test TAP service

[async]
defaultMAXREC: 20000
maxTAPRunning: 8
EOF
)
if [ "$(cat /etc/gavo.rc 2>/dev/null)" != "$RC" ]; then
  printf '%s\n' "$RC" > /etc/gavo.rc
  RESTART=1
fi

# ---- tables: one resource descriptor per schema, loaded from CSV exported out of data-samples/
load_tables() {
  local s="$ROOT/data-samples" samples stamp n
  samples=("$s"/tiles/wise_hp*.parquet "$s"/tiles/gaia_hp*.parquet "$s"/neowise_epochs.parquet)
  stamp=$(cat "$HERE"/*.rd "$HERE/make_tables.py" "${samples[@]}" | sha256sum | cut -d' ' -f1)
  n=$(psql_pg -d gavo -c "SELECT (SELECT count(*) FROM irsa.allwise_p3as_psd) + (SELECT count(*) FROM gaiadr3.gaia_source)
                            + (SELECT count(*) FROM irsa.neowiser_p1bs_psd)" 2>/dev/null || true)
  if [ "$stamp" = "$(cat /var/gavo/inputs/.tasni-stamp 2>/dev/null)" ] && [ "$n" = "$(cat /var/gavo/inputs/.tasni-rows 2>/dev/null)" ]; then
    return 0
  fi
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  log "exporting data-samples/ to CSV"
  for t in "${samples[@]}"; do
    java -jar "$JAR" convert "$t" "$tmp/$(basename "$t" .parquet).csv" >/dev/null
  done
  "${CLEANENV[@]}" /usr/bin/python3 "$HERE/make_tables.py" "$tmp" "$tmp/out"
  for schema in irsa gaiadr3; do
    install -d -o dachsroot -g gavo -m 775 "/var/gavo/inputs/$schema" "/var/gavo/inputs/$schema/data"
    install -o dachsroot -g gavo -m 664 "$HERE/$schema.rd" "/var/gavo/inputs/$schema/q.rd"
  done
  install -o dachsroot -g gavo -m 664 "$tmp/out/allwise_p3as_psd.csv" "$tmp/out/neowiser_p1bs_psd.csv" /var/gavo/inputs/irsa/data/
  install -o dachsroot -g gavo -m 664 "$tmp/out/gaia_source.csv" /var/gavo/inputs/gaiadr3/data/
  log "importing the sample tables (dachs imp)"
  dachs_admin imp irsa/q >&2
  dachs_admin imp gaiadr3/q >&2
  n=$(psql_pg -d gavo -c "SELECT (SELECT count(*) FROM irsa.allwise_p3as_psd) + (SELECT count(*) FROM gaiadr3.gaia_source)
                            + (SELECT count(*) FROM irsa.neowiser_p1bs_psd)")
  [ "$n" = "$(cat "$tmp/out/rows")" ] || die "import gave $n rows, expected $(cat "$tmp/out/rows")"
  echo "$stamp" > /var/gavo/inputs/.tasni-stamp
  echo "$n" > /var/gavo/inputs/.tasni-rows
  RESTART=1
}
if [ -f "$JAR" ] && command -v java >/dev/null; then
  load_tables
else
  log "no toolkit jar ($JAR): the server starts without the sample tables; build it (mvn package) and run this again"
fi

if [ "$RESTART" = 1 ] || ! server_up; then
  log "(re)starting DaCHS on 127.0.0.1:${PORT}"
  dachs_root serve stop >&2 2>/dev/null || true
  dachs_root serve start >&2 || { rm -f /var/gavo/state/web.pid; dachs_root serve start >&2; } # stale pid of a zombie
  for _ in $(seq 1 120); do server_up && break; sleep 0.5; done
  server_up || { tail -n 30 /var/gavo/logs/dcErrors >&2 || true; die "DaCHS did not come up on ${TAP}"; }
fi
log "DaCHS is up: ${TAP}"
echo "${TAP}"
