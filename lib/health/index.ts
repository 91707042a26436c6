export { getHealth, type Health } from './get-health'
