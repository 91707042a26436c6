export { consumeRateLimit, purgeExpiredRateLimits, type RateLimitResult } from './consume-rate-limit'
