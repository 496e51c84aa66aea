/** Shown whenever ffmpeg or ffprobe cannot be run, so the fix is in the message. */
export const ffmpegInstallHint =
  'Install ffmpeg (Debian/Ubuntu: `apt-get install ffmpeg`; macOS: `brew install ffmpeg`; Windows: `winget install ffmpeg`) ' +
  'or point VTRACK_FFMPEG and VTRACK_FFPROBE at the binaries.';
