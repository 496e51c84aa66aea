/**
 * File-name shapes cameras and NVR exports use, tried in order. Named groups:
 * `camera` (optional), `Y` `m` `d` `H` `M` `S`. The time is the camera's local
 * wall clock; the camera's zone turns it into UTC.
 */
export const defaultFileNamePatterns: readonly string[] = [
  // Cam1_20250718_093000.mp4, Cam1-20250718T093000.mkv
  '^(?<camera>.+?)[_-](?<Y>\\d{4})(?<m>\\d{2})(?<d>\\d{2})[_T-]?(?<H>\\d{2})(?<M>\\d{2})(?<S>\\d{2})(?!\\d)',
  // Cam1_2025-07-18_09-30-00.mp4, Cam1 2025-07-18 09.30.00.mp4
  '^(?<camera>.+?)[ _-](?<Y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})[ _T](?<H>\\d{2})[-_:.](?<M>\\d{2})[-_:.](?<S>\\d{2})',
  // 20250718_093000.mp4, 2025-07-18_09-30-00.mp4 (camera from elsewhere)
  '^(?<Y>\\d{4})-?(?<m>\\d{2})-?(?<d>\\d{2})[ _T-]?(?<H>\\d{2})[-_:.]?(?<M>\\d{2})[-_:.]?(?<S>\\d{2})(?!\\d)',
];
