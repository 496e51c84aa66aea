export const agentUsage = `Usage: vtrack-agent <command> [options]

The VTrack edge agent: watches local footage folders, takes each video once it
has stopped growing, finds the tracking codes in it on site, uploads events and
clips (and the footage, if your account keeps originals) and keeps its disk within
the limits set for it.

Commands:
  enrol    join your VTrack account with the code shown on the web app's Agents page:
             vtrack-agent enrol --api https://your-vtrack-site --code ABCDE23456
  run      run the agent until stopped (SIGTERM or Ctrl-C stop it cleanly); once
           enrolled it pulls its configuration, reports a heartbeat every minute and
           uploads; an upload cut off by a restart or an outage goes on where it stopped
  status   print what the agent holds: configuration, queue, files taken, outbox,
           footage kept

Options:
  --state-dir <dir>   where the agent keeps its state (default /var/lib/vtrack-agent,
                      or VTRACK_AGENT_STATE_DIR)
  --config <file>     run: apply this configuration file (JSON, as the cloud sends it)
                      before starting, for a site without the cloud; a bad value is
                      refused with the field named and the last good one is kept
  --api <url>         enrol: your VTrack site
  --code <code>       enrol: the one-time code
  -h, --help          this help

Environment: VTRACK_FFMPEG and VTRACK_FFPROBE name the ffmpeg binaries (default: PATH);
LOG_LEVEL sets the log level (default info). Logs are JSON lines on standard output.`;
