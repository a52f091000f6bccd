# launch_kind ARGS...: what Gatehouse's arguments start, for the JVM options each needs. Sourced by the
# clone's ./gatehouse and by the package's /usr/bin/gatehouse (installed as /opt/gatehouse/lib/launch-kind.sh),
# so that both tell a command from the console the same way (LauncherKindTest).
# What the arguments start: the console (no command, gui or demo), the aging service's loop (sync), or a
# command that ends within seconds. Top-level options are skipped with their values, as picocli reads them
# (cli/CommandTree); GATEHOUSE_LAUNCH=console|service|command says it instead (making the CDS archives).
launch_kind() {
    while [ $# -gt 0 ]; do
        case $1 in
            --allow-insecure-http|--accept-new-host-key|--debug|--) shift ;;
            --*=*) shift ;;
            -h|--help|-V|--version) echo command; return ;;
            -*) shift; [ $# -gt 0 ] && shift ;;
            gui|demo) echo console; return ;;
            sync) echo service; return ;;
            *) echo command; return ;;
        esac
    done
    echo console
}
