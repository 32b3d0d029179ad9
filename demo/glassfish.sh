# demo/run --server glassfish: sourced by demo/run once the Switchboard server and the echo publisher are up. Unpacks
# GlassFish once, creates a fresh domain, runs demo/switchboard.asadmin, prints what to try, and waits for Ctrl-C.
# Uses demo/run's variables and functions (ROOT, DEMO, WORK, LOGS, ports, say, die, wait_for, stop_all).

run_glassfish() {
    local version home domain=switchboard-demo
    version=$(sed -n 's|.*<glassfish.version>\(.*\)</glassfish.version>.*|\1|p' "$ROOT/pom.xml" | head -n 1)
    home=$WORK/glassfish7
    if [[ ! -x $home/bin/asadmin ]]; then
        say "unpacking GlassFish $version (org.glassfish.main.distributions:glassfish, once)"
        (cd "$ROOT" && ./mvnw -q -B -ntp -N dependency:unpack \
            "-Dartifact=org.glassfish.main.distributions:glassfish:$version:zip" "-DoutputDirectory=$WORK")
    fi
    export AS_JAVA=${AS_JAVA:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
    # Set before the domain exists, so stop_all also stops a domain whose start failed half-way.
    GLASSFISH_ASADMIN=$home/bin/asadmin

    say "creating a fresh GlassFish domain '$domain' (HTTP $HTTP_PORT, admin $MGMT_PORT)"
    rm -rf "$home/glassfish/domains/$domain"
    local -a ports=()
    if [[ -n ${GLASSFISH_PORTBASE:-} ]]; then
        ports=(--portbase="$GLASSFISH_PORTBASE")
    fi
    "$GLASSFISH_ASADMIN" --interactive=false create-domain --nopassword=true "${ports[@]}" "$domain" \
        >"$LOGS/glassfish-create-domain.log" 2>&1 \
        || die "create-domain failed; see $LOGS/glassfish-create-domain.log"
    say "starting GlassFish $version"
    "$GLASSFISH_ASADMIN" start-domain "$domain" >"$LOGS/glassfish-start.log" 2>&1 \
        || die "GlassFish did not start; see $LOGS/glassfish-start.log"
    ln -sf "$home/glassfish/domains/$domain/logs/server.log" "$LOGS/glassfish.log"

    say "deploying the resource adapter, its pool and the sample (demo/switchboard.asadmin)"
    # One asadmin per line rather than "asadmin multimode": multimode eats the backslashes of \: and goes on after
    # a failed command.
    local url="tcp\\://127.0.0.1\\:$SWITCHBOARD_PORT" line
    local -a command
    while IFS= read -r line; do
        [[ -z $line || $line == \#* ]] && continue
        read -r -a command <<<"${line//@SWITCHBOARD_URL@/$url}"
        echo "    asadmin ${command[*]}"
        (cd "$WORK/deployments" && "$GLASSFISH_ASADMIN" --port "$MGMT_PORT" "${command[@]}" >>"$LOGS/glassfish-setup.log" 2>&1) \
            || die "asadmin ${command[0]} failed; see $LOGS/glassfish-setup.log and $LOGS/glassfish.log"
    done <"$DEMO/switchboard.asadmin"

    local api=http://127.0.0.1:$HTTP_PORT/switchboard-sample/api
    if command -v curl >/dev/null; then
        wait_for "curl -sf '$api/call/echo/echo?payload=ready' >/dev/null" 60 \
            || die "the sample does not answer; see $LOGS/glassfish.log"
        wait_for "curl -sf '$api/inventory' >/dev/null" 60 \
            || die "the sample's inventory bean did not publish its session; see $LOGS/glassfish.log"
    fi

    cat <<USAGE

==> ready on GlassFish. Try (Ctrl-C here stops everything):

  curl -s $api/ping
  curl -s '$api/call/echo/echo?payload=hello'
  curl -s $api/inventory
  curl -s -X POST -H 'Content-Type: application/json' -d '{"sku":"apple","quantity":3}' $api/inventory/reserve
  curl -s '$api/call/greeter/hello?payload=Ada'
  nc 127.0.0.1 $CHAT_TCP_PORT        (the chat room: /nick NAME, /who, or just talk)

  Admin console:  http://127.0.0.1:$MGMT_PORT (no password)
  Pool:           $GLASSFISH_ASADMIN get 'resources.connector-connection-pool.switchboard-pool.*'
  Logs:           $LOGS/ (glassfish.log is the domain's server.log)
USAGE

    # Until Ctrl-C: the Switchboard server or the publisher ending is fatal.
    while true; do
        wait -n || true
        kill -0 "$SERVER_PID" 2>/dev/null || die "the Switchboard server ended on its own; see $LOGS/switchboard.log"
        kill -0 "$PUBLISHER_PID" 2>/dev/null || die "the echo publisher ended on its own; see $LOGS/publisher.log"
    done
}
