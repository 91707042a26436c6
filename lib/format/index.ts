export { formatWhen } from './format-when'
export { formatWait } from './format-wait'
