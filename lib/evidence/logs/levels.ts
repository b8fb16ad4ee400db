/**
 * Log levels, normalised across ecosystems (syslog, log4j, java.util.logging, Python, klog,
 * BGL…) so that ranking and the error-rate timeline compare like with like.
 */
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'NOTICE' | 'WARN' | 'ERROR' | 'FATAL';

/** Higher is more severe. */
export const LEVEL_SEVERITY: Record<LogLevel, number> = {
  TRACE: 0,
  DEBUG: 1,
  INFO: 2,
  NOTICE: 3,
  WARN: 4,
  ERROR: 5,
  FATAL: 6,
};

const LEVEL_WORDS: Record<string, LogLevel> = {
  TRACE: 'TRACE',
  FINEST: 'TRACE',
  FINER: 'TRACE',
  VERBOSE: 'TRACE',
  DEBUG: 'DEBUG',
  DBG: 'DEBUG',
  FINE: 'DEBUG',
  CONFIG: 'DEBUG',
  INFO: 'INFO',
  INFORMATION: 'INFO',
  NOTICE: 'NOTICE',
  WARN: 'WARN',
  WARNING: 'WARN',
  ERR: 'ERROR',
  ERROR: 'ERROR',
  SEVERE: 'ERROR',
  FAILURE: 'ERROR',
  CRIT: 'FATAL',
  CRITICAL: 'FATAL',
  ALERT: 'FATAL',
  EMERG: 'FATAL',
  EMERGENCY: 'FATAL',
  PANIC: 'FATAL',
  FATAL: 'FATAL',
};

/** `word` as written in a header (any case) → its level, or undefined if it is not a level word. */
export function levelFromWord(word: string): LogLevel | undefined {
  return LEVEL_WORDS[word.toUpperCase()];
}

/**
 * A bare header token is only a level when written in capitals (`ERROR`, `INFO`): lower-case
 * `error` or `info` at the start of a message is prose, not a header field.
 */
export function levelFromBareToken(token: string): LogLevel | undefined {
  // The table's keys are upper-case, so a direct lookup accepts exactly the capitalised words.
  return Object.hasOwn(LEVEL_WORDS, token) ? LEVEL_WORDS[token] : undefined;
}

/** klog/glog put the level in the first letter: `E0115 10:23:45.123456 …`. */
export const KLOG_LEVELS: Record<string, LogLevel> = { I: 'INFO', W: 'WARN', E: 'ERROR', F: 'FATAL' };

const ERROR_WORDS = /\b(?:error|errors|exception|fatal|fail(?:ed|ure|s)?|panic|crash(?:ed)?|refused|denied|unreachable|timed? ?out|cannot|could not|unable to|segfault|oom|killed|abort(?:ed)?|corrupt(?:ed)?|traceback)\b/i;
const WARN_WORDS = /\b(?:warn(?:ing)?|deprecated|retry(?:ing)?|slow|degraded|throttl(?:ed|ing)|unknown|invalid|not found|rejected|lost)\b/i;

/**
 * Severity used for ranking when a line has no level field (syslog, ssh, proxy logs): the
 * message words stand in for it. The declared level always wins when there is one.
 */
export function severityOf(level: LogLevel | undefined, message: string): number {
  if (level) return LEVEL_SEVERITY[level];
  if (ERROR_WORDS.test(message)) return LEVEL_SEVERITY.ERROR;
  if (WARN_WORDS.test(message)) return LEVEL_SEVERITY.WARN;
  return LEVEL_SEVERITY.INFO;
}

/** Lines at or above this severity count as errors in the timeline and "top errors". */
export const ERROR_SEVERITY = LEVEL_SEVERITY.ERROR;
