#!/usr/bin/env bash
# Start or stop a throw-away OpenLink Virtuoso for the remote-store tests.
#
#   .ci/virtuoso.sh start   # prints the SPARQL endpoint URL (and is a no-op if already running)
#   .ci/virtuoso.sh stop    # stops it and deletes its database (a no-op if not running)
#   .ci/virtuoso.sh status  # prints the endpoint URL and exits 0 if running, else exits 1
#
# The server binds HTTP and ISQL to 127.0.0.1 only, keeps its database in a temp directory
# (VIRTUOSO_DIR, default ${TMPDIR:-/tmp}/mnkg-virtuoso) and listens on VIRTUOSO_HTTP_PORT /
# VIRTUOSO_ISQL_PORT (default: free high ports chosen at start). After start:
#   SPARQL query + update : http://127.0.0.1:<port>/sparql   (anonymous user "SPARQL")
#   Graph Store Protocol  : http://127.0.0.1:<port>/sparql-graph-crud
# Seen with Debian's 7.2.5: POST with Content-Type application/sparql-query hangs; send queries
# by GET or form-encoded POST.
set -euo pipefail

VIRTUOSO_DIR="${VIRTUOSO_DIR:-${TMPDIR:-/tmp}/mnkg-virtuoso}"
STATE="$VIRTUOSO_DIR/state"
START_TIMEOUT="${VIRTUOSO_START_TIMEOUT:-120}"

die() { echo "virtuoso.sh: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Reads PID, HTTP_PORT, ISQL_PORT from the state file; returns 1 if absent or not running.
running() {
  [ -f "$STATE" ] || return 1
  # shellcheck disable=SC1090
  . "$STATE"
  kill -0 "$PID" 2>/dev/null || return 1
}

endpoint() { echo "http://127.0.0.1:$HTTP_PORT/sparql"; }

isql() {
  isql-vt "127.0.0.1:$ISQL_PORT" dba dba "$@"
}

write_ini() {
  cat >"$VIRTUOSO_DIR/virtuoso.ini" <<EOF
[Database]
DatabaseFile       = $VIRTUOSO_DIR/db/virtuoso.db
ErrorLogFile       = $VIRTUOSO_DIR/db/virtuoso.log
LockFile           = $VIRTUOSO_DIR/db/virtuoso.lck
TransactionFile    = $VIRTUOSO_DIR/db/virtuoso.trx
xa_persistent_file = $VIRTUOSO_DIR/db/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $VIRTUOSO_DIR/db/virtuoso-temp.db
TransactionFile    = $VIRTUOSO_DIR/db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:$ISQL_PORT
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = ., $VIRTUOSO_DIR
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxQueryMem              = 1G
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 4
AsyncQueueMaxThreads     = 10
NumberOfBuffers          = 20000
MaxDirtyBuffers          = 15000

[HTTPServer]
ServerPort                  = 127.0.0.1:$HTTP_PORT
ServerRoot                  = $VIRTUOSO_DIR/vsp
MaxClientConnections        = 10
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 60
DeferInferenceRulesInit    = 0
EOF
}

# Lets the anonymous web user write through /sparql (SPARQL Update) and /sparql-graph-crud
# (Graph Store Protocol PUT/POST/DELETE). Safe only because the server listens on loopback.
grant_writes() {
  isql >"$VIRTUOSO_DIR/grant.log" 2>&1 <<'EOF'
GRANT SPARQL_UPDATE TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO "SPARQL";
GRANT EXECUTE ON DB.DBA.L_O_LOOK TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARUL_RUN TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_MODIFY_BY_DICT_CONTENTS TO "SPARQL";
GRANT EXECUTE ON DB.DBA.RDF_OBJ_ADD_KEYWORD_FOR_GRAPH TO "SPARQL";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);
EOF
  grep -qi 'error' "$VIRTUOSO_DIR/grant.log" && { cat "$VIRTUOSO_DIR/grant.log" >&2; return 1; }
  return 0
}

start() {
  if running; then
    endpoint
    return 0
  fi
  command -v virtuoso-t >/dev/null || die "virtuoso-t not found (apt-get install virtuoso-opensource)"
  command -v isql-vt >/dev/null || die "isql-vt not found (apt-get install virtuoso-opensource)"
  rm -rf "$VIRTUOSO_DIR"
  mkdir -p "$VIRTUOSO_DIR/db" "$VIRTUOSO_DIR/vsp"
  HTTP_PORT="${VIRTUOSO_HTTP_PORT:-$(free_port)}"
  ISQL_PORT="${VIRTUOSO_ISQL_PORT:-$(free_port)}"
  [ "$HTTP_PORT" != "$ISQL_PORT" ] || ISQL_PORT="$(free_port)"
  write_ini
  # +foreground keeps the PID known; setsid detaches it from the caller's terminal and signals.
  # setsid may fork, so the child writes its own PID before exec'ing the server.
  rm -f "$VIRTUOSO_DIR/pid"
  # All three standard streams are redirected so that no caller's pipe (e.g. $(...)) stays open.
  (cd "$VIRTUOSO_DIR/db" &&
    exec setsid bash -c 'echo $$ >"$1/pid"; exec virtuoso-t +foreground +configfile "$1/virtuoso.ini"' \
      _ "$VIRTUOSO_DIR") >"$VIRTUOSO_DIR/stdout.log" 2>&1 </dev/null &
  for _ in $(seq 1 50); do [ -s "$VIRTUOSO_DIR/pid" ] && break; sleep 0.1; done
  PID="$(cat "$VIRTUOSO_DIR/pid")" || die "virtuoso-t did not start"
  printf 'PID=%s\nHTTP_PORT=%s\nISQL_PORT=%s\n' "$PID" "$HTTP_PORT" "$ISQL_PORT" >"$STATE"

  local deadline=$((SECONDS + START_TIMEOUT))
  until curl -fsS -o /dev/null --max-time 5 \
      "$(endpoint)?query=ASK%7B%7D&format=application%2Fsparql-results%2Bjson" 2>/dev/null; do
    if ! kill -0 "$PID" 2>/dev/null; then
      tail -n 30 "$VIRTUOSO_DIR/db/virtuoso.log" "$VIRTUOSO_DIR/stdout.log" >&2 || true
      die "virtuoso-t exited during start-up (log above)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 30 "$VIRTUOSO_DIR/db/virtuoso.log" >&2 || true
      stop >/dev/null 2>&1 || true
      die "Virtuoso not ready after ${START_TIMEOUT}s"
    fi
    sleep 0.5
  done
  grant_writes || { stop >/dev/null 2>&1 || true; die "granting SPARQL writes failed (log above)"; }
  endpoint
}

stop() {
  if running; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -0 "$PID" 2>/dev/null && kill -9 "$PID" 2>/dev/null || true
  fi
  rm -rf "$VIRTUOSO_DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then endpoint; else exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
