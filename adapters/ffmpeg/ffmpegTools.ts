/** Where the ffmpeg binaries are, as found by locateFfmpeg; passed to every ffmpeg adapter. */
export interface FfmpegTools {
  readonly ffmpeg: string;
  readonly ffprobe: string;
}
