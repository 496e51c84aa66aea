/** The edge agent version this code base is; agents report theirs and older ones are flagged as outdated. */
export const AGENT_VERSION = '0.1.0';
