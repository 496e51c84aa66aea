"""A real RTSP server for tests: GStreamer's RTSP server library serving one
H.264 MP4 file at its own pace (the sinks run on the clock), as a camera would.
Loop a short file into a long one beforehand (ffmpeg -stream_loop N -c copy).

    /usr/bin/python3 rtspServer.py --file long.mp4 [--path /stream1 ...] [--port 0]

Binds 127.0.0.1 on a free port and prints one line `READY <port>` on stdout
once it listens. SIGTERM or SIGKILL ends it; SIGSTOP freezes it (a stalled
camera). Needs gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-plugins-good
gstreamer1.0-plugins-bad (h264parse).
"""
import argparse
import signal
import sys

import gi

gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('--file', required=True)
    parser.add_argument('--path', action='append', help='mount point; repeat for more (default /stream1 and /stream2)')
    parser.add_argument('--port', type=int, default=0)
    args = parser.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address('127.0.0.1')
    server.set_service(str(args.port))
    factory = GstRtspServer.RTSPMediaFactory()
    location = args.file.replace('"', '\\"')
    factory.set_launch(
        f'( filesrc location="{location}" ! qtdemux ! h264parse '
        f'! rtph264pay name=pay0 pt=96 config-interval=1 )'
    )
    factory.set_shared(True)
    for mount in args.path or ['/stream1', '/stream2']:
        server.get_mount_points().add_factory(mount, factory)
    if server.attach(None) == 0:
        print(f'cannot listen on 127.0.0.1:{args.port}', file=sys.stderr, flush=True)
        sys.exit(1)
    port = server.get_bound_port()
    if port <= 0:
        print(f'cannot listen on 127.0.0.1:{args.port}', file=sys.stderr, flush=True)
        sys.exit(1)
    print(f'READY {port}', flush=True)

    loop = GLib.MainLoop()
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, loop.quit)
    loop.run()
    sys.exit(0)


if __name__ == '__main__':
    main()
