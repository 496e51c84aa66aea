export const processUsage = `Usage: vtrack process <video…> --out <dir> [options]

Finds tracking codes in packing footage, writes <dir>/events.json and one clip per order
(<dir>/clips/*.mp4). Several files of one camera are treated as consecutive segments.

Options:
  --out DIR              output folder (required)
  --camera NAME          camera name (default: file-name prefix, e.g. Cam1 in Cam1_20250718_093000.mp4)
  --tz ZONE              camera clock's zone: IANA name (Asia/Ho_Chi_Minh) or offset (+07:00); default: this machine's zone
  --roi X,Y,W,H          only analyse this rectangle: whole pixels, or fractions of the
                         picture (0 to 1, as a source's settings store it, e.g. 0.25,0.1,0.5,0.6)
  --fps N                frames analysed per second (default 5)
  --width N              analysis width in pixels (default 1280; never upscaled)
  --squeeze F            shrink height F times more than width (default 1; 3 with --search rows)
  --search MODE          regions (default: read only where a label can be, at full resolution, any angle),
                         rows (former default: squeezed frames, fast, misses sideways 1D and small QR), full
  --rotate on|off        also read at 90/180/270 degrees (default on; off with --search rows)
  --straighten on|off    read tilted 1D codes straightened along their bars (default off; regions only)
  --binarizer NAME       LocalAverage (default), GlobalHistogram, FixedThreshold, BoolCast
  --symbologies LIST     comma-separated: QRCode,Code128,DataMatrix,PDF417,Code39 (default all)
  --clips MODE           copy (default; fast, starts at the keyframe before), accurate (re-encode), none
  --pre S / --post S     seconds of footage before/after each order in its clip (default 2 / 2)
  --gap S                a code unseen for longer than this has left the view (default 3)
  --min-packing S        drop orders shorter than this (default 0)
  --max-packing S        cut orders longer than this (default 600)
  --end-at MODE          lastSeen (default) or nextCode (an order lasts until the next code appears)
  --min-detections N     reads needed for a code to count (default 1)
  --pattern CARRIER=RE   accept tracking codes matching RE (repeatable; replaces the built-in carrier list)

Environment: VTRACK_FFMPEG, VTRACK_FFPROBE — paths to the binaries when not on PATH.`;
