export { consumeRateLimit, consumeRateLimits, purgeExpiredRateLimits, type RateLimitResult } from './consume-rate-limit'
