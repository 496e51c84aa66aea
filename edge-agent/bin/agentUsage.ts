export const agentUsage = `Usage: vtrack-agent <command> [options]

The VTrack edge agent: watches local footage folders, takes each video once it
has stopped growing, finds the tracking codes in it on site and keeps events
and clips ready for upload.

Commands:
  run      run the agent until stopped (SIGTERM or Ctrl-C stop it cleanly)
  status   print what the agent holds: configuration, queue, files taken, outbox

Options:
  --state-dir <dir>   where the agent keeps its state (default /var/lib/vtrack-agent,
                      or VTRACK_AGENT_STATE_DIR)
  --config <file>     run: apply this configuration file (JSON, as the cloud sends it)
                      before starting; a bad value is refused with the field named and
                      the last good configuration is kept
  -h, --help          this help

Environment: VTRACK_FFMPEG and VTRACK_FFPROBE name the ffmpeg binaries (default: PATH);
LOG_LEVEL sets the log level (default info). Logs are JSON lines on standard output.`;
